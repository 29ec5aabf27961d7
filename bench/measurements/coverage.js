/** 1. GET /journey-map/coverage through the real HTTP route, as the content map page calls it. */
const { measure } = require('../lib/timer');

module.exports = {
  id: 'coverage',
  async run(ctx) {
    const url = `/journey-map/coverage?journey=${ctx.journey.documentId}`;
    ctx.coverage = (await ctx.api.get(url)).data;
    const timing = await measure(() => ctx.api.get(url), ctx.options);
    return { id: 'coverage', label: 'GET /coverage (HTTP)', ...timing, cells: ctx.coverage.cells.length };
  },
};
