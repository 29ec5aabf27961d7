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

const isMysql = (k: Knex) => (k.client.config.client as string).includes('mysql');

/**
 * `total = <table>.total + <inserted total>` for an upsert, in the dialect's words:
 * `excluded.total` on SQLite/PostgreSQL, `values(total)` on MySQL/MariaDB.
 */
const addTotal = (k: Knex, table: string) =>
  isMysql(k) ? k.raw('?? + values(??)', ['total', 'total']) : k.raw('?? + excluded.??', [`${table}.total`, 'total']);

const DEADLOCK_CODES = new Set(['40P01', '40001', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);
/** A single-statement upsert can still meet a deadlock on MySQL (concurrent inserts of one new key); retrying is safe. */
async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await run();
    } catch (error: any) {
      if (attempt >= 8 || !DEADLOCK_CODES.has(error?.code)) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}

const stamp = () => {
  const now = new Date();
  return { document_id: newDocumentId(), created_at: now, updated_at: now, published_at: now };
};

/**
 * Atomic counters: one `insert … on conflict do update` (or `on duplicate key update`) per key, in the
 * database. No read-modify-write in JavaScript, so concurrent requests and several Strapi instances never
 * lose a count. One statement per key and no surrounding transaction: each holds one row lock only.
 */
export const metricsRepository = (k: Knex) => ({
  async addCounters(rows: Array<CounterKey & { total: number }>) {
    for (const r of rows) {
      await withRetry(() =>
        k(COUNTERS_TABLE)
          .insert({ ...stamp(), journey_id: r.journeyId, phase_id: r.phaseId, cta_id: r.ctaId, day: r.day, event_type: r.eventType, total: r.total })
          .onConflict(['phase_id', 'cta_id', 'day', 'event_type'])
          .merge({ total: addTotal(k, COUNTERS_TABLE) })
      );
    }
  },

  async addTransitions(rows: Array<TransitionKey & { total: number }>) {
    for (const r of rows) {
      await withRetry(() =>
        k(TRANSITIONS_TABLE)
          .insert({ ...stamp(), journey_id: r.journeyId, from_phase_id: r.fromPhaseId, to_phase_id: r.toPhaseId, day: r.day, total: r.total })
          .onConflict(['journey_id', 'from_phase_id', 'to_phase_id', 'day'])
          .merge({ total: addTotal(k, TRANSITIONS_TABLE) })
      );
    }
  },

  /** Adds one request to the client's window and returns the window's total after it. */
  async hitRateWindow(clientHash: string, windowStart: number): Promise<number> {
    await withRetry(() =>
      k(RATE_TABLE)
        .insert({ ...stamp(), client_hash: clientHash, window_start: windowStart, total: 1 })
        .onConflict(['client_hash', 'window_start'])
        .merge({ total: addTotal(k, RATE_TABLE) })
    );
    const row = await k(RATE_TABLE).select('total').where({ client_hash: clientHash, window_start: windowStart }).first();
    return Number(row?.total ?? 0);
  },

  /**
   * Moves a session to `phaseId` and says what happened: 'entry' (new or expired session), a transition
   * from the previous phase, or nothing (same phase again). Compare-and-set on the previous state, so two
   * concurrent events of one session never count the same move twice.
   */
  async moveSession(sessionHash: string, journeyId: string, phaseId: string, now: number, ttlMs: number): Promise<{ from: string } | null> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const row = await k(SESSIONS_TABLE).select('phase_id', 'last_seen').where({ session_hash: sessionHash, journey_id: journeyId }).first();
      if (!row) {
        const inserted = await insertIgnore(k, { ...stamp(), session_hash: sessionHash, journey_id: journeyId, phase_id: phaseId, last_seen: now });
        if (inserted) return { from: '' };
        continue; // a concurrent event of the same session inserted it first: read again
      }
      const lastSeen = Number(row.last_seen);
      const expired = now - lastSeen > ttlMs;
      if (!expired && row.phase_id === phaseId) {
        await k(SESSIONS_TABLE).where({ session_hash: sessionHash, journey_id: journeyId }).andWhere('last_seen', '<', now).update({ last_seen: now });
        return null;
      }
      const changed = await k(SESSIONS_TABLE)
        .where({ session_hash: sessionHash, journey_id: journeyId, phase_id: row.phase_id, last_seen: row.last_seen })
        .update({ phase_id: phaseId, last_seen: Math.max(now, lastSeen) });
      if (changed === 1) return { from: expired ? '' : row.phase_id };
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
async function insertIgnore(k: Knex, row: Record<string, unknown>): Promise<boolean> {
  const query = k(SESSIONS_TABLE).insert(row).onConflict(['session_hash', 'journey_id']).ignore();
  if (isMysql(k)) {
    // `insert ignore` reports 0 affected rows (insertId 0) when the key existed.
    const result: any = await query;
    return Number(Array.isArray(result) ? result[0] : result) > 0;
  }
  const returned = await query.returning('id');
  return Array.isArray(returned) && returned.length > 0;
}
