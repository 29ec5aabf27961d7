import { randomBytes } from 'crypto';
import { knexOf, type Queryable } from '../db/queryable';
import { isMysql } from './upsert';

/**
 * A plain table (not a content type): the ids of the events received in the last two days, so that a
 * retried batch is acknowledged without counting again. Never carried by `strapi export` / `transfer`
 * (receipts describe this database's counters) and emptied by the measure cleanup job.
 */
export const RECEIPTS_TABLE = 'jm_event_receipts';

/** Ids per insert (well under every dialect's bound-parameter limit: 4 columns per row). */
const CHUNK = 200;

export const eventReceiptsRepository = (on: Queryable) => {
  const db = knexOf(on);
  return {
    /** Creates the table when it is missing (at boot; two instances booting at once are harmless). */
    async ensureTable() {
      if (await db.schema.hasTable(RECEIPTS_TABLE)) return;
      try {
        await db.schema.createTable(RECEIPTS_TABLE, (t) => {
          t.string('id', 64).primary();
          t.string('day', 10).notNullable();
          t.bigInteger('created').notNullable().index('jm_event_receipts_created_idx');
          // The transaction that recorded the id (MySQL/MariaDB read their own inserts back by it).
          t.string('claim', 32).notNullable();
        });
      } catch (error) {
        // Another instance created it between the check and the create.
        if (!(await db.schema.hasTable(RECEIPTS_TABLE))) throw error;
      }
    },

    /**
     * Records `ids` (distinct) with insert-or-ignore on the primary key and returns those this call
     * recorded: the others were received before (by a committed transaction, or by one that commits while
     * this one waits on the key). Run inside the transaction that adds the counters, so an id is recorded
     * exactly when its event is counted.
     */
    async record(ids: string[], now: number): Promise<Set<string>> {
      const recorded = new Set<string>();
      if (!ids.length) return recorded;
      const sorted = [...new Set(ids)].sort(); // one key order for every writer: no deadlock between two
      const claim = randomBytes(16).toString('hex');
      const day = new Date(now).toISOString().slice(0, 10);
      for (let i = 0; i < sorted.length; i += CHUNK) {
        const rows = sorted.slice(i, i + CHUNK).map((id) => ({ id, day, created: now, claim }));
        if (isMysql(db)) {
          await db(RECEIPTS_TABLE).insert(rows).onConflict('id').ignore();
        } else {
          const inserted: Array<{ id: string }> = await db(RECEIPTS_TABLE).insert(rows).onConflict('id').ignore().returning(['id']);
          for (const r of inserted) recorded.add(r.id);
        }
      }
      if (isMysql(db)) {
        for (let i = 0; i < sorted.length; i += CHUNK) {
          const mine: Array<{ id: string }> = await db(RECEIPTS_TABLE).select('id').whereIn('id', sorted.slice(i, i + CHUNK)).where({ claim });
          for (const r of mine) recorded.add(r.id);
        }
      }
      return recorded;
    },

    /** Deletes the receipts recorded before `before` (epoch ms); returns how many. */
    async deleteCreatedBefore(before: number): Promise<number> {
      return Number(await db(RECEIPTS_TABLE).where('created', '<', before).del());
    },
  };
};
