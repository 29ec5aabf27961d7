import type { Knex } from 'knex';
import { newDocumentId } from './tags';

/** The connection or a transaction (the ingest service runs a group of requests in one). */
export type Db = Knex | Knex.Transaction;

export const isMysql = (k: Db) => String(k.client.config.client).includes('mysql');

/**
 * `total = <table>.total + <inserted total>` for an upsert, in the dialect's words:
 * `excluded.total` on SQLite/PostgreSQL, `values(total)` on MySQL/MariaDB.
 */
export const addTotal = (k: Db, table: string) =>
  isMysql(k) ? k.raw('?? + values(??)', ['total', 'total']) : k.raw('?? + excluded.??', [`${table}.total`, 'total']);

/** The columns Strapi expects on a row written with the query builder. */
export const stamp = () => {
  const now = new Date();
  return { document_id: newDocumentId(), created_at: now, updated_at: now, published_at: now };
};

/** Rows per multi-row upsert (well under every dialect's bound-parameter limit). */
const UPSERT_CHUNK = 200;
export const chunks = <T>(rows: T[]): T[][] =>
  Array.from({ length: Math.ceil(rows.length / UPSERT_CHUNK) }, (_, i) => rows.slice(i * UPSERT_CHUNK, (i + 1) * UPSERT_CHUNK));

/** The rows a raw statement returned: an array on SQLite and MySQL, `{ rows }` on PostgreSQL. */
export const rawRows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : (((result as { rows?: T[] } | null)?.rows ?? []) as T[]);
