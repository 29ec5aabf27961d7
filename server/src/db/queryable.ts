import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/** A transaction in progress (what `inTransaction` and `strapi.db.transaction` hand their work). */
export type Transaction = Knex.Transaction;

/**
 * What a repository runs its queries on: Strapi's database (its shared connection) or a transaction.
 * Services hand repositories `strapi.db` or the transaction they are in, never a query builder.
 */
export type Queryable = Core.Strapi['db'] | Knex | Knex.Transaction;

/** The knex a repository builds its queries with. */
export const knexOf = (db: Queryable): Knex | Knex.Transaction => (typeof db === 'function' ? db : db.connection);

/** Runs `work` in a new transaction on `db` (for work that must not join a caller's transaction). */
export const newTransaction = <T>(db: Queryable, work: (trx: Transaction) => Promise<T>): Promise<T> => knexOf(db).transaction(work);
