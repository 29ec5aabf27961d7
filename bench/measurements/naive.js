/**
 * 2. The baseline: the matrix computed the way a plugin author would with Strapi's public API — per cell,
 * per tracked type and locale, read the cell's tags with the document service, then
 * `strapi.documents(uid).count()` of the published, fresh entries among them.
 */
const { measure } = require('../lib/timer');
const { cellCounts, assertSameCounts } = require('./cells');

const DAY = 24 * 60 * 60 * 1000;

async function naiveMatrix(strapi, journey, types, locales, staleAfterDays) {
  const cutoff = new Date(Date.now() - staleAfterDays * DAY);
  const counts = {};
  for (const phase of journey.phases) {
    for (const persona of journey.personas) {
      let count = 0;
      for (const uid of types) {
        const tags = await strapi.documents('plugin::journey-map.assignment').findMany({
          filters: { journeyId: journey.documentId, phaseId: phase, personaId: { $in: [persona, ''] }, contentType: uid },
          fields: ['entryDocumentId', 'entryLocale'],
        });
        for (const locale of locales) {
          const ids = tags.filter((t) => t.entryLocale === locale).map((t) => t.entryDocumentId);
          if (!ids.length) continue;
          count += await strapi.documents(uid).count({ locale, status: 'published', filters: { documentId: { $in: ids }, updatedAt: { $gte: cutoff } } });
        }
      }
      counts[`${phase}|${persona}`] = count;
    }
  }
  return counts;
}

module.exports = {
  id: 'naive',
  async run(ctx) {
    const settings = await ctx.strapi.plugin('journey-map').service('settings').get();
    const run = () => naiveMatrix(ctx.strapi, ctx.journey, settings.trackedContentTypes, ['en', 'ja'], settings.staleAfterDays);
    // The checked run is the warm-up: one run takes minutes at 1,000,000 entries.
    assertSameCounts(cellCounts(ctx.coverage), await run(), 'the naive matrix');
    const reps = ctx.options.naiveReps;
    const timing = await measure(run, { warmup: 0, reps });
    return { id: 'naive', label: 'naive: documents().count() per cell', ...timing, reps };
  },
};
