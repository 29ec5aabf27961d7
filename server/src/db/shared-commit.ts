/**
 * Group commit: concurrent callers share one database transaction, so a burst of ingestion requests
 * costs one commit (one disk flush) instead of one per statement. SQLite has a single writer and flushes
 * on every commit; PostgreSQL and MySQL flush their log on every commit too.
 *
 * Each caller's `work` runs inside the group's transaction, one after the other, and writes what it can
 * merge with the others (counter increments) into the group's `batch`; `finish` writes the batch with one
 * statement per table just before the commit. A caller's promise settles only after the commit, so a
 * request is answered once its counts are stored: nothing is acknowledged and then lost.
 *
 * When anything in a group fails, the whole transaction is rolled back and every caller of the group is
 * run again alone, so one bad request never fails or loses the others. A deadlock or busy error retries
 * the transaction from its start (never one statement inside it, which would commit half of it).
 *
 * Pure apart from the `transaction` function it is given: unit-tested in tests/unit/shared-commit.test.ts.
 */
export interface SharedCommitOptions<Trx, Batch, Input = unknown> {
  /** Runs `fn` in one transaction: commits when it resolves, rolls back when it throws. */
  transaction: <R>(fn: (trx: Trx) => Promise<R>) => Promise<R>;
  /** A fresh, empty batch for a group. */
  createBatch: () => Batch;
  /**
   * Optional first step of a group, given every caller's input in order before any work runs: one
   * statement for what all callers need (their rate-limit totals, say), its answers left in the batch.
   */
  prepare?: (trx: Trx, batch: Batch, inputs: Input[]) => Promise<void>;
  /** Writes a group's batch, inside its transaction, after every caller's work. */
  finish: (trx: Trx, batch: Batch) => Promise<void>;
  /** Callers per transaction at most (default 50). */
  maxGroup?: number;
  /** Errors after which the same transaction is tried again (deadlock, busy). */
  retryable?: (error: unknown) => boolean;
  /** Tries of a transaction that meets retryable errors (default 5). */
  attempts?: number;
  /** Waits `ms` before a retry (a parameter so tests need not wait). */
  sleep?: (ms: number) => Promise<void>;
}

export interface SharedCommit<Trx, Batch, Input = unknown> {
  run<R>(work: (trx: Trx, batch: Batch) => Promise<R>, input?: Input): Promise<R>;
  /** Groups committed so far and callers in them (for tests and profiling). */
  stats(): { groups: number; callers: number; fallbacks: number };
}

interface Pending<Trx, Batch, Input> {
  work: (trx: Trx, batch: Batch) => Promise<unknown>;
  input: Input | undefined;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

export function sharedCommit<Trx, Batch, Input = unknown>(options: SharedCommitOptions<Trx, Batch, Input>): SharedCommit<Trx, Batch, Input> {
  const maxGroup = options.maxGroup ?? 50;
  const attempts = options.attempts ?? 5;
  const retryable = options.retryable ?? (() => false);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const queue: Array<Pending<Trx, Batch, Input>> = [];
  const counts = { groups: 0, callers: 0, fallbacks: 0 };
  let flushing = false;

  /** One transaction for the group's work, with retries of the whole transaction; the results in order. */
  const commit = async (group: Array<Pending<Trx, Batch, Input>>): Promise<unknown[]> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const results = await options.transaction(async (trx) => {
          const batch = options.createBatch();
          if (options.prepare) await options.prepare(trx, batch, group.map((item) => item.input as Input));
          const out: unknown[] = [];
          for (const item of group) out.push(await item.work(trx, batch));
          await options.finish(trx, batch);
          return out;
        });
        counts.groups += 1;
        counts.callers += group.length;
        return results;
      } catch (error) {
        if (attempt >= attempts || !retryable(error)) throw error;
        await sleep(2 + Math.random() * 10 * attempt);
      }
    }
  };

  const flush = async () => {
    while (queue.length) {
      const group = queue.splice(0, maxGroup);
      try {
        const results = await commit(group);
        group.forEach((item, i) => item.resolve(results[i]));
      } catch (error) {
        if (group.length === 1) {
          group[0].reject(error);
          continue;
        }
        counts.fallbacks += 1;
        for (const item of group) {
          try {
            item.resolve((await commit([item]))[0]);
          } catch (alone) {
            item.reject(alone);
          }
        }
      }
    }
    flushing = false;
  };

  return {
    run<R>(work: (trx: Trx, batch: Batch) => Promise<R>, input?: Input): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ work, input, resolve, reject });
        if (!flushing) {
          flushing = true;
          // Callers arriving in the same turn of the event loop join the first group.
          setImmediate(() => void flush());
        }
      });
    },
    stats: () => ({ ...counts }),
  };
}
