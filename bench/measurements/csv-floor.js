/**
 * The CSV export's floor: the same rows streamed from the database with no formatting, in this process on
 * Strapi's own connection — every entry's row of the audit index (jm_entry_states, the tracked types) and
 * every tag of those entries (jm_assignments), each read as a stream and counted. What the export adds on
 * top (the flags, titles' lookups, names of phases and personas, CSV quoting, HTTP) is its own cost.
 */
const { performance } = require('perf_hooks');
const { summarize, round } = require('../lib/stats');

/**
 * Counts a query's rows as they stream. On PostgreSQL knex streams only through the optional
 * pg-query-stream package, so there the rows come through a server-side cursor, 1,000 at a time (what
 * that package does too).
 */
async function countStream(db, query) {
  let rows = 0;
  if (db.client.config.client === 'postgres' || db.client.config.client === 'pg') {
    const { sql, bindings } = query.toSQL().toNative();
    await db.transaction(async (trx) => {
      await trx.raw(`declare jm_csv_floor no scroll cursor for ${sql.replace(/\$(\d+)/g, '?')}`, bindings);
      for (;;) {
        const batch = (await trx.raw('fetch 1000 from jm_csv_floor')).rows;
        if (batch.length === 0) break;
        rows += batch.length;
      }
    });
    return rows;
  }
  for await (const _row of query.stream()) rows += 1;
  return rows;
}

module.exports = {
  id: 'csv-floor',
  async run(ctx) {
    const db = ctx.strapi.db.connection;
    const settings = (await ctx.api.get('/journey-map/settings')).data;
    const types = settings.trackedContentTypes;
    const read = async () => {
      const entries = await countStream(db, db('jm_entry_states').select('content_type', 'entry_document_id', 'entry_locale', 'title', 'entry_updated_at', 'live_updated_at', 'tagged').whereIn('content_type', types).orderBy(['content_type', 'entry_document_id', 'entry_locale']));
      const tags = await countStream(db, db('jm_assignments').select('content_type', 'entry_document_id', 'entry_locale', 'phase_id', 'persona_id').whereIn('content_type', types));
      return { entries, tags };
    };
    const first = await read(); // warm-up
    if (first.entries !== ctx.seeded.entries) throw new Error(`the floor streamed ${first.entries} entries, ${ctx.seeded.entries} were seeded`);
    const times = [];
    for (let i = 0; i < ctx.options.csvReps; i += 1) {
      const start = performance.now();
      await read();
      times.push(performance.now() - start);
    }
    return { id: 'csv-floor', label: 'reference: stream the same entries and tags from the database, unformatted', ...summarize(times), samples: times.map((t) => round(t, 1)), rows: first.entries, tags: first.tags };
  },
};
