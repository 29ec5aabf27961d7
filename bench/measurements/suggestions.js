/**
 * 6. Tag suggestions: building one journey's model from the database (what the cron, the boot and tag
 * writes start in the background, never a request), and GET /journey-map/suggestions for an untagged
 * entry, as a ratio to the bare admin request (GET /settings, measured first).
 */
const { performance } = require('perf_hooks');
const { measure } = require('../lib/timer');

module.exports = {
  id: 'suggestions',
  async run(ctx) {
    const service = ctx.strapi.plugin('journey-map').service('suggestions');
    const journey = ctx.journey.documentId;
    // The seed's tags are random, so the measured hit rate is low: the minimums are lowered for the run
    // so that the request does all its work (search, votes, permission filter of the reasons).
    await ctx.api.put('/journey-map/settings', { suggestionMinTagged: 1, suggestionMinHitRate: 0 });
    const builds = [];
    for (let i = 0; i < 3; i += 1) {
      const t = performance.now();
      await service.rebuild(journey);
      builds.push(performance.now() - t);
    }
    builds.sort((a, b) => a - b);
    const quality = (await ctx.api.get(`/journey-map/suggestions/quality?journey=${journey}`)).data;
    const untagged = (await ctx.api.get('/journey-map/audit?flag=untagged&locale=en&page=1&pageSize=1')).data[0];
    const path = `/journey-map/suggestions?journey=${journey}&contentType=${untagged.contentType}&documentId=${untagged.documentId}&locale=en`;
    const first = (await ctx.api.get(path)).data;
    if (first.quality.status !== 'ready') throw new Error(`the suggestion model is not ready: ${JSON.stringify(first.quality)}`);
    const timing = await measure(() => ctx.api.get(path), ctx.options);
    const reference = ctx.adminRequestMedian;
    return [
      { id: 'suggestions-build', label: `build one journey's suggestion model (${quality.tagged} tagged entries indexed, ${quality.measured} measured)`, unit: 'ms', value: Number(builds[1].toFixed(1)), tagged: quality.tagged, hitRate: quality.hitRate },
      {
        id: 'suggestions',
        label: 'GET /suggestions for one untagged entry',
        ...timing,
        ...(reference ? { vsAdminRequest: Number((timing.median / reference).toFixed(2)) } : {}),
      },
    ];
  },
};
