/**
 * The playground's production admin build (`strapi build`, into playground/dist/build), built at most once
 * per bench run and reused while nothing it is made of has changed. What it is made of is hashed into a
 * stamp file next to it: the plugin's built admin (dist/admin, which the playground's build imports
 * through the package's exports map), the playground's admin customisation and config, the Strapi
 * admin's version and the environment variables the build bakes into the bundle. The browser tests'
 * global setup writes the same stamp after its build, so a bench run after them (as in CI) reuses it.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { performance } = require('perf_hooks');

const ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');
const BUILD = path.join(PLAYGROUND, 'dist', 'build');
const STAMP = path.join(BUILD, '.journey-map-build-stamp');

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath ?? d.path, d.name))
    .sort();
}

/** The variables the build reads (Strapi bakes STRAPI_ADMIN_* into the bundle; the others pick plugins). */
function buildEnv(env) {
  const keys = Object.keys(env).filter((k) => /^(STRAPI_ADMIN_|PLAYGROUND_WITHOUT_)/.test(k) || k === 'NODE_ENV' || k === 'STRAPI_TELEMETRY_DISABLED');
  return Object.fromEntries(keys.sort().map((k) => [k, env[k]]));
}

/** A hash of everything the admin build is made of, for the environment `env` it is (or was) built with. */
function adminBuildStamp(env = process.env) {
  const hash = crypto.createHash('sha256');
  const inputs = [
    ...filesUnder(path.join(ROOT, 'dist', 'admin')),
    ...filesUnder(path.join(PLAYGROUND, 'src', 'admin')),
    ...filesUnder(path.join(PLAYGROUND, 'config')),
    path.join(ROOT, 'package.json'),
  ];
  for (const file of inputs) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  for (const pkg of ['@strapi/strapi', '@strapi/admin', '@strapi/content-manager']) {
    hash.update(`${pkg}@${require(`${pkg}/package.json`).version}\0`);
  }
  hash.update(JSON.stringify(buildEnv(env)));
  return hash.digest('hex');
}

/** Records that the build now in playground/dist/build was made from the current inputs. */
function writeAdminBuildStamp(env = process.env) {
  fs.writeFileSync(STAMP, `${adminBuildStamp(env)}\n`);
}

/** The environment of the production build (the same as the browser tests' build). */
const productionEnv = () => ({ ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true', BROWSER: 'none' });

/**
 * Reuses playground/dist/build when its stamp matches the current inputs, otherwise runs `strapi build`
 * once. Returns { reused, seconds }.
 */
function ensureAdminBuild(log = () => {}) {
  const env = productionEnv();
  const wanted = adminBuildStamp(env);
  const current = fs.existsSync(STAMP) && fs.existsSync(path.join(BUILD, 'index.html')) ? fs.readFileSync(STAMP, 'utf8').trim() : null;
  if (current === wanted) {
    log(`reusing the production admin build in ${path.relative(ROOT, BUILD)} (same plugin admin bundle, config and Strapi)`);
    return { reused: true, seconds: 0 };
  }
  log(current ? 'the admin build is out of date: strapi build' : 'no production admin build yet: strapi build');
  const started = performance.now();
  const out = spawnSync('npx', ['strapi', 'build'], { cwd: PLAYGROUND, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`strapi build failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
  writeAdminBuildStamp(env);
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  log(`admin built in ${seconds} s`);
  return { reused: false, seconds };
}

module.exports = { BUILD, adminBuildStamp, writeAdminBuildStamp, ensureAdminBuild, productionEnv };
