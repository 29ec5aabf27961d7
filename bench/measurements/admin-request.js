/**
 * For reference: the cost of any admin request in Strapi itself — HTTP, routing, and the admin
 * authentication (session check, user and roles, the role's permission ability) — measured on the
 * plugin's cheapest route, GET /journey-map/settings (one plugin-store read).
 */
const { measure } = require('../lib/timer');

module.exports = {
  id: 'admin-request',
  async run(ctx) {
    const timing = await measure(() => ctx.api.get('/journey-map/settings'), ctx.options);
    // later measurements give their median as a ratio to this one
    ctx.adminRequestMedian = timing.median;
    // Later rows give their cost as a ratio to this one.
    ctx.adminRequest = timing;
    return { id: 'admin-request', label: 'reference: GET /settings (HTTP + admin auth)', ...timing };
  },
};
