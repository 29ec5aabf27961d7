import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/** A deadlock or a serialization failure: the database rolled the whole transaction back. */
export const isDeadlock = (error: any) =>
  ['40P01', '40001'].includes(error?.code) || [1213, 1205].includes(error?.errno) || String(error?.code ?? '') === 'SQLITE_BUSY';

/**
 * Runs `work` in one transaction and runs it again from the start when the database chose it as a
 * deadlock victim. Locks taken in a fixed order make deadlocks rare, but two paths that lock different
 * tables (a tag write and a phase delete both touching entry states) can still meet; the database
 * breaks such a cycle by rolling one back, and re-running it whole is then correct and invisible to
 * the client. Never used for a unique violation: that would hide a real bug.
 */
export async function inTransaction<T>(strapi: Core.Strapi, work: (trx: Knex.Transaction) => Promise<T>, attempts = 5): Promise<T> {
  // Joined to a caller's transaction (a migration, a lifecycle), a victim's rollback is the caller's:
  // running `work` again there would run it on a dead transaction, so only the outermost one retries.
  if (strapi.db.inTransaction()) attempts = 1;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await strapi.db.transaction(({ trx }) => work(trx as Knex.Transaction));
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}
