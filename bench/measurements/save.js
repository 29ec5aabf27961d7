/** 5. PUT /journey-map/assignments/:uid/:documentId — the panel's save of one entry's tags. */
const { measure } = require('../lib/timer');

module.exports = {
  id: 'save',
  async run(ctx) {
    const { phases, personas } = ctx.journey;
    const bodies = [
      { phases: [phases[1], phases[2]], personas: [personas[0]], cta: null },
      { phases: [phases[3]], personas: [], cta: null },
    ];
    const ids = ctx.seeded.sample;
    const save = (i) =>
      ctx.api.put(`/journey-map/assignments/api::article.article/${ids[i % ids.length]}?locale=en`, bodies[Math.floor(i / ids.length) % 2]);
    const timing = await measure(save, ctx.options);
    return { id: 'save', label: "PUT one entry's tags", ...timing };
  },
};
