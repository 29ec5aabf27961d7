import { sharedCommit } from '../../server/src/db/shared-commit';

/** A fake database: a transaction works on a copy of the rows and publishes it on commit. */
function fakeDb() {
  const db = { rows: [] as string[], commits: 0, failNextCommits: 0 };
  const transaction = async <R>(fn: (trx: string[]) => Promise<R>): Promise<R> => {
    const trx = [...db.rows];
    const result = await fn(trx);
    if (db.failNextCommits > 0) {
      db.failNextCommits -= 1;
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    }
    db.rows = trx;
    db.commits += 1;
    return result;
  };
  return { db, transaction };
}

const setup = (maxGroup?: number) => {
  const { db, transaction } = fakeDb();
  const group = sharedCommit<string[], { added: string[] }>({
    transaction,
    createBatch: () => ({ added: [] }),
    finish: async (trx, batch) => {
      trx.push(...batch.added);
    },
    maxGroup,
    retryable: (e: any) => e?.code === '40P01',
    sleep: async () => undefined,
  });
  return { db, group };
};

describe('shared commit (group commit of concurrent requests)', () => {
  it('runs the callers of one turn in one transaction, in order, and settles each after the commit', async () => {
    const { db, group } = setup();
    const seen: number[] = [];
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        group.run(async (trx, batch) => {
          seen.push(n);
          batch.added.push(`row${n}`);
          expect(db.commits).toBe(0);
          return n * 10;
        })
      )
    );
    expect(results).toEqual([10, 20, 30]);
    expect(seen).toEqual([1, 2, 3]);
    expect(db.commits).toBe(1);
    expect(db.rows).toEqual(['row1', 'row2', 'row3']);
    expect(group.stats()).toEqual({ groups: 1, callers: 3, fallbacks: 0 });
  });

  it('caps a group and lets later callers join the next one', async () => {
    const { db, group } = setup(2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.run(async (_trx, batch) => batch.added.push(`r${n}`))));
    expect(db.commits).toBe(3);
    expect(db.rows).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('rolls back a group when one caller fails, then runs each caller alone: only the failing one fails', async () => {
    const { db, group } = setup();
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((n) =>
        group.run(async (_trx, batch) => {
          if (n === 2) throw new Error('bad request 2');
          batch.added.push(`row${n}`);
          return n;
        })
      )
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('bad request 2');
    // Nothing counted twice: the failed group left no row, each survivor was committed once on its own.
    expect(db.rows).toEqual(['row1', 'row3']);
    expect(group.stats().fallbacks).toBe(1);
  });

  it('retries the whole transaction after a deadlock, never committing part of it', async () => {
    const { db, group } = setup();
    db.failNextCommits = 2;
    const results = await Promise.all([1, 2].map((n) => group.run(async (_trx, batch) => (batch.added.push(`row${n}`), n))));
    expect(results).toEqual([1, 2]);
    expect(db.rows).toEqual(['row1', 'row2']);
    expect(db.commits).toBe(1);
  });

  it('rejects every caller of a group whose commit keeps failing, and stores none of them', async () => {
    const { db, group } = setup();
    db.failNextCommits = 100;
    const outcomes = await Promise.allSettled([1, 2].map((n) => group.run(async (_trx, batch) => batch.added.push(`row${n}`))));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(db.rows).toEqual([]);
  });

  it('gives prepare every input of the group in order before any work, once per transaction', async () => {
    const { transaction } = fakeDb();
    const calls: string[] = [];
    const group = sharedCommit<string[], { places: Map<string, number> }, string>({
      transaction,
      createBatch: () => ({ places: new Map() }),
      prepare: async (_trx, batch, inputs) => {
        calls.push(`prepare ${inputs.join(',')}`);
        inputs.forEach((input, i) => batch.places.set(input, i + 1));
      },
      finish: async () => undefined,
    });
    const places = await Promise.all(
      ['a', 'b', 'c'].map((input) =>
        group.run(async (_trx, batch) => {
          calls.push(`work ${input}`);
          return batch.places.get(input);
        }, input)
      )
    );
    expect(places).toEqual([1, 2, 3]);
    expect(calls).toEqual(['prepare a,b,c', 'work a', 'work b', 'work c']);
  });
});
