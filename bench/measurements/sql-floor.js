/**
 * 3. The floor: one hand-written SQL aggregate over the assignment table computing the same matrix
 * (published, fresh entries), run on the same connection without Strapi, HTTP or JSON in between.
 */
const { measure } = require('../lib/timer');
const { LARGE } = require('../lib/args');
const { cellCounts, expandRows, assertSameCounts } = require('./cells');

const DAY = 24 * 60 * 60 * 1000;

/** The same matrix by hand over the tags, which carry their entries' dates (as GET /coverage reads them). */
function floorQuery(strapi, phaseIds, types, cutoff) {
  const list = (values) => values.map(() => '?').join(', ');
  return strapi.db.connection.raw(
    `select a.phase_id as phase, a.persona_id as persona, count(*) as count from jm_assignments a
     where a.phase_id in (${list(phaseIds)}) and a.content_type in (${list(types)}) and a.entry_live_at >= ?
     group by a.phase_id, a.persona_id`,
    [...phaseIds, ...types, cutoff]
  );
}

/** For reference, the same matrix probing the site's tables for each tag (how coverage was counted before). */
function siteProbeQuery(strapi, journeyId, types, cutoff) {
  const clauses = [];
  const bindings = [journeyId];
  for (const uid of types) {
    const table = strapi.db.metadata.get(uid).tableName;
    clauses.push(
      `(a.content_type = ? and exists (select 1 from ${table} e where e.document_id = a.entry_document_id` +
        ' and e.locale = a.entry_locale and e.published_at is not null and e.updated_at >= ?))'
    );
    bindings.push(uid, cutoff);
  }
  return strapi.db.connection.raw(
    `select a.phase_id as phase, a.persona_id as persona, count(*) as count from jm_assignments a
     where a.journey_id = ? and (${clauses.join(' or ')}) group by a.phase_id, a.persona_id`,
    bindings
  );
}

const rowsOf = (result) => (Array.isArray(result) ? (Array.isArray(result[0]) ? result[0] : result) : result.rows);

module.exports = {
  id: 'sql-floor',
  floorQuery,
  async run(ctx) {
    const settings = await ctx.strapi.plugin('journey-map').service('settings').get();
    const cutoff = () => new Date(Date.now() - settings.staleAfterDays * DAY);
    const args = () => [ctx.strapi, ctx.journey.documentId, settings.trackedContentTypes, cutoff()];
    const floor = async () => rowsOf(await floorQuery(ctx.strapi, ctx.journey.phases, settings.trackedContentTypes, cutoff()));
    const probe = async () => rowsOf(await siteProbeQuery(...args()));
    assertSameCounts(cellCounts(ctx.coverage), expandRows(await floor(), ctx.journey.personas), 'the SQL floor');
    assertSameCounts(cellCounts(ctx.coverage), expandRows(await probe(), ctx.journey.personas), 'the site-table aggregate');
    const timing = await measure(floor, ctx.options);
    // The probe takes seconds at 1,000,000 entries; the checked run above warmed it.
    const probeTiming = await measure(probe, { warmup: 0, reps: Math.min(ctx.options.reps, ctx.options.entries > LARGE ? 3 : 10) });
    return [
      { id: 'sql-floor', label: 'SQL floor: one aggregate over the tags', ...timing },
      { id: 'sql-site-probe', label: 'reference: the aggregate probing the site tables', ...probeTiming },
    ];
  },
};
