import type { Knex } from 'knex';
import { newDocumentId } from './assignments';

export const COUNTERS_TABLE = 'jm_metric_counters';
export const TRANSITIONS_TABLE = 'jm_path_transitions';
export const SESSIONS_TABLE = 'jm_visitor_sessions';
export const RATE_TABLE = 'jm_rate_windows';
export const KPI_VALUES_TABLE = 'jm_kpi_values';

export interface CounterKey {
  journeyId: string;
  phaseId: string;
  /** '' for an event about the phase itself */
  ctaId: string;
  day: string;
  eventType: 'view' | 'click' | 'conversion';
}
export interface TransitionKey {
  journeyId: string;
  /** '' for an entry */
  fromPhaseId: string;
  toPhaseId: string;
  day: string;
}

const isMysql = (k: Knex | Knex.Transaction) => (k.client.config.client as string).includes('mysql');

/**
 * `total = <table>.total + <inserted total>` for an upsert, in the dialect's words:
 * `excluded.total` on SQLite/PostgreSQL, `values(total)` on MySQL/MariaDB.
 */
const addTotal = (k: Knex | Knex.Transaction, table: string) =>
  isMysql(k) ? k.raw('?? + values(??)', ['total', 'total']) : k.raw('?? + excluded.??', [`${table}.total`, 'total']);

export const DEADLOCK_CODES = new Set(['40P01', '40001', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);
export const isDeadlock = (error: any) => DEADLOCK_CODES.has(error?.code);
/**
 * A single-statement upsert can still meet a deadlock on MySQL (concurrent inserts of one new key);
 * retrying it alone is safe outside a transaction. Inside one, a deadlock has rolled back (MySQL) or
 * aborted (PostgreSQL) the whole transaction, so only the caller may retry, from its start.
 */
async function withRetry<T>(k: Knex | Knex.Transaction, run: () => Promise<T>): Promise<T> {
  if ((k as Knex.Transaction).isTransaction) return run();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await run();
    } catch (error: any) {
      if (attempt >= 8 || !isDeadlock(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}

const stamp = () => {
  const now = new Date();
  return { document_id: newDocumentId(), created_at: now, updated_at: now, published_at: now };
};

/** Rows per multi-row upsert (well under every dialect's bound-parameter limit). */
const UPSERT_CHUNK = 200;
const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / UPSERT_CHUNK) }, (_, i) => rows.slice(i * UPSERT_CHUNK, (i + 1) * UPSERT_CHUNK));

/**
 * Atomic counters: `insert … on conflict do update` (or `on duplicate key update`) adds to the total in
 * the database. No read-modify-write in JavaScript, so concurrent requests and several Strapi instances
 * never lose a count. One statement per table for a whole batch, its keys distinct and in a stable order
 * (callers sort them), so two writers lock rows in the same order.
 *
 * `k` is the connection or a transaction (the ingest service runs a group of requests in one).
 */
export const metricsRepository = (k: Knex | Knex.Transaction) => ({
  async addCounters(rows: Array<CounterKey & { total: number }>) {
    for (const chunk of chunks(rows)) {
      await withRetry(k, () =>
        k(COUNTERS_TABLE)
          .insert(chunk.map((r) => ({ ...stamp(), journey_id: r.journeyId, phase_id: r.phaseId, cta_id: r.ctaId, day: r.day, event_type: r.eventType, total: r.total })))
          .onConflict(['phase_id', 'cta_id', 'day', 'event_type'])
          .merge({ total: addTotal(k, COUNTERS_TABLE) })
      );
    }
  },

  async addTransitions(rows: Array<TransitionKey & { total: number }>) {
    for (const chunk of chunks(rows)) {
      await withRetry(k, () =>
        k(TRANSITIONS_TABLE)
          .insert(chunk.map((r) => ({ ...stamp(), journey_id: r.journeyId, from_phase_id: r.fromPhaseId, to_phase_id: r.toPhaseId, day: r.day, total: r.total })))
          .onConflict(['journey_id', 'from_phase_id', 'to_phase_id', 'day'])
          .merge({ total: addTotal(k, TRANSITIONS_TABLE) })
      );
    }
  },

  /**
   * Adds `hits` requests to each client window (keys distinct) and returns each window's total after it,
   * keyed `clientHash|windowStart`: one statement on SQLite and PostgreSQL (`returning`).
   */
  async hitRateWindows(windows: Array<{ clientHash: string; windowStart: number; hits: number }>): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    if (!windows.length) return totals;
    const sorted = [...windows].sort((a, b) => (a.clientHash < b.clientHash ? -1 : a.clientHash > b.clientHash ? 1 : a.windowStart - b.windowStart));
    const upsert = () =>
      k(RATE_TABLE)
        .insert(sorted.map((w) => ({ ...stamp(), client_hash: w.clientHash, window_start: w.windowStart, total: w.hits })))
        .onConflict(['client_hash', 'window_start'])
        .merge({ total: addTotal(k, RATE_TABLE) });
    let rows: any[];
    if (!isMysql(k)) rows = await withRetry(k, () => upsert().returning(['client_hash', 'window_start', 'total']));
    else {
      await withRetry(k, () => upsert());
      rows = await k(RATE_TABLE)
        .select('client_hash', 'window_start', 'total')
        .where((q) => {
          for (const w of sorted) q.orWhere({ client_hash: w.clientHash, window_start: w.windowStart });
        });
    }
    for (const r of rows) totals.set(`${r.client_hash}|${Number(r.window_start)}`, Number(r.total));
    return totals;
  },

  /**
   * The common case of many sessions at once: each session seen since `since` that stays on its phase gets
   * its last-seen time moved on to `lastAt`, in one UPDATE … FROM (SQLite and PostgreSQL). Returns the `sessionHash|journeyId` keys
   * it updated; the others (new, expired or moved sessions, and every one on MySQL) go through
   * `moveSession`. The keys must be distinct.
   */
  async staySessions(runs: Array<{ sessionHash: string; journeyId: string; phaseId: string; since: number; lastAt: number }>): Promise<Set<string>> {
    const stayed = new Set<string>();
    if (!runs.length || isMysql(k)) return stayed;
    for (const chunk of chunks(runs)) {
      const values = chunk.map(() => 'select ? as h, ? as j, ? as p, cast(? as bigint) as f, cast(? as bigint) as l').join(' union all ');
      const bindings = chunk.flatMap((r) => [r.sessionHash, r.journeyId, r.phaseId, r.since, r.lastAt]);
      const result: any = await k.raw(
        `update ?? as s set ?? = case when s.?? < v.l then v.l else s.?? end from (${values}) as v
         where s.?? = v.h and s.?? = v.j and s.?? = v.p and s.?? >= v.f returning ??, ??`,
        [SESSIONS_TABLE, 'last_seen', 'last_seen', 'last_seen', ...bindings, 'session_hash', 'journey_id', 'phase_id', 'last_seen', 'session_hash', 'journey_id']
      );
      const rows: any[] = Array.isArray(result) ? result : (result?.rows ?? []);
      for (const r of rows) stayed.add(`${r.session_hash}|${r.journey_id}`);
    }
    return stayed;
  },

  /**
   * Moves a session to `phaseId` for a run of its events on that phase (first at `at`, last at `lastAt`)
   * and says what happened: 'entry' (new or expired session), a transition from the previous phase, or
   * nothing (same phase again). The common case, a live session staying on its phase, is one UPDATE.
   * Otherwise compare-and-set on the previous state, so two concurrent events of one session never count
   * the same move twice.
   */
  async moveSession(sessionHash: string, journeyId: string, phaseId: string, at: number, ttlMs: number, lastAt = at): Promise<{ from: string } | null> {
    const key = { session_hash: sessionHash, journey_id: journeyId };
    const later = k.raw('case when ?? < ? then ? else ?? end', ['last_seen', lastAt, lastAt, 'last_seen']);
    // (MySQL counts changed rows only: a row already seen at lastAt reports 0 and takes the path below.)
    const stayed = await k(SESSIONS_TABLE).where({ ...key, phase_id: phaseId }).andWhere('last_seen', '>=', at - ttlMs).update({ last_seen: later });
    if (Number(stayed) === 1) return null;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const row = await k(SESSIONS_TABLE).select('phase_id', 'last_seen').where(key).first();
      if (!row) {
        const inserted = await insertIgnore(k, { ...stamp(), ...key, phase_id: phaseId, last_seen: lastAt });
        if (inserted) return { from: '' };
        continue; // a concurrent event of the same session inserted it first: read again
      }
      const lastSeen = Number(row.last_seen);
      const expired = at - lastSeen > ttlMs;
      if (!expired && row.phase_id === phaseId) {
        await k(SESSIONS_TABLE).where(key).andWhere('last_seen', '<', lastAt).update({ last_seen: lastAt });
        return null;
      }
      const changed = await k(SESSIONS_TABLE)
        .where({ ...key, phase_id: row.phase_id, last_seen: row.last_seen })
        .update({ phase_id: phaseId, last_seen: Math.max(lastAt, lastSeen) });
      if (Number(changed) === 1) return { from: expired ? '' : row.phase_id };
    }
    return null;
  },

  /** Deletes sessions not seen for `ttlMs` and rate windows older than the previous minute. */
  async cleanup(now: number, ttlMs: number) {
    const sessions = await k(SESSIONS_TABLE).where('last_seen', '<', now - ttlMs).del();
    const windows = await k(RATE_TABLE).where('window_start', '<', now - 2 * 60_000).del();
    return { sessions, windows };
  },
});

/** Inserts a row unless its unique key exists; true when this call inserted it. */
async function insertIgnore(k: Knex | Knex.Transaction, row: Record<string, unknown>): Promise<boolean> {
  const query = k(SESSIONS_TABLE).insert(row).onConflict(['session_hash', 'journey_id']).ignore();
  if (isMysql(k)) {
    // `insert ignore` reports 0 affected rows (insertId 0) when the key existed.
    const result: any = await query;
    return Number(Array.isArray(result) ? result[0] : result) > 0;
  }
  const returned = await query.returning('id');
  return Array.isArray(returned) && returned.length > 0;
}
