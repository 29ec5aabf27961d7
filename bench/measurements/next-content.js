/** GET /journey-map/next-content: the ranked "What to write next" list, as its page calls it, as a ratio to the bare admin request. */
const { measure } = require('../lib/timer');
const { ratio } = require('../lib/targets');

module.exports = {
  id: 'next-content',
  async run(ctx) {
    const url = `/journey-map/next-content?journey=${ctx.journey.documentId}`;
    const body = await ctx.api.get(url);
    const timing = await measure(() => ctx.api.get(url), ctx.options);
    return {
      id: 'next-content',
      label: 'GET /next-content (HTTP)',
      ...timing,
      items: body.data.items.length,
      ratioToAdminRequest: ratio(timing.median, ctx.adminRequest?.median),
    };
  },
};
