import { knexOf, type Queryable } from '../db/queryable';
import type { Transition } from '../measure/paths';
import { retryStatement } from '../db/retry';
import { addTotal, chunks, stamp } from './upsert';

export const TRANSITIONS_TABLE = 'jm_path_transitions';

export interface TransitionKey {
  journeyId: string;
  /** '' for an entry */
  fromPhaseId: string;
  toPhaseId: string;
  day: string;
}

/** Daily counts of sessions moving from one phase of a journey to another (atomic upserts, as the counters). */
export const pathTransitionsRepository = (on: Queryable) => {
  const k = knexOf(on);
  return {
    async add(rows: Array<TransitionKey & { total: number }>) {
      for (const chunk of chunks(rows)) {
        await retryStatement(k, () =>
          k(TRANSITIONS_TABLE)
            .insert(
              chunk.map((r) => ({
                ...stamp(),
                journey_id: r.journeyId,
                from_phase_id: r.fromPhaseId,
                to_phase_id: r.toPhaseId,
                day: r.day,
                total: r.total,
              }))
            )
            .onConflict(['journey_id', 'from_phase_id', 'to_phase_id', 'day'])
            .merge({ total: addTotal(k, TRANSITIONS_TABLE) })
        );
      }
    },

    /** A journey's moves between `from` and `to` (UTC days, included), summed per (from, to); from '' is an entry. */
    async totals(journeyId: string, from: string, to: string): Promise<Transition[]> {
      const rows: Array<{ from_phase_id: string | null; to_phase_id: string; total: number | string }> = await k(
        TRANSITIONS_TABLE
      )
        .select('from_phase_id', 'to_phase_id')
        .sum({ total: 'total' })
        .where('journey_id', journeyId)
        .andWhere('day', '>=', from)
        .andWhere('day', '<=', to)
        .groupBy('from_phase_id', 'to_phase_id');
      return rows.map((r) => ({ from: r.from_phase_id ?? '', to: r.to_phase_id, count: Number(r.total) }));
    },
  };
};
