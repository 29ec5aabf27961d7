import type { Knex } from 'knex';
import { isDeadlock } from './transaction';

/**
 * Runs a single-statement upsert again when it meets a deadlock. A single statement can still meet one
 * on MySQL (concurrent inserts of one new key); retrying it alone is safe outside a transaction. Inside
 * one, a deadlock has rolled back (MySQL) or aborted (PostgreSQL) the whole transaction, so only the
 * caller may retry, from its start: the statement runs once.
 */
export async function retryStatement<T>(k: Knex | Knex.Transaction, run: () => Promise<T>): Promise<T> {
  if ((k as Knex.Transaction).isTransaction) return run();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 8 || !isDeadlock(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}
