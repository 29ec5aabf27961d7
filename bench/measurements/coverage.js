/** 1. GET /journey-map/coverage through the real HTTP route, as the content map page calls it: every locale, and one. */
const { measure } = require('../lib/timer');

module.exports = {
  id: 'coverage',
  async run(ctx) {
    const url = `/journey-map/coverage?journey=${ctx.journey.documentId}`;
    ctx.coverage = (await ctx.api.get(url)).data;
    const timing = await measure(() => ctx.api.get(url), ctx.options);
    const one = await measure(() => ctx.api.get(`${url}&locale=ja`), ctx.options);
    return [
      { id: 'coverage', label: 'GET /coverage (HTTP)', ...timing, cells: ctx.coverage.cells.length },
      { id: 'coverage-locale', label: 'GET /coverage?locale=ja (HTTP)', ...one },
    ];
  },
};
