const path = require('path');
const fs = require('fs');
const { spawn, spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const playground = path.join(root, 'playground');
const artifacts = path.join(__dirname, '.artifacts');
const PORT = Number(process.env.E2E_PORT || 1347);

/**
 * Browser tests run against a production build of the playground (`strapi build && strapi start`),
 * started here as a child process on a fresh SQLite database with the demo content seeded.
 */
module.exports = async () => {
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(artifacts, 'e2e.db'),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    STRAPI_LOG_LEVEL: 'warn',
    CRON_ENABLED: 'false',
    ADMIN_RATE_LIMIT: 'false',
    // The plugin's clock starts at a fixed instant (the last day of a month, the case that once failed),
    // so the demo seed and the Measure page read the same numbers whatever the date of the run.
    JOURNEY_MAP_NOW: process.env.E2E_NOW || '2026-11-30T12:00:00.000Z',
    BROWSER: 'none',
  };
  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npx', ['strapi', 'build'], { cwd: playground, env, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('strapi build failed');
    // what this build was made from: `npm run bench` reuses it for its browser measurement while it matches
    require('../../bench/lib/admin-build').writeAdminBuildStamp(env);
  }
  const out = fs.openSync(path.join(artifacts, 'strapi.log'), 'a');
  const child = spawn('npx', ['strapi', 'start'], { cwd: playground, env, stdio: ['ignore', out, out], detached: true });
  fs.writeFileSync(path.join(artifacts, 'strapi.pid'), String(child.pid));
  child.unref();

  const url = `http://127.0.0.1:${PORT}`;
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120000) throw new Error(`Strapi did not answer on ${url} within 120 s; see ${artifacts}/strapi.log`);
    await new Promise((r) => setTimeout(r, 500));
  }
  process.env.E2E_BASE_URL = url;
  process.env.E2E_BOOT_MS = String(Date.now() - started);
};
