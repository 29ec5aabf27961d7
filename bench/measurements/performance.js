/**
 * GET /journey-map/coverage/performance?days=30, as the content map's "how it performs" switch calls it:
 * imported analytics for the entries tagged in the benchmark journey (at most 100,000 of them) — 30 daily GA4 rows each and one
 * Plausible row over 90 days (an export without a date per row, prorated) — written straight into
 * jm_analytics_days as an import would store them. Timed over HTTP and reported as a ratio to the bare
 * admin request (GET /settings), with this process's peak resident memory over the timed requests and the
 * cell ranking (`&phase=&persona=`) timed on its own.
 */
const { measure, repsFor, timed } = require('../lib/timer');
const { peakRss } = require('../lib/memory');

const DAY_MS = 86_400_000;
const CHUNK = 400;
/**
 * At most this many tagged entries get analytics rows: an export lists the pages that had views, and
 * 100,000 pages with 30 days each (3.1 million rows) is already a large site; at 1,000,000 entries,
 * rows for every tagged one (26 million) took longer to write than the rest of the run.
 */
const WITH_ANALYTICS = 100_000;

module.exports = {
  id: 'performance',
  async run(ctx) {
    const k = ctx.strapi.db.connection;
    const journeyId = ctx.journey.documentId;
    const now = ctx.strapi.plugin('journey-map').service('clock').now();
    const day = (i) => new Date(now.getTime() - i * DAY_MS).toISOString().slice(0, 10);
    await k('jm_analytics_days').del();
    const tagged = await k('jm_assignments')
      .distinct('content_type', 'entry_document_id', 'entry_locale')
      .where('journey_id', journeyId)
      .orderBy(['content_type', 'entry_document_id', 'entry_locale'])
      .limit(WITH_ANALYTICS);
    let rows = 0;
    let batch = [];
    const flush = async () => {
      if (batch.length) await k('jm_analytics_days').insert(batch);
      rows += batch.length;
      batch = [];
    };
    for (const [n, e] of tagged.entries()) {
      const key = { content_type: e.content_type, entry_document_id: e.entry_document_id, entry_locale: e.entry_locale ?? '', created_at: now, updated_at: now };
      for (let i = 0; i < 30; i += 1) {
        batch.push({ ...key, source: 'ga4', period_start: day(i), period_end: day(i), views: (n + i) % 40, visitors: (n + i) % 30, engaged_seconds: 60, conversions: (n + i) % 3 });
        if (batch.length >= CHUNK) await flush();
      }
      batch.push({ ...key, source: 'plausible', period_start: day(89), period_end: day(0), views: 90 + (n % 90), visitors: 60, engaged_seconds: 900, conversions: n % 5 });
      if (batch.length >= CHUNK) await flush();
    }
    await flush();

    const url = `/journey-map/coverage/performance?journey=${journeyId}&days=30`;
    const checked = await timed(() => ctx.api.get(url));
    const first = checked.result.data;
    if (!first.analytics.imported || first.cells.length !== ctx.journey.phases.length * Math.max(1, ctx.journey.personas.length)) {
      throw new Error(`performance: imported ${first.analytics.imported}, ${first.cells.length} cells`);
    }
    const memory = await peakRss(() => measure(() => ctx.api.get(url), repsFor(checked.ms, ctx.options)));
    const timing = memory.result;
    // The journey's phases and personas are documentIds here (bench/lib/seed.js).
    const cellUrl = `${url}&phase=${ctx.journey.phases[0]}${ctx.journey.personas[0] ? `&persona=${ctx.journey.personas[0]}` : ''}`;
    const cellFirst = await timed(() => ctx.api.get(cellUrl));
    const cell = await measure(() => ctx.api.get(cellUrl), repsFor(cellFirst.ms, ctx.options));
    const round = (v) => Math.round(v * 10) / 10;
    return [
      {
        id: 'performance',
        label: 'GET /coverage/performance, 30 days (HTTP)',
        ...timing,
        cells: first.cells.length,
        taggedEntries: tagged.length,
        analyticsRows: rows,
        rssBaselineMb: round(memory.baselineMb),
        rssPeakMb: round(memory.peakMb),
        rssGrowthMb: round(memory.peakMb - memory.baselineMb),
      },
      { id: 'performance-cell', label: 'GET /coverage/performance, one cell ranked (HTTP)', ...cell },
    ];
  },
};
