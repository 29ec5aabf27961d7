/** 1b. The same matrix from the coverage service in-process: the plugin's own cost, without HTTP and auth. */
const { measure } = require('../lib/timer');

module.exports = {
  id: 'coverage-service',
  async run(ctx) {
    const coverage = ctx.strapi.plugin('journey-map').service('coverage');
    const timing = await measure(() => coverage.matrix({ journey: ctx.journey.documentId }), ctx.options);
    return { id: 'coverage-service', label: 'coverage service, in-process', ...timing };
  },
};
