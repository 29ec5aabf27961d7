import type { Core } from '@strapi/strapi';
import { cellCountsRepository, expectedTriggers } from '../repositories/cell-counts';
import type { Dialect } from '../repositories/locks';
import { inTransaction } from '../db/transaction';

/**
 * The maintained coverage counts (repositories/cell-counts): their tables and triggers, set up at every
 * boot, and their recount. `maintained()` says whether coverage may read them: false when the database
 * refused the triggers (MySQL with binary logging and no SUPER / log_bin_trust_function_creators), then
 * coverage counts the tags' index as before, and one warning says so.
 */
const cellCountsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const dialect = () => strapi.db.dialect.client as Dialect;
  const repository = (on: Parameters<typeof cellCountsRepository>[0] = strapi.db) => cellCountsRepository(on, dialect());
  let maintained = false;

  return {
    maintained: () => maintained,

    /**
     * Creates the count tables when missing and the current version's triggers when they are not all
     * there (Strapi's schema sync may recreate a table on SQLite, dropping its triggers; a new release may
     * change their bodies), then recounts: writes made while the triggers were missing were not counted.
     * Idempotent; two instances booting at once both end with the one set of triggers.
     */
    async ensure(): Promise<{ maintained: boolean; rebuilt: boolean }> {
      const created = await repository().ensureTables();
      const expected = expectedTriggers().sort();
      const present = await repository().triggers();
      let rebuilt = false;
      if (present.join() !== expected.join()) {
        try {
          if (dialect() === 'postgres') {
            // Transactional DDL: other writers see the old triggers or the new ones, never neither.
            await inTransaction(strapi, async (trx) => {
              const repo = repository(trx);
              await repo.dropTriggers();
              await repo.createTriggers();
            });
          } else {
            await repository().dropTriggers();
            await repository().createTriggers();
          }
        } catch (error) {
          // Another instance may have created them at the same moment: what counts is that they exist.
          if ((await repository().triggers()).join() !== expected.join()) {
            maintained = false;
            await repository().dropTriggers().catch(() => undefined);
            strapi.log.warn(
              `[journey-map] the database refused the coverage count triggers (${(error as Error).message}); coverage counts ` +
                `the tags' index instead, which grows slower with the number of entries. On MySQL with binary logging, ` +
                `set log_bin_trust_function_creators = 1 or grant the plugin's user the TRIGGER privilege (docs/reliability.md).`
            );
            return { maintained, rebuilt };
          }
        }
        await this.rebuild();
        rebuilt = true;
      } else if (created) {
        await this.rebuild();
        rebuilt = true;
      }
      maintained = true;
      return { maintained, rebuilt };
    },

    /** Recounts both count tables from the tags and entry states, each in a transaction that holds writers off. */
    async rebuild() {
      await inTransaction(strapi, (trx) => repository(trx).rebuild());
      await inTransaction(strapi, (trx) => repository(trx).rebuildUntagged());
    },

    /** Count rows that differ from a recount (0 when the counts are not maintained: nothing reads them). */
    async countWrong(): Promise<number> {
      if (!maintained) return 0;
      const wrong = await repository().countWrong();
      return wrong.cells + wrong.untagged;
    },
  };
};

export default cellCountsService;
