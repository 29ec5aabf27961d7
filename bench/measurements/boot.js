/**
 * 7. Boot time of the playground with and without the plugin: fresh child processes, from spawn to the
 * first successful HTTP request (GET /_health), on a database of their own whose schema the first
 * (untimed) boot created. With and without alternate so that load on the machine hits both alike.
 */
const { spawn } = require('child_process');
const path = require('path');
const { performance } = require('perf_hooks');
const { createDatabase } = require('../lib/database');
const { quietEnv } = require('../lib/strapi');
const { summarize, round } = require('../lib/stats');

function bootOnce(env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'lib', 'boot-child.js')], {
      env: { ...process.env, ...quietEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timeout = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', async (d) => {
      out += d;
      const m = out.match(/READY (\d+)/);
      if (!m || child.ready) return;
      child.ready = true;
      try {
        const res = await fetch(`http://127.0.0.1:${m[1]}/_health`);
        const ms = performance.now() - start;
        if (res.status !== 204) throw new Error(`/_health answered ${res.status}`);
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      } catch (error) {
        child.kill('SIGKILL');
        reject(error);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timeout);
      if (!child.ready) reject(new Error(`boot failed (exit ${code}): ${err.slice(-2000)}`));
    });
  });
}

module.exports = {
  id: 'boot',
  async run(ctx) {
    const variants = [
      { key: 'with', env: { PLAYGROUND_WITHOUT_PLUGIN: 'false' } },
      { key: 'without', env: { PLAYGROUND_WITHOUT_PLUGIN: 'true' } },
    ];
    const samples = { with: [], without: [] };
    const dbs = {};
    try {
      for (const v of variants) {
        dbs[v.key] = await createDatabase(`boot_${v.key}`);
        await bootOnce({ ...dbs[v.key].env, ...v.env }); // creates the schema
      }
      for (let i = 0; i < ctx.options.bootRuns; i += 1) {
        for (const v of variants) samples[v.key].push(await bootOnce({ ...dbs[v.key].env, ...v.env }));
      }
    } finally {
      for (const db of Object.values(dbs)) await db.drop();
    }
    const withPlugin = summarize(samples.with);
    const without = summarize(samples.without);
    return [
      { id: 'boot-with', label: 'boot with the plugin', ...withPlugin, samples: samples.with.map((s) => round(s, 0)) },
      { id: 'boot-without', label: 'boot without the plugin', ...without, samples: samples.without.map((s) => round(s, 0)) },
      { id: 'boot-overhead', label: 'plugin boot overhead (medians)', median: round(withPlugin.median - without.median), p95: null, n: withPlugin.n },
    ];
  },
};
