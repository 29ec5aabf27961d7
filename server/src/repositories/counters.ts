import { knexOf, type Queryable } from '../db/queryable';
import type { IngestEvent } from '../../../shared/contracts/measure';
import { retryStatement } from '../db/retry';
import { addTotal, chunks, stamp } from './upsert';

export const COUNTERS_TABLE = 'jm_metric_counters';

export type EventType = IngestEvent['type'];

export interface CounterKey {
  journeyId: string;
  phaseId: string;
  /** '' for an event about the phase itself */
  ctaId: string;
  day: string;
  eventType: EventType;
}

/** The events of one type counted for a CTA on one UTC day. */
export interface CtaDayTotal {
  ctaId: string;
  day: string;
  eventType: EventType;
  total: number;
}

/**
 * Daily event counters per (phase, CTA, day, event type). Atomic: `insert … on conflict do update` (or
 * `on duplicate key update`) adds to the total in the database, with no read-modify-write in JavaScript,
 * so concurrent requests and several Strapi instances never lose a count. One statement for a whole
 * batch, its keys distinct and in a stable order (callers sort them), so two writers lock rows in the
 * same order.
 */
export const countersRepository = (on: Queryable) => {
  const k = knexOf(on);
  return {
    async add(rows: Array<CounterKey & { total: number }>) {
      for (const chunk of chunks(rows)) {
        await retryStatement(k, () =>
          k(COUNTERS_TABLE)
            .insert(
              chunk.map((r) => ({
                ...stamp(),
                journey_id: r.journeyId,
                phase_id: r.phaseId,
                cta_id: r.ctaId,
                day: r.day,
                event_type: r.eventType,
                total: r.total,
              }))
            )
            .onConflict(['phase_id', 'cta_id', 'day', 'event_type'])
            .merge({ total: addTotal(k, COUNTERS_TABLE) })
        );
      }
    },

    /** The daily totals of the CTAs `ctaIds`, per event type, from the day `since` on. */
    async ctaTotalsSince(ctaIds: string[], since: string): Promise<CtaDayTotal[]> {
      if (!ctaIds.length) return [];
      const rows: Array<{ cta_id: string; day: string; event_type: EventType; total: number | string }> = await k(
        COUNTERS_TABLE
      )
        .select('cta_id', 'day', 'event_type')
        .sum({ total: 'total' })
        .whereIn('cta_id', ctaIds)
        .andWhere('day', '>=', since)
        .groupBy('cta_id', 'day', 'event_type');
      return rows.map((r) => ({ ctaId: r.cta_id, day: r.day, eventType: r.event_type, total: Number(r.total) }));
    },
  };
};
