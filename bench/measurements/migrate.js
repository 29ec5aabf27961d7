/**
 * 11. Upgrading a 0.1.0 site: the time the 0.2.0 data migrations take at boot (they rebuild the
 * derived tables — entry states, first-in-phase flags, the entry dates on the tags — from the source).
 * The migration's ledger row is removed before each run, so each run does the whole upgrade's work.
 */
const { measure } = require('../lib/timer');

module.exports = {
  id: 'migrate',
  // Rebuilding every derived table three times is a measurement of its own (minutes at 1,000,000 entries).
  onlyWhenAsked: true,
  async run(ctx) {
    const k = ctx.strapi.db.connection;
    const service = ctx.strapi.plugin('journey-map').service('migrations');
    const reps = Math.min(ctx.options.reps, 3);
    const timing = await measure(async () => {
      await k('jm_migrations').where('version', '0.2.0').del();
      const { applied } = await service.run();
      if (!applied.includes('0.2.0 rebuild-derived-tables')) throw new Error(`the migration did not run: ${JSON.stringify(applied)}`);
    }, { warmup: 0, reps });
    return { id: 'migrate', label: 'upgrade from 0.1.0 (0.2.0 migrations)', ...timing, total: ctx.seeded.entries };
  },
};
