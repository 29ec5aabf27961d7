import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

/** What a migration step gets: the Strapi instance, the connection to write with, and a logger. */
export interface MigrationContext {
  strapi: Core.Strapi;
  /**
   * `up`: the migration's transaction (Strapi's document and query services called inside `up` join it).
   * On MySQL/MariaDB a DDL statement (create/alter/drop table or index) commits the transaction
   * implicitly, so a step that changes tables there must be safe to run again after a crash.
   * `beforeSync`: the plain connection (no transaction).
   */
  db: Knex | Knex.Transaction;
  dialect: Dialect;
  log: (message: string) => void;
}

/**
 * One change to the plugin's stored data, introduced by the release `version`. The registry
 * (migrations/index.ts) lists them oldest first; each runs once per database, recorded in
 * `jm_migrations` under `version` + `name`.
 */
export interface Migration {
  /** the plugin release that introduced it (semver, as in package.json) */
  version: string;
  /** kebab-case, unique within the version */
  name: string;
  /**
   * Optional, runs before Strapi syncs the tables to the new content types — the only moment to keep
   * data that the sync would drop (a renamed column: copy or rename it here). It runs on every boot
   * until the migration is recorded, possibly on two instances at once, so it must be idempotent
   * (check before changing: "rename if the old column exists and the new one does not").
   */
  beforeSync?: (ctx: MigrationContext) => Promise<void>;
  /** Runs after the sync, once, in a transaction where the database allows it. */
  up: (ctx: MigrationContext) => Promise<void>;
}

export const migrationKey = (m: Pick<Migration, 'version' | 'name'>) => `${m.version} ${m.name}`;
