/**
 * GET /journey-map/coverage/history?days=90, as the content map's "last 90 days" switch calls it, on 90
 * days of cell history for the benchmark journey (one row per cell and day, written as each daily
 * snapshot would have: the snapshots themselves are not needed to read it). Reported as a ratio to the
 * bare admin request (GET /settings).
 */
const { measure } = require('../lib/timer');

const DAY_MS = 86_400_000;

module.exports = {
  id: 'history',
  async run(ctx) {
    const k = ctx.strapi.db.connection;
    const journeyId = ctx.journey.documentId;
    const coverage = ctx.coverage ?? (await ctx.api.get(`/journey-map/coverage?journey=${journeyId}`)).data;
    await k('jm_cell_history').where('journey_id', journeyId).del();
    const now = ctx.strapi.plugin('journey-map').service('clock').now();
    const rows = [];
    for (let i = 0; i < 90; i += 1) {
      const day = new Date(now.getTime() - i * DAY_MS).toISOString().slice(0, 10);
      coverage.cells.forEach((c, n) => {
        // Some cells were gaps on some days, so the gap runs have work to do.
        const count = (i + n) % 7 === 0 ? 0 : c.count;
        const state = count === 0 && c.state !== 'not-applicable' ? 'gap' : c.state;
        rows.push({ document_id: `bench${String(rows.length).padStart(19, '0')}`, journey_id: journeyId, day, phase_id: c.phase, persona_id: c.persona ?? '', count, state, created_at: now, updated_at: now, published_at: now });
      });
    }
    for (let i = 0; i < rows.length; i += 200) await k('jm_cell_history').insert(rows.slice(i, i + 200));
    const url = `/journey-map/coverage/history?journey=${journeyId}&days=90`;
    const first = (await ctx.api.get(url)).data;
    if (first.recordedDays !== 90 || first.cells.length !== coverage.cells.length) throw new Error(`history: ${first.recordedDays} days, ${first.cells.length} cells`);
    const timing = await measure(() => ctx.api.get(url), ctx.options);
    return { id: 'history', label: 'GET /coverage/history, 90 days (HTTP)', ...timing, cells: first.cells.length, historyRows: rows.length };
  },
};
