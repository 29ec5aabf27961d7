/**
 * 7. Boot time of the playground with and without the plugin: fresh child processes, from spawn to the
 * first successful HTTP request (GET /_health), on a database of their own whose schema the first
 * (untimed) boot created. With and without run in interleaved pairs (see lib/stats interleave) so that load
 * on the machine hits both alike; the overhead is the median of the paired differences. Each boot also
 * reports the processor time it used until ready, whose difference is far less sensitive to other load
 * on the machine than wall time.
 */
const { spawn } = require('child_process');
const path = require('path');
const { performance } = require('perf_hooks');
const { createDatabase } = require('../lib/database');
const { quietEnv, compilePlayground } = require('../lib/strapi');
const { summarize, round, interleave, pairedMedian } = require('../lib/stats');

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
      const m = out.match(/READY (\d+) ([\d.]+)/);
      if (!m || child.ready) return;
      child.ready = true;
      try {
        const res = await fetch(`http://127.0.0.1:${m[1]}/_health`);
        const ms = performance.now() - start;
        if (res.status !== 204) throw new Error(`/_health answered ${res.status}`);
        child.once('exit', () => resolve({ ms, cpu: Number(m[2]) }));
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
  // Its child processes boot on databases of their own: `--only boot` needs no seeded site.
  needsStrapi: false,
  async run(ctx) {
    if (!ctx.strapi) await compilePlayground(); // the other measurements' run has compiled it already
    const variants = [
      { key: 'with', env: { PLAYGROUND_WITHOUT_PLUGIN: 'false' } },
      { key: 'without', env: { PLAYGROUND_WITHOUT_PLUGIN: 'true' } },
    ];
    const dbs = {};
    let pairs;
    try {
      for (const v of variants) {
        dbs[v.key] = await createDatabase(`boot_${v.key}`);
        await bootOnce({ ...dbs[v.key].env, ...v.env }); // creates the schema
      }
      const [a, b] = variants;
      pairs = await interleave(ctx.options.bootRuns, (side) => {
        const v = side === 'a' ? a : b;
        return bootOnce({ ...dbs[v.key].env, ...v.env });
      });
    } finally {
      for (const db of Object.values(dbs)) await db.drop();
    }
    const wall = (side) => pairs.map((p) => p[side].ms);
    const cpu = (side) => pairs.map((p) => p[side].cpu);
    const withPlugin = summarize(wall('a'));
    const without = summarize(wall('b'));
    const wallPairs = pairs.map((p) => ({ a: p.a.ms, b: p.b.ms }));
    const cpuPairs = pairs.map((p) => ({ a: p.a.cpu, b: p.b.cpu }));
    const n = pairs.length;
    return [
      { id: 'boot-with', label: 'boot with the plugin', ...withPlugin, cpuMedian: summarize(cpu('a')).median, samples: wall('a').map((s) => round(s, 0)), cpuSamples: cpu('a').map((s) => round(s, 0)) },
      { id: 'boot-without', label: 'boot without the plugin', ...without, cpuMedian: summarize(cpu('b')).median, samples: wall('b').map((s) => round(s, 0)), cpuSamples: cpu('b').map((s) => round(s, 0)) },
      { id: 'boot-overhead', label: 'plugin boot overhead (median of paired differences)', median: pairedMedian(wallPairs), p95: null, n, samples: wallPairs.map((p) => round(p.a - p.b, 0)) },
      { id: 'boot-overhead-medians', label: 'plugin boot overhead (difference of medians)', median: round(withPlugin.median - without.median), p95: null, n },
      { id: 'boot-cpu-overhead', label: 'plugin boot overhead in CPU time (median of paired differences)', median: pairedMedian(cpuPairs), p95: null, n, samples: cpuPairs.map((p) => round(p.a - p.b, 0)) },
    ];
  },
};
