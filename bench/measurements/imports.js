/**
 * 7. POST /journey-map/measure/imports: a GA4 page export of 100,000 rows (30 days × the seeded articles'
 * paths, with query strings, and a fifth of unknown pages) uploaded as multipart, streamed, matched by a URL
 * pattern and written: time, and the Strapi process's resident memory before and at its peak. 3 repetitions
 * (each re-import replaces the previous one). There is no SQL floor for it: the figures are time and memory.
 */
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const { peakRss } = require('../lib/memory');
const { summarize, round } = require('../lib/stats');

const ROWS = 100_000;
const ARTICLE = 'api::article.article';

function writeExport(file, articles) {
  const lines = ['# Start date: 20261101', '# End date: 20261130', 'Page path and screen class,Date,Views,Active users,Average engagement time per active user,Key events'];
  for (let i = 0; i < ROWS; i += 1) {
    const day = `202611${String((i % 30) + 1).padStart(2, '0')}`;
    const page = i % 5 === 0 ? `/unknown/${i}` : `/guides/guide-${3 * ((i * 7) % articles)}?utm_source=s${i % 13}`;
    lines.push(`${page},${day},${(i % 9) + 1},${(i % 5) + 1},${(i % 60) + 5}.5,${i % 3 === 0 ? 1 : 0}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

async function upload(ctx, file) {
  const form = new FormData();
  form.append('source', 'ga4');
  form.append('file', await fs.openAsBlob(file, { type: 'text/csv' }), 'pages-and-screens.csv');
  const res = await fetch(`${ctx.baseUrl}/journey-map/measure/imports`, { method: 'POST', headers: { authorization: `Bearer ${ctx.api.token}` }, body: form });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`import -> ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.data;
}

module.exports = {
  id: 'imports',
  async run(ctx) {
    const settings = await ctx.api.get('/journey-map/settings');
    await ctx.api.put('/journey-map/settings', { urlPatterns: { ...(settings.data.urlPatterns ?? {}), [ARTICLE]: [{ locale: null, pattern: '/guides/{slug}' }] } });
    // the seeded articles are every third document (types round-robin)
    const articles = Math.max(1, Math.floor(ctx.seeded.entries / 6));
    const dir = path.join(__dirname, '..', '.tmp');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'ga4-100k.csv');
    writeExport(file, articles);
    const times = [];
    const memory = [];
    let last;
    // as many repetitions as the CSV export (`--csv-reps`, 3 by default; CI's small run does 1)
    for (let i = 0; i < ctx.options.csvReps; i += 1) {
      const start = performance.now();
      const m = await peakRss(() => upload(ctx, file));
      times.push(performance.now() - start);
      memory.push(m);
      last = m.result;
    }
    const megabytes = round(fs.statSync(file).size / 1024 / 1024);
    fs.rmSync(file, { force: true });
    if (last.rowsRead !== ROWS) throw new Error(`the import read ${last.rowsRead} rows, ${ROWS} were sent`);
    const worst = memory.reduce((a, b) => (b.peakMb - b.baselineMb > a.peakMb - a.baselineMb ? b : a));
    return {
      id: 'imports',
      label: 'Analytics import, 100,000 rows',
      ...summarize(times),
      samples: times.map((t) => round(t, 1)),
      rows: last.rowsRead,
      megabytes,
      matched: last.matched,
      stored: last.stored,
      rssBaselineMb: round(worst.baselineMb, 1),
      rssPeakMb: round(worst.peakMb, 1),
      rssGrowthMb: round(worst.peakMb - worst.baselineMb, 1),
      memoryMethod: memory[0].method,
    };
  },
};
