import path from 'path';
import fs from 'fs';
import { execFile } from 'child_process';
import { promisify } from 'util';
import request from 'supertest';
import { createTestDatabase, databaseClient } from '../helpers/database';
import { adminApi } from '../helpers/fixtures';
import { SLUG, originStamps, pluginCounts, rawKnex, readEverything, stable } from '../helpers/moving';
import { startSecondInstance, TRANSFER_PORTS, type SecondInstance } from '../helpers/second-instance';
import { PLAYGROUND, TEST_ENV, bootStrapi, definedEnv, registerSuperAdmin, type TestApp } from '../helpers/strapi';

const run = promisify(execFile);
const STRAPI_BIN = path.resolve(__dirname, '..', '..', 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
// One port per database, so that CI's legs on different databases may run this file at the same time.
const PORT = TRANSFER_PORTS.first + ['sqlite', 'postgres', 'mysql'].indexOf(databaseClient());
/** The background model builds wait: nothing but the transfer writes while the test compares. */
const QUIET = { JOURNEY_MAP_SUGGESTIONS_AFTER_BOOT_MS: '3600000' };

const DESTINATION_ADMIN = { email: 'ops@journey-map.test', password: 'Password1234', firstname: 'Ops', lastname: 'Destination' };

/**
 * `strapi transfer` from one site to another that keeps running: the source is the demo site (with a
 * snapshot, a KPI value entered by hand, a changed setting and a custom role), the destination a second
 * playground started as a child process on its own, empty database. The real CLI pushes A into B with a
 * transfer token made on B; B is never restarted. On B, through its admin API: everything the plugin
 * shows equals A's, and the entry-state copies that came with the data were rebuilt, not trusted.
 */
describe(`strapi transfer between two running sites on ${databaseClient()}`, () => {
  let dbA: Awaited<ReturnType<typeof createTestDatabase>>;
  let dbB: Awaited<ReturnType<typeof createTestDatabase>>;
  let source: TestApp | undefined;
  let destination: SecondInstance | undefined;
  // What the transfer leaves in the playground: the CLI's diagnostic log, and the backup of
  // public/uploads that the destination makes before it restores (both sites share the playground).
  const leftovers = () => [
    ...fs.readdirSync(PLAYGROUND).filter((f) => /^transfer_\d+\.log$/.test(f)).map((f) => path.join(PLAYGROUND, f)),
    ...fs.readdirSync(path.join(PLAYGROUND, 'public')).filter((f) => f.startsWith('uploads_backup_')).map((f) => path.join(PLAYGROUND, 'public', f)),
  ];
  const leftoversBefore = new Set(leftovers());

  beforeAll(async () => {
    dbA = await createTestDatabase('transfer_src');
    dbB = await createTestDatabase('transfer_dst');
  });

  afterAll(async () => {
    await destination?.stop();
    await source?.stop();
    await dbA?.drop();
    await dbB?.drop();
    for (const f of leftovers()) if (!leftoversBefore.has(f)) fs.rmSync(f, { recursive: true, force: true });
    const keep = path.join(PLAYGROUND, 'public', 'uploads', '.gitkeep');
    if (!fs.existsSync(keep)) fs.writeFileSync(keep, '');
  });

  it('carries journeys, tags, settings, snapshots and measures into the running site and rebuilds its caches', async () => {
    // B boots in its child process while A boots here.
    const starting = startSecondInstance(dbB.env, PORT, { ...QUIET, SERVE_ADMIN_PANEL: 'false', STRAPI_LOG_LEVEL: 'info' }, TRANSFER_PORTS);
    source = await bootStrapi(dbA.env, { PLAYGROUND_SEED: 'true', ...QUIET });
    const a = adminApi(source, (await registerSuperAdmin(source)).token);
    const journey = (await a.get('/journey-map/journeys').expect(200)).body.data.find((j: any) => j.slug === SLUG);
    const full = (await a.get(`/journey-map/journeys/${journey.documentId}`).expect(200)).body.data;
    const cta = full.phases.flatMap((p: any) => p.ctas ?? [])[0].documentId;
    await a.put('/journey-map/measure/kpi-values', { cta, date: '2026-01-15', value: 42, note: 'entered by hand' }).expect(200);
    await a.post('/journey-map/snapshots', { journey: SLUG, note: 'before the transfer' }).expect(200);
    await a.put('/journey-map/settings', { pathConversionThreshold: 17 }).expect(200);
    // A role with the plugin's read action: role grants stay behind.
    const role = await source.strapi.service('admin::role').create({ name: 'Journey readers', description: 'reads the journey map' });
    await source.strapi.service('admin::role').assignPermissions(role.id, [{ action: 'plugin::journey-map.read', subject: null, properties: {}, conditions: [] }]);
    const before = await readEverything(a);
    expect(before.snapshots.length).toBeGreaterThanOrEqual(1);
    expect(before.audit.data.length).toBeGreaterThan(0);
    expect(Object.values(before.kpiValues).flat()).toHaveLength(1);
    expect(before.settings.pathConversionThreshold).toBe(17);
    const db = source.strapi.db.connection;
    const countsA = await pluginCounts(db);
    expect(countsA.jm_assignments).toBeGreaterThan(0);
    const originA = await originStamps(db);
    expect(originA.carried).toBe(originA.local);
    // A's entry-state copies go stale (as a cache that missed writes would be): B must not trust them.
    await db('jm_entry_states').update({ title: 'stale copy' });

    // B: an admin and a transfer token allowed to push.
    destination = await starting;
    process.stderr.write(`destination up in ${destination.bootMs} ms\n`);
    const b = adminApi({ http: () => request.agent(destination!.url) }, (await request(destination.url).post('/admin/register-admin').send(DESTINATION_ADMIN).expect(200)).body.data.token);
    // B is set up with A's locales, as a site of the same project is: Strapi grants the super admin the
    // locales it knows at boot or when one is created through its API; a transfer brings the locale rows
    // without the grants (see docs/environments.md).
    for (const locale of (await a.get('/i18n/locales').expect(200)).body) {
      if (!locale.isDefault) await b.post('/i18n/locales', { name: locale.name, code: locale.code, isDefault: false }).expect(200);
    }
    const token = (await b.post('/admin/transfer/tokens', { name: 'from A', description: 'integration test', permissions: ['push'], lifespan: null }).expect(201)).body.data.accessKey;
    expect(typeof token).toBe('string');
    const originB = await withRaw(dbB.env, originStamps);

    // The real CLI, in the playground with A's database: push A into B.
    const t0 = Date.now();
    const out = await run(process.execPath, [STRAPI_BIN, 'transfer', '--to', `${destination.url}/admin`, '--to-token', token, '--force'], {
      cwd: PLAYGROUND,
      env: { ...process.env, ...definedEnv(dbA.env), ...TEST_ENV, ...QUIET },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 150_000,
    }).catch((error) => {
      throw new Error(`strapi transfer failed: ${error.message}\n${error.stdout}\n${error.stderr}`);
    });
    process.stderr.write(`transfer ${Date.now() - t0} ms\n`);
    expect(out.stdout).toContain('Transfer process has been completed successfully');

    // B noticed the move without a restart: both stamps agree on an id that is neither A's nor B's old one.
    const deadline = Date.now() + 45_000;
    let stamps = await withRaw(dbB.env, originStamps);
    while (!(stamps.local && stamps.local === stamps.carried && stamps.local !== originB.local) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      stamps = await withRaw(dbB.env, originStamps);
    }
    expect(stamps.local).toBe(stamps.carried);
    expect(stamps.local).not.toBe(originA.local);
    expect(stamps.local).not.toBe(originB.local);

    // Everything the plugin shows on B equals A: coverage and the audit exactly, the rest ids and times aside.
    const after = await readEverything(b);
    expect(after.coverage).toEqual(before.coverage);
    expect(after.audit).toEqual(before.audit);
    expect(after.auditPage2).toEqual(before.auditPage2);
    expect(stable(after)).toEqual(stable(before));
    expect(after.settings).toEqual(before.settings);
    await withRaw(dbB.env, async (raw) => {
      expect(await pluginCounts(raw)).toEqual(countsA);
      // The stale copies came along and were rebuilt from B's (moved) entries.
      expect(Number((await raw('jm_entry_states').where({ title: 'stale copy' }).count({ n: '*' }))[0].n)).toBe(0);
    });

    // What stays behind: A's admins and roles; B's admin and token still work.
    await request(destination.url).post('/admin/login').send({ email: 'lead@journey-map.test', password: 'Password1234' }).expect(400);
    const roles = (await b.get('/admin/roles').expect(200)).body.data.map((r: any) => r.name);
    expect(roles).not.toContain('Journey readers');
    expect((await b.get('/admin/transfer/tokens').expect(200)).body.data.map((t: any) => t.name)).toEqual(['from A']);
  }, 300_000);
});

/** Runs `fn` on a short-lived connection to a test database (the site on it keeps running). */
async function withRaw<T>(env: Record<string, string | undefined>, fn: (knex: any) => Promise<T>): Promise<T> {
  const raw = rawKnex(env);
  try {
    return await fn(raw);
  } finally {
    await raw.destroy();
  }
}
