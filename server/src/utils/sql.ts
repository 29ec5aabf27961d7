import type { Knex } from 'knex';

/**
 * UNION ALL of full SELECTs (with their own GROUP BY) that compiles the same on SQLite, PostgreSQL and
 * MySQL: each part becomes `select * from (<part>) as pN`, because SQLite rejects parenthesised SELECTs
 * in a compound statement and knex would append the first part's GROUP BY after the whole union.
 */
export const unionAll = (k: Knex, parts: Knex.QueryBuilder[]): Knex.QueryBuilder => {
  const wrapped = parts.map((part, i) => k.select('*').from(part.as(`p${i}`)));
  return wrapped.length === 1 ? wrapped[0] : wrapped[0].unionAll(wrapped.slice(1), false);
};
