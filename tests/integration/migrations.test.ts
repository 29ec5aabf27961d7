import type { Knex } from 'knex';
import { runMigrations, type RunOptions } from '../../server/src/migrations/runner';
import type { Migration } from '../../server/src/migrations/types';
import { databaseClient } from '../helpers/database';
import { startStrapi, type TestApp } from '../helpers/strapi';

/**
 * How several Strapi instances share the migrations: each booting instance runs the runner with its own
 * connection. Two runners here use two connections to one database, as two instances would.
 */
const MARKS = 'jm_test_migration_marks';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe(`data migrations shared by instances on ${databaseClient()}`, () => {
  let app: TestApp;
  let second: Knex;

  const runner = (db: Knex, owner: string, migrations: Migration[], extra: Partial<RunOptions> = {}) =>
    runMigrations({
      db,
      transaction: (fn) => db.transaction(fn),
      migrations,
      context: (conn) => ({ strapi: app.strapi, db: conn, dialect: databaseClient(), log: () => undefined }),
      now: () => new Date(Date.UTC(2026, 10, 30)),
      log: silent,
      owner,
      ...extra,
    });
  /** A migration that marks each run with the runner that ran it, and takes a while (so the other waits). */
  const marking = (version: string, name: string, runs: string[]): Migration => ({
    version,
    name,
    async up({ db }) {
      await db(MARKS).insert({ migration: `${version} ${name}` });
      runs.push(name);
      await sleep(300);
    },
  });
  const marks = async () => (await app.strapi.db.connection(MARKS).select('migration').orderBy('migration')).map((r: any) => r.migration);
  const ledger = (prefix: string) =>
    app.strapi.db.connection('jm_migrations').select('migration', 'status', 'claimed_by').where('migration', 'like', `${prefix}%`).orderBy('migration');

  beforeAll(async () => {
    app = await startStrapi('migrations');
    const knex = require('knex');
    second = knex(app.strapi.db.connection.client.config);
    await app.strapi.db.connection.schema.createTable(MARKS, (t) => t.string('migration', 191).notNullable());
  });
  afterAll(async () => {
    await second?.destroy();
    await app?.stop();
  });

  it('boot recorded the release migrations once', async () => {
    expect(await ledger('0.')).toEqual([
      { migration: '0.2.0 backfill-cell-history', status: 'done', claimed_by: expect.any(String) },
      { migration: '0.2.0 forget-visitor-salt', status: 'done', claimed_by: expect.any(String) },
      { migration: '0.2.0 rebuild-derived-tables', status: 'done', claimed_by: expect.any(String) },
    ]);
  });

  it('two instances booting at once: each migration runs exactly once, and both return after it is done', async () => {
    const runs: string[] = [];
    const registry = [marking('50.0.0', 'first', runs), marking('50.1.0', 'second', runs)];
    const [a, b] = await Promise.all([runner(app.strapi.db.connection, 'instance-a', registry), runner(second, 'instance-b', registry)]);
    expect(runs.sort()).toEqual(['first', 'second']);
    expect(await marks()).toEqual(['50.0.0 first', '50.1.0 second']);
    expect([...a.applied, ...b.applied].sort()).toEqual(['50.0.0 first', '50.1.0 second']);
    // Whoever did not run a migration waited for it.
    expect([...a.applied, ...a.waitedFor].sort()).toEqual(['50.0.0 first', '50.1.0 second']);
    expect([...b.applied, ...b.waitedFor].sort()).toEqual(['50.0.0 first', '50.1.0 second']);
    const rows = await ledger('50.');
    expect(rows.map((r: any) => [r.migration, r.status])).toEqual([['50.0.0 first', 'done'], ['50.1.0 second', 'done']]);
    // Running again finds nothing to do.
    expect(await runner(second, 'instance-c', registry)).toEqual({ applied: [], waitedFor: [] });
  });

  it('a failing migration keeps nothing, gives its claim back, and runs on the next boot', async () => {
    const failing: Migration = {
      version: '51.0.0',
      name: 'fails-once',
      async up({ db }) {
        await db(MARKS).insert({ migration: '51.0.0 fails-once' });
        throw new Error('disk on fire');
      },
    };
    await expect(runner(app.strapi.db.connection, 'instance-a', [failing])).rejects.toThrow('disk on fire');
    expect(await marks()).not.toContain('51.0.0 fails-once');
    expect(await ledger('51.')).toEqual([]);
    const runs: string[] = [];
    expect((await runner(second, 'instance-b', [marking('51.0.0', 'fails-once', runs)])).applied).toEqual(['51.0.0 fails-once']);
    expect(runs).toEqual(['fails-once']);
  });

  it('a claim whose holder stopped beating is taken over; a live one is waited for', async () => {
    const k = app.strapi.db.connection;
    await k('jm_migrations').insert({ migration: '52.0.0 orphaned', version: '52.0.0', name: 'orphaned', status: 'running', claimed_by: 'crashed', heartbeat_ms: Date.now() - 60_000 });
    const runs: string[] = [];
    const result = await runner(second, 'instance-b', [marking('52.0.0', 'orphaned', runs)], { leaseMs: 5_000 });
    expect(result.applied).toEqual(['52.0.0 orphaned']);
    expect(await ledger('52.')).toEqual([{ migration: '52.0.0 orphaned', status: 'done', claimed_by: 'instance-b' }]);

    await k('jm_migrations').insert({ migration: '53.0.0 in-progress', version: '53.0.0', name: 'in-progress', status: 'running', claimed_by: 'alive', heartbeat_ms: Date.now() });
    const waiting = runner(second, 'instance-b', [marking('53.0.0', 'in-progress', runs)], { leaseMs: 60_000 });
    await sleep(600);
    expect(runs).toEqual(['orphaned']); // still waiting
    await k('jm_migrations').where({ migration: '53.0.0 in-progress' }).update({ status: 'done' });
    expect(await waiting).toEqual({ applied: [], waitedFor: ['53.0.0 in-progress'] });
    expect(runs).toEqual(['orphaned']);
  });
});
