import { randomBytes } from 'crypto';
import { performance } from 'perf_hooks';
import type { Knex } from 'knex';
import { migrationsLedger, type LedgerRow } from '../repositories/migrations';
import { migrationKey, type Migration, type MigrationContext } from './types';
import { compareVersions, newestVersion } from './versions';

/** A claim whose holder has not beaten for this long is taken over (the holder died mid-migration). */
export const LEASE_MS = 120_000;
const HEARTBEAT_MS = 10_000;
const POLL_MS = 250;

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface RunOptions {
  /** the connection the ledger is read and claimed with (outside the migrations' transactions) */
  db: Knex;
  /** runs `fn` in a transaction (Strapi's, so that services called by a migration join it) */
  transaction: <T>(fn: (trx: Knex.Transaction) => Promise<T>) => Promise<T>;
  migrations: Migration[];
  context: (db: Knex | Knex.Transaction) => MigrationContext;
  /** when a migration is recorded as applied (the plugin's clock) */
  now: () => Date;
  log: Logger;
  /** lets tests name the instance and shorten the lease */
  owner?: string;
  leaseMs?: number;
}

export class DowngradeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DowngradeError';
  }
}

/** The newest data version the database holds (null: nothing recorded, i.e. 0.1.0 or a fresh site). */
export async function storedDataVersion(db: Knex): Promise<string | null> {
  const ledger = migrationsLedger(db);
  if (!(await ledger.exists())) return null;
  return newestVersion((await ledger.all()).map((r) => r.version));
}

/**
 * Refuses to run on data written by a newer release: older code would let Strapi's schema sync drop the
 * newer columns and tables, and would misread what it kept. Called before the sync, so nothing is
 * touched; the boot stops with one log line that says what to do.
 */
export async function refuseDowngrade(db: Knex, migrations: Migration[], log: Logger) {
  const stored = await storedDataVersion(db);
  const known = newestVersion(migrations.map((m) => m.version));
  if (stored === null || known === null || compareVersions(stored, known) <= 0) return;
  const message =
    `[journey-map] Refusing to start: this database holds Journey Map data of version ${stored}, newer than ` +
    `this code handles (data version ${known}). Downgrading is not supported: install strapi-plugin-journey-map ` +
    `${stored} or later again, or restore the database backup taken before the upgrade.`;
  log.error(message);
  throw new DowngradeError(message);
}

/** The migrations the ledger does not record as done, in registry order. */
export async function pendingMigrations(db: Knex, migrations: Migration[]): Promise<Migration[]> {
  const ledger = migrationsLedger(db);
  if (!(await ledger.exists())) return [...migrations];
  const done = new Set((await ledger.all()).filter((r) => r.status === 'done').map((r) => r.migration));
  return migrations.filter((m) => !done.has(migrationKey(m)));
}

/** Runs the `beforeSync` steps of the pending migrations (idempotent by contract, so no claim). */
export async function runBeforeSync(options: Pick<RunOptions, 'db' | 'migrations' | 'context' | 'log'>) {
  for (const m of await pendingMigrations(options.db, options.migrations)) {
    if (!m.beforeSync) continue;
    options.log.info(`[journey-map] migration ${migrationKey(m)}: before the schema sync`);
    await m.beforeSync(options.context(options.db));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs every pending migration once, in registry order. Each is claimed by inserting its key into the
 * ledger (primary key): the instance whose insert succeeds runs it, in one transaction with the row that
 * marks it done; the others wait until it is done (or take it over when its holder stops beating, or
 * retry when the holder failed and gave the claim back). Lease and heartbeat are durations measured on
 * the system clock of each instance, not calendar time, so they never read the plugin's clock.
 */
export async function runMigrations(options: RunOptions): Promise<{ applied: string[]; waitedFor: string[] }> {
  const ledger = migrationsLedger(options.db);
  const owner = options.owner ?? randomBytes(12).toString('hex');
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const applied: string[] = [];
  const waitedFor: string[] = [];
  await ledger.ensure();

  const run = async (m: Migration) => {
    const key = migrationKey(m);
    const beat = setInterval(() => {
      ledger.beat(key, owner, Date.now()).catch(() => undefined);
    }, Math.min(HEARTBEAT_MS, leaseMs / 4));
    beat.unref();
    const started = performance.now();
    options.log.info(`[journey-map] migration ${key}: running`);
    try {
      await options.transaction(async (trx) => {
        await m.up(options.context(trx));
        const elapsed = Math.round(performance.now() - started);
        if ((await ledger.finish(trx, key, owner, options.now(), elapsed)) !== 1) {
          throw new Error(`[journey-map] migration ${key}: another instance took it over; rolled back`);
        }
      });
    } catch (error) {
      await ledger.release(key, owner).catch(() => undefined);
      options.log.error(`[journey-map] migration ${key} failed, nothing of it was kept: ${(error as Error).message}`);
      throw error;
    } finally {
      clearInterval(beat);
    }
    options.log.info(`[journey-map] migration ${key}: done in ${Math.round(performance.now() - started)} ms`);
    applied.push(key);
  };

  for (const m of options.migrations) {
    const key = migrationKey(m);
    let waited = false;
    for (;;) {
      const row: LedgerRow | undefined = await ledger.get(key);
      if (row?.status === 'done') break;
      if (!row) {
        if (await ledger.claim({ migration: key, version: m.version, name: m.name, claimed_by: owner, heartbeat_ms: Date.now() })) {
          await run(m);
          break;
        }
        continue;
      }
      if (Date.now() - row.heartbeat_ms > leaseMs && (await ledger.takeOver(row, owner, Date.now()))) {
        options.log.warn(`[journey-map] migration ${key}: its runner ${row.claimed_by} stopped answering; taking it over`);
        await run(m);
        break;
      }
      if (!waited) options.log.info(`[journey-map] migration ${key}: another instance runs it; waiting`);
      waited = true;
      await sleep(POLL_MS);
    }
    if (waited && !applied.includes(key)) waitedFor.push(key);
  }
  return { applied, waitedFor };
}
