import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { createTestDatabase, databaseClient } from '../helpers/database';
import { PLAYGROUND } from '../helpers/strapi';
const { footprint } = require('../../scripts/footprint.js');

const ROOT = path.resolve(__dirname, '..', '..');
const APP = path.join(ROOT, '.tmp', 'packed-app');
const NESTED_UTILS_VERSION = '5.0.0-nested-copy';

/** Bytes of every file under `dir`. */
function duBytes(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? duBytes(full) : fs.statSync(full).size);
  }, 0);
}

/**
 * `npm pack` gives a package a separate Strapi 5 app can install: the tarball is unpacked into a copy of
 * the site's node_modules (as `npm install strapi-plugin-journey-map` would), enabled with the plain
 * `{ 'journey-map': { enabled: true } }` of the README, and the app boots with it.
 */
describe(`the packed plugin in a separate app on ${databaseClient()}`, () => {
  let strapi: any;
  let drop: () => Promise<void>;
  const previous = { ...process.env };

  beforeAll(async () => {
    fs.rmSync(APP, { recursive: true, force: true });
    fs.mkdirSync(path.join(APP, 'node_modules'), { recursive: true });
    for (const entry of ['package.json', 'tsconfig.json', 'favicon.png', 'src', 'config', 'public']) {
      fs.cpSync(path.join(PLAYGROUND, entry), path.join(APP, entry), { recursive: true });
    }
    // What `npm install strapi-plugin-journey-map` writes: Strapi finds plugins among the app's dependencies.
    const pkg = JSON.parse(fs.readFileSync(path.join(APP, 'package.json'), 'utf8'));
    pkg.dependencies['strapi-plugin-journey-map'] = '0.1.0';
    fs.writeFileSync(path.join(APP, 'package.json'), JSON.stringify(pkg, null, 2));
    fs.writeFileSync(
      path.join(APP, 'config', 'plugins.ts'),
      // The installed copy's folder is spelled out: this app sits inside the plugin's own repository, where
      // Node resolves the package's name to the repository itself (a package may import itself by name).
      "export default () => ({\n  'journey-map': { enabled: true, resolve: './node_modules/strapi-plugin-journey-map' },\n  'users-permissions': { config: { jwtSecret: 'packed-app-jwt-secret' } },\n});\n"
    );
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', APP], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    const target = path.join(APP, 'node_modules', 'strapi-plugin-journey-map');
    fs.mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(APP, tarball), '-C', target, '--strip-components=1']);
    // A second copy of @strapi/utils at another version, nested under the plugin, as npm leaves it when a
    // site's lock pins another version: the plugin's error classes are then not Strapi's (instanceof fails).
    const nested = path.join(target, 'node_modules', '@strapi', 'utils');
    fs.cpSync(path.dirname(require.resolve('@strapi/utils/package.json')), nested, { recursive: true, dereference: true });
    const utilsPkg = JSON.parse(fs.readFileSync(path.join(nested, 'package.json'), 'utf8'));
    fs.writeFileSync(path.join(nested, 'package.json'), JSON.stringify({ ...utilsPkg, version: NESTED_UTILS_VERSION }, null, 2));

    const db = await createTestDatabase('packed');
    drop = db.drop;
    Object.assign(process.env, db.env, { NODE_ENV: 'test', PLAYGROUND_SEED: 'false', CRON_ENABLED: 'false', STRAPI_LOG_LEVEL: 'error' });
    await compileStrapi({ appDir: APP, ignoreDiagnostics: true });
    strapi = await createStrapi({ appDir: APP, distDir: path.join(APP, 'dist') }).load();
    await strapi.server.mount();
  });

  afterAll(async () => {
    await strapi?.destroy();
    await drop?.();
    process.env = previous;
    fs.rmSync(APP, { recursive: true, force: true });
  });

  it('contains only the built plugin and loads it from node_modules', () => {
    const files = execFileSync('tar', ['-tzf', fs.readdirSync(APP).filter((f) => f.endsWith('.tgz')).map((f) => path.join(APP, f))[0]], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files.every((f) => f === 'package/package.json' || f === 'package/README.md' || f.startsWith('package/dist/') || f === 'package/LICENSE')).toBe(true);
    expect(files).toEqual(expect.arrayContaining(['package/dist/server/index.js', 'package/dist/admin/index.mjs']));
    expect(strapi.plugin('journey-map')).toBeDefined();
    // The server code that runs is the unpacked tarball's, not this repository's dist/.
    const loaded = Object.keys(require.cache).filter((f) => f.includes(`${path.sep}dist${path.sep}server${path.sep}`) && f.includes('strapi-plugin-journey-map'));
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((f) => f.startsWith(path.join(APP, 'node_modules', 'strapi-plugin-journey-map')))).toBe(true);
    expect(strapi.contentTypes['plugin::journey-map.assignment']).toBeDefined();
  });

  /**
   * What `npm install strapi-plugin-journey-map` adds to this Strapi 5 site: the packages the packed
   * package.json pulls in (dependencies and required peers) that the site does not already hold, and
   * their size, from the lockfile (scripts/footprint.js; before build tools left the peers: 134 packages,
   * 56.2 MiB). Build tools must never be among them.
   */
  it('adds only what runs to the site: no build tools, at most 3 packages and 2 MiB besides itself', () => {
    const packed = JSON.parse(fs.readFileSync(path.join(APP, 'node_modules', 'strapi-plugin-journey-map', 'package.json'), 'utf8'));
    const required = [...Object.keys(packed.dependencies ?? {}), ...Object.keys(packed.peerDependencies ?? {})];
    for (const tool of ['@strapi/sdk-plugin', '@strapi/typescript-utils', 'typescript', 'vite', 'esbuild', '@swc/core', 'eslint', 'jest']) {
      expect(required).not.toContain(tool);
    }
    const site = JSON.parse(fs.readFileSync(path.join(PLAYGROUND, 'package.json'), 'utf8'));
    const added = footprint(packed, site);
    // minisearch indexes the tag suggestions at run time; the stop-word lists and csv-parse (which reads
    // imported analytics exports; its package ships four builds, 1.5 MB) are bundled into the server build.
    expect(added.packages).toEqual(['csv-stringify@6.6.0', 'html-to-image@1.11.13', 'minisearch@7.2.0']);
    expect(added.bytes).toBeLessThan(2 * 1024 * 1024);
    // The package's own files (without the second @strapi/utils this test nests under it): 2.6 MB unpacked.
    const target = path.join(APP, 'node_modules', 'strapi-plugin-journey-map');
    const own = duBytes(target) - duBytes(path.join(target, 'node_modules'));
    expect(own).toBeLessThan(4 * 1024 * 1024);
  });

  it('serves its admin API', async () => {
    const credentials = { email: 'pack@journey-map.test', password: 'Password1234', firstname: 'Pack', lastname: 'Test' };
    const token = (await request(strapi.server.httpServer).post('/admin/register-admin').send(credentials).expect(200)).body.data.token;
    const res = await request(strapi.server.httpServer).get('/journey-map/presets').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body.data.map((p: any) => p.id)).toContain('default');
  });

  it('keeps its 400, 404 and 409 with a second copy of @strapi/utils at another version', async () => {
    const pluginDir = path.join(APP, 'node_modules', 'strapi-plugin-journey-map');
    const pluginUtils = require.resolve('@strapi/utils', { paths: [pluginDir] });
    const strapiUtils = require.resolve('@strapi/utils', { paths: [path.dirname(require.resolve('@strapi/core/package.json'))] });
    expect(pluginUtils).not.toBe(strapiUtils);
    expect(require(path.join(pluginDir, 'node_modules', '@strapi', 'utils', 'package.json')).version).toBe(NESTED_UTILS_VERSION);
    expect(new (require(pluginUtils).errors.ValidationError)('x')).not.toBeInstanceOf(require(strapiUtils).errors.ApplicationError);

    const http = () => request(strapi.server.httpServer);
    const token = (await http().post('/admin/login').send({ email: 'pack@journey-map.test', password: 'Password1234' }).expect(200)).body.data.token;
    const call = (method: 'get' | 'post', url: string, body?: object) => http()[method](url).set('Authorization', `Bearer ${token}`).send(body);
    const invalid = await call('get', '/journey-map/audit?pageSize=500');
    expect([invalid.status, invalid.body.error]).toEqual([400, expect.objectContaining({ status: 400, name: 'ValidationError', message: expect.stringMatching(/^query\.pageSize: /) })]);
    const nul = await call('post', '/journey-map/personas', { name: 'a\u0000b' });
    expect([nul.status, nul.body.error.message]).toEqual([400, 'body.name: must not contain NUL characters (\\u0000)']);
    const missing = await call('get', '/journey-map/journeys/no-such-journey');
    expect([missing.status, missing.body.error.name]).toEqual([404, 'NotFoundError']);
    await call('post', '/journey-map/journeys', { name: 'Packed', slug: 'packed' }).expect(200);
    const conflict = await call('post', '/journey-map/journeys', { name: 'Packed again', slug: 'packed' });
    expect([conflict.status, conflict.body.error]).toEqual([409, expect.objectContaining({ name: 'ConflictError', details: { field: 'slug' } })]);
  });
});
