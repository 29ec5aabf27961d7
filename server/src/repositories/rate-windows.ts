import { knexOf, type Queryable } from '../db/queryable';
import { retryStatement } from '../db/retry';
import { addTotal, isMysql, stamp } from './upsert';

export const RATE_TABLE = 'jm_rate_windows';

/** Requests of one (hashed) client in one fixed minute, shared by every instance. */
export const rateWindowsRepository = (on: Queryable) => {
  const k = knexOf(on);
  return {
    /**
     * Adds `hits` requests to each client window (keys distinct) and returns each window's total after it,
     * keyed `clientHash|windowStart`: one statement on SQLite and PostgreSQL (`returning`).
     */
    async hit(windows: Array<{ clientHash: string; windowStart: number; hits: number }>): Promise<Map<string, number>> {
      const totals = new Map<string, number>();
      if (!windows.length) return totals;
      const sorted = [...windows].sort((a, b) =>
        a.clientHash < b.clientHash ? -1 : a.clientHash > b.clientHash ? 1 : a.windowStart - b.windowStart
      );
      const upsert = () =>
        k(RATE_TABLE)
          .insert(
            sorted.map((w) => ({ ...stamp(), client_hash: w.clientHash, window_start: w.windowStart, total: w.hits }))
          )
          .onConflict(['client_hash', 'window_start'])
          .merge({ total: addTotal(k, RATE_TABLE) });
      type Row = { client_hash: string; window_start: number | string; total: number | string };
      let rows: Row[];
      if (!isMysql(k))
        rows = await retryStatement(k, () => upsert().returning(['client_hash', 'window_start', 'total']));
      else {
        await retryStatement(k, () => upsert());
        rows = await k(RATE_TABLE)
          .select('client_hash', 'window_start', 'total')
          .where((q) => {
            for (const w of sorted) q.orWhere({ client_hash: w.clientHash, window_start: w.windowStart });
          });
      }
      for (const r of rows) totals.set(`${r.client_hash}|${Number(r.window_start)}`, Number(r.total));
      return totals;
    },

    /** Deletes the windows that started before `before` (epoch ms); returns how many. */
    async deleteStartedBefore(before: number): Promise<number> {
      return Number(await k(RATE_TABLE).where('window_start', '<', before).del());
    },
  };
};
