#!/usr/bin/env node
/**
 * `npm test`: builds the plugin, then runs every suite this machine can run:
 * unit tests, the integration suite against a real Strapi on the database chosen by DATABASE_CLIENT
 * (SQLite by default), and the browser tests when Chromium is installed (required when CI is set).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const client = process.env.DATABASE_CLIENT || 'sqlite';

function run(cmd, args, extraEnv = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

const jestArgs = process.argv.slice(2);
run('npm', ['run', 'build', '--silent']);

const projects = ['unit', 'integration'];
const hasE2e = fs.readdirSync(path.join(root, 'tests', 'e2e')).some((f) => f.endsWith('.test.ts'));
const wantsE2e = hasE2e && client === 'sqlite' && process.env.JM_SKIP_E2E !== '1';
if (wantsE2e) {
  if (fs.existsSync(chromium)) projects.push('e2e');
  else if (process.env.CI) {
    console.error(`Browser tests need Chromium at ${chromium} (apt-get install -y chromium).`);
    process.exit(1);
  } else console.warn(`Skipping browser tests: no Chromium at ${chromium}.`);
}
console.log(`Running ${projects.join(', ')} tests on ${client}.`);
// --forceExit: a Strapi left running by a failed beforeAll must not keep CI waiting until its time-out.
run('npx', ['jest', '--runInBand', '--forceExit', ...projects.flatMap((p) => ['--selectProjects', p]), ...jestArgs]);
