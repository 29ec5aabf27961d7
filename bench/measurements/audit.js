/** 4a. GET /journey-map/audit: the audit page's first page, and a filtered page further in. */
const { measure } = require('../lib/timer');

module.exports = {
  id: 'audit',
  async run(ctx) {
    const first = '/journey-map/audit?page=1&pageSize=25';
    const filtered = '/journey-map/audit?flag=untagged&locale=en&sort=title:asc&page=3&pageSize=25';
    const body = await ctx.api.get(first);
    if (body.meta.pagination.total !== ctx.seeded.entries) {
      throw new Error(`the audit lists ${body.meta.pagination.total} entries, ${ctx.seeded.entries} were seeded`);
    }
    ctx.auditCounts = body.meta.counts;
    const a = await measure(() => ctx.api.get(first), ctx.options);
    const b = await measure(() => ctx.api.get(filtered), ctx.options);
    return [
      { id: 'audit-first', label: 'GET /audit first page', ...a, total: body.meta.pagination.total, counts: body.meta.counts },
      { id: 'audit-filtered', label: 'GET /audit untagged, en, by title, p.3', ...b },
    ];
  },
};
