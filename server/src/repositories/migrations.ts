import type { Knex } from 'knex';
import { knexOf, type Queryable } from '../db/queryable';

/**
 * The ledger of the plugin's data migrations: one row per migration, claimed by the instance that runs
 * it. It is a plain table the plugin creates itself, not a content type: it must exist before Strapi's
 * schema sync (the downgrade check reads it there), and Strapi leaves tables it does not manage alone.
 * The primary key on `migration` is what lets exactly one of several booting instances claim a migration.
 */
export const MIGRATIONS_TABLE = 'jm_migrations';

export interface LedgerRow {
  migration: string;
  version: string;
  name: string;
  status: 'running' | 'done';
  claimed_by: string;
  /** last sign of life of the claiming instance (ms since the epoch, system time of that instance) */
  heartbeat_ms: number;
  applied_at: Date | string | number | null;
  duration_ms: number | null;
}

/** A row as the driver returns it: bigint and integer columns may come back as strings (PostgreSQL, MySQL). */
type RawLedgerRow = Omit<LedgerRow, 'heartbeat_ms' | 'duration_ms'> & { heartbeat_ms: number | string; duration_ms: number | string | null };

const normalize = (r: RawLedgerRow): LedgerRow => ({ ...r, heartbeat_ms: Number(r.heartbeat_ms), duration_ms: r.duration_ms === null ? null : Number(r.duration_ms) });

export const migrationsLedger = (on: Queryable) => {
  const db = knexOf(on);
  return {
    exists: () => db.schema.hasTable(MIGRATIONS_TABLE),

    /** Creates the table unless it exists (another instance may create it at the same moment). */
    async ensure() {
      if (await this.exists()) return;
      try {
        await db.schema.createTable(MIGRATIONS_TABLE, (t) => {
          t.string('migration', 191).primary();
          t.string('version', 32).notNullable();
          t.string('name', 128).notNullable();
          t.string('status', 16).notNullable();
          t.string('claimed_by', 64).notNullable();
          t.bigInteger('heartbeat_ms').notNullable();
          t.timestamp('applied_at', { useTz: false, precision: 3 }).nullable();
          t.integer('duration_ms').nullable();
        });
      } catch (error) {
        if (!(await this.exists())) throw error;
      }
    },

    async all(): Promise<LedgerRow[]> {
      return (await db(MIGRATIONS_TABLE).select('*').orderBy('migration')).map(normalize);
    },

    async get(migration: string): Promise<LedgerRow | undefined> {
      const row = await db(MIGRATIONS_TABLE).where({ migration }).first();
      return row ? normalize(row) : undefined;
    },

    /** Inserts the claim; false when another instance holds (or has finished) the migration. */
    async claim(row: Pick<LedgerRow, 'migration' | 'version' | 'name' | 'claimed_by' | 'heartbeat_ms'>): Promise<boolean> {
      try {
        await db(MIGRATIONS_TABLE).insert({ ...row, status: 'running', applied_at: null, duration_ms: null });
        return true;
      } catch (error) {
        // A duplicate key means someone else claimed it; anything else must surface.
        if (await this.get(row.migration)) return false;
        throw error;
      }
    },

    /** Takes over a claim whose holder stopped beating: a compare-and-swap on (holder, last beat). */
    async takeOver(stale: LedgerRow, claimedBy: string, nowMs: number): Promise<boolean> {
      const n = await db(MIGRATIONS_TABLE)
        .where({ migration: stale.migration, status: 'running', claimed_by: stale.claimed_by, heartbeat_ms: stale.heartbeat_ms })
        .update({ claimed_by: claimedBy, heartbeat_ms: nowMs });
      return n === 1;
    },

    beat: (migration: string, claimedBy: string, nowMs: number) =>
      db(MIGRATIONS_TABLE).where({ migration, claimed_by: claimedBy, status: 'running' }).update({ heartbeat_ms: nowMs }),

    /** Marks the migration done, in the migration's own transaction; 0 when the claim was lost. */
    finish: (trx: Knex | Knex.Transaction, migration: string, claimedBy: string, appliedAt: Date, durationMs: number) =>
      trx(MIGRATIONS_TABLE).where({ migration, claimed_by: claimedBy, status: 'running' }).update({ status: 'done', applied_at: appliedAt, duration_ms: durationMs }),

    /** Gives a claim back after a failed run, so that the next boot (or a waiting instance) retries. */
    release: (migration: string, claimedBy: string) => db(MIGRATIONS_TABLE).where({ migration, claimed_by: claimedBy, status: 'running' }).del(),
  };
};
