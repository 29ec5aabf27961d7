import { knexOf, type Queryable } from '../db/queryable';
import { isMysql, chunks, rawRows, stamp, type Db } from './upsert';

export const SESSIONS_TABLE = 'jm_visitor_sessions';

/** A run of one session's events on one phase: the session seen since `since` stays there until `lastAt`. */
export interface StayingRun {
  sessionHash: string;
  journeyId: string;
  phaseId: string;
  since: number;
  lastAt: number;
}

/** Where each (hashed) visitor session is in each journey, and when it was last seen (epoch ms). */
export const visitorSessionsRepository = (on: Queryable) => {
  const k = knexOf(on);
  return {
    /**
     * The common case of many sessions at once: each session seen since `since` that stays on its phase gets
     * its last-seen time moved on to `lastAt`, in one UPDATE … FROM (SQLite and PostgreSQL). Returns the
     * `sessionHash|journeyId` keys it updated; the others (new, expired or moved sessions, and every one on
     * MySQL) go through `move`. The keys must be distinct.
     */
    async stay(runs: StayingRun[]): Promise<Set<string>> {
      const stayed = new Set<string>();
      if (!runs.length || isMysql(k)) return stayed;
      for (const chunk of chunks(runs)) {
        const values = chunk
          .map(() => 'select ? as h, ? as j, ? as p, cast(? as bigint) as f, cast(? as bigint) as l')
          .join(' union all ');
        const bindings = chunk.flatMap((r) => [r.sessionHash, r.journeyId, r.phaseId, r.since, r.lastAt]);
        const result: unknown = await k.raw(
          `update ?? as s set ?? = case when s.?? < v.l then v.l else s.?? end from (${values}) as v
         where s.?? = v.h and s.?? = v.j and s.?? = v.p and s.?? >= v.f returning ??, ??`,
          [
            SESSIONS_TABLE,
            'last_seen',
            'last_seen',
            'last_seen',
            ...bindings,
            'session_hash',
            'journey_id',
            'phase_id',
            'last_seen',
            'session_hash',
            'journey_id',
          ]
        );
        for (const r of rawRows<{ session_hash: string; journey_id: string }>(result))
          stayed.add(`${r.session_hash}|${r.journey_id}`);
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
    async move(
      sessionHash: string,
      journeyId: string,
      phaseId: string,
      at: number,
      ttlMs: number,
      lastAt = at
    ): Promise<{ from: string } | null> {
      const key = { session_hash: sessionHash, journey_id: journeyId };
      const later = k.raw('case when ?? < ? then ? else ?? end', ['last_seen', lastAt, lastAt, 'last_seen']);
      // (MySQL counts changed rows only: a row already seen at lastAt reports 0 and takes the path below.)
      const stayed = await k(SESSIONS_TABLE)
        .where({ ...key, phase_id: phaseId })
        .andWhere('last_seen', '>=', at - ttlMs)
        .update({ last_seen: later });
      if (Number(stayed) === 1) return null;
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const row: { phase_id: string; last_seen: number | string } | undefined = await k(SESSIONS_TABLE)
          .select('phase_id', 'last_seen')
          .where(key)
          .first();
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

    /** Deletes the sessions last seen before `before` (epoch ms); returns how many. */
    async deleteSeenBefore(before: number): Promise<number> {
      return Number(await k(SESSIONS_TABLE).where('last_seen', '<', before).del());
    },
  };
};

/** Inserts a session unless its (session, journey) exists; true when this call inserted it. */
async function insertIgnore(k: Db, row: Record<string, unknown>): Promise<boolean> {
  const query = k(SESSIONS_TABLE).insert(row).onConflict(['session_hash', 'journey_id']).ignore();
  if (isMysql(k)) {
    // `insert ignore` reports 0 affected rows (insertId 0) when the key existed.
    const result: unknown = await query;
    return Number(Array.isArray(result) ? result[0] : result) > 0;
  }
  const returned: unknown = await query.returning('id');
  return Array.isArray(returned) && returned.length > 0;
}
