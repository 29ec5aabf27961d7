/**
 * 4b. The CSV export of all entries, read as a stream: time, rows, and this process's peak resident memory
 * (Strapi runs in this process) against its resident memory just before.
 */
const { performance } = require('perf_hooks');
const { peakRss } = require('../lib/memory');
const { summarize, round } = require('../lib/stats');

async function exportAll(api) {
  const res = await api.raw('GET', '/journey-map/audit?format=csv');
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) lines += 1;
  }
  return { bytes, rows: lines - 1 };
}

module.exports = {
  id: 'csv',
  async run(ctx) {
    const times = [];
    const memory = [];
    let last;
    await exportAll(ctx.api); // warm-up
    for (let i = 0; i < ctx.options.csvReps; i += 1) {
      const start = performance.now();
      const m = await peakRss(() => exportAll(ctx.api));
      times.push(performance.now() - start);
      memory.push(m);
      last = m.result;
    }
    if (last.rows !== ctx.seeded.entries) throw new Error(`the CSV has ${last.rows} rows, ${ctx.seeded.entries} were seeded`);
    // The repetition whose export raised resident memory the most.
    const worst = memory.reduce((a, b) => (b.peakMb - b.baselineMb > a.peakMb - a.baselineMb ? b : a));
    return {
      id: 'csv',
      label: 'CSV export, all entries',
      ...summarize(times),
      samples: times.map((t) => round(t, 1)),
      rows: last.rows,
      megabytes: round(last.bytes / 1024 / 1024),
      rssBaselineMb: round(worst.baselineMb, 1),
      rssPeakMb: round(worst.peakMb, 1),
      rssGrowthMb: round(worst.peakMb - worst.baselineMb, 1),
      memoryMethod: memory[0].method,
    };
  },
};
