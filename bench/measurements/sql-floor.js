/**
 * 3. The floor: one hand-written SQL aggregate over the assignment table computing the same matrix
 * (published, fresh entries), run on the same connection without Strapi, HTTP or JSON in between.
 */
const { measure } = require('../lib/timer');
const { cellCounts, expandRows, assertSameCounts } = require('./cells');

const DAY = 24 * 60 * 60 * 1000;

function floorQuery(strapi, journeyId, types, cutoff) {
  const knex = strapi.db.connection;
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
  return knex.raw(
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
    const run = async () => rowsOf(await floorQuery(ctx.strapi, ctx.journey.documentId, settings.trackedContentTypes, new Date(Date.now() - settings.staleAfterDays * DAY)));
    assertSameCounts(cellCounts(ctx.coverage), expandRows(await run(), ctx.journey.personas), 'the SQL floor');
    const timing = await measure(run, ctx.options);
    return { id: 'sql-floor', label: 'SQL floor: one aggregate', ...timing };
  },
};
