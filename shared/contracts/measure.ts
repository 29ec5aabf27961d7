import { z } from 'zod';
import type { KPI_STATUSES } from '../constants';
import type { AnalyticsSource, ImportLinkMatch, ImportMode } from './journeys';
import { INTEGER_COLUMN, contentTypeUid, decimal, documentId, queryInt, shortText, slug } from './common';

export const MAX_EVENTS_PER_REQUEST = 100;
export const MAX_BODY_BYTES = 64 * 1024;
/** How long the ids of received events are kept: a batch retried later than this counts again. */
export const RECEIPT_TTL_MS = 2 * 86_400_000;
/** How far back `at` may be (a front end may queue events while offline) and how far ahead (clock skew). */
export const MAX_EVENT_AGE_MS = 7 * 86_400_000;
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** One event as a front end sends it. Either cta, phase or content says what it is about. */
export const eventSchema = z
  .object({
    type: z.enum(['view', 'click', 'conversion']),
    cta: documentId.optional(),
    phase: documentId.optional(),
    content: z.object({ uid: contentTypeUid, documentId }).strict().optional(),
    session: z.string().min(8).max(128).regex(/^[A-Za-z0-9_-]+$/, 'must be 8-128 letters, digits, - or _').optional(),
    at: z.string().datetime({ offset: true }).optional(),
    /** The client's id of the event: an event whose id was already received is acknowledged, not counted again. */
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, - or _').optional(),
  })
  .strict()
  .refine((e) => e.cta || e.phase || e.content, { message: 'an event needs a cta, a phase or a content entry', path: ['cta'] });
export type IngestEvent = z.infer<typeof eventSchema>;

/** An event of a request after its own check: the event, or why it is refused (the others still count). */
export type CheckedEvent = { event: IngestEvent; reason?: undefined } | { event?: undefined; reason: string };
const checkEvent = (input: unknown): CheckedEvent => {
  const r = eventSchema.safeParse(input);
  return r.success ? { event: r.data } : { reason: r.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ') };
};

const eventList = z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_REQUEST).transform((list) => list.map(checkEvent));
/**
 * The request body: one event, an array of events, or `{ events: [...] }`. The list is refused as a whole
 * only when it is not one (or empty, or too long); each event is checked on its own (see CheckedEvent).
 */
export const eventsBody = z.preprocess(
  (body) => (Array.isArray(body) ? { events: body } : body && typeof body === 'object' && !('events' in body) ? { events: [body] } : body),
  z.object({ events: eventList }, { invalid_type_error: 'must be an event, an array of events or { events: [...] }' }).strict()
);

const journeyRef = z.union([documentId, slug]);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((d) => { const t = Date.parse(`${d}T00:00:00Z`); return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d); }, 'must be a real date');

export const kpisQuery = z.object({ journey: journeyRef, periods: queryInt(1, 24).optional() });
export const pathsQuery = z
  .object({ journey: journeyRef, from: day.optional(), to: day.optional(), days: queryInt(1, 366).optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => !(q.days && q.from), { message: 'give either from or days, not both', path: ['days'] });
export const kpiValuesQuery = z.object({ cta: documentId });
export const kpiValueBody = z
  .object({
    cta: documentId,
    date: day,
    value: decimal(),
    note: shortText(200).nullish(),
  })
  .strict();
// Ids live in an integer column: PostgreSQL refuses to compare it with a larger number (a 500 otherwise).
export const kpiValueParams = z.object({
  id: z.string().regex(/^\d{1,10}$/, 'must be a KPI value id').refine((v) => Number(v) <= INTEGER_COLUMN.max, 'must be a KPI value id'),
});

export type EventsBody = z.output<typeof eventsBody>;
export type KpisQuery = z.output<typeof kpisQuery>;
export type PathsQuery = z.output<typeof pathsQuery>;
export type KpiValuesQuery = z.output<typeof kpiValuesQuery>;
export type KpiValueBody = z.output<typeof kpiValueBody>;

/* Responses of `GET /measure/…` */

export type KpiStatus = (typeof KPI_STATUSES)[number];

export interface TrendPoint {
  period: string;
  start: string;
  end: string;
  /** measured (or entered) value of the period; null when nothing was measured or entered */
  value: number | null;
  source: 'measured' | 'manual' | null;
  /** the period is still running */
  partial: boolean;
  /** for a running period: the value extrapolated to the whole period */
  projected: number | null;
}
export interface PhaseRef {
  documentId: string;
  name: string;
  slug: string;
  position: number;
}
export interface CtaKpi {
  cta: { documentId: string; label: string; actionType?: string | null; phase: PhaseRef | null; persona: { documentId: string; name: string } | null };
  metric: string | null;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  direction: 'higher' | 'lower';
  period: 'day' | 'week' | 'month' | 'quarter' | 'year';
  currentPeriod: { period: string; start: string; end: string; partial: boolean };
  actual: number | null;
  projected: number | null;
  source: 'measured' | 'manual' | null;
  status: KpiStatus;
  events: { view: number; click: number; conversion: number };
  /**
   * Where the current period's actual comes from: the snippet's counts, a value entered by hand, and/or
   * imported analytics (the source tools); empty when there is no actual.
   */
  origins: KpiOrigin[];
  /** the CTA's imported event or goal, with its prorated total in the current period (null: no imported row) */
  imported: {
    eventName: string;
    link: string | null;
    linkMatch: ImportLinkMatch;
    source: AnalyticsSource | null;
    mode: ImportMode;
    value: number | null;
    sources: AnalyticsSource[];
  } | null;
  trend: TrendPoint[];
}
export type KpiOrigin = 'snippet' | 'manual' | AnalyticsSource;
/** How sessions moved through one phase (the pure path maths of server/src/measure/paths.ts). */
export interface FlowCounts {
  /** sessions whose first phase was this one */
  entries: number;
  /** sessions that arrived here from another phase */
  arrivals: number;
  /** entries + arrivals: every time a session reached this phase */
  reached: number;
  /** moved on to the next planned phase */
  toNext: number;
  /** moved forward past the next phase (skipping at least one) */
  skippedAhead: number;
  /** moved back to an earlier phase */
  backward: number;
  /** reached this phase and sent no further phase (left, or not yet back) */
  dropOff: number;
  /** toNext / reached; null for the last phase or a phase nobody reached */
  conversionToNext: number | null;
  /** conversionToNext is below the threshold */
  lowConversion: boolean;
}
export interface PhaseFlow extends PhaseRef, FlowCounts {}
export interface Flow {
  from: string;
  to: string;
  count: number;
  kind: 'entry' | 'next' | 'skip' | 'backward';
  skipped: string[];
}
export interface PathsReport {
  journey: { documentId: string; name: string; slug: string };
  range: { from: string; to: string };
  threshold: number;
  sessions: number;
  mainEntry: PhaseRef | null;
  totals: { entries: number; next: number; skip: number; backward: number; dropOff: number };
  phases: PhaseFlow[];
  flows: Flow[];
}
export interface MeasuredGaps {
  journey: { documentId: string; name: string; slug: string };
  range: { from: string; to: string };
  threshold: number;
  phases: Array<
    PhaseRef & {
      reached: number;
      conversionToNext: number | null;
      ctasBelowTarget: Array<{ documentId: string; label: string; status: KpiStatus; actual: number | null; projected: number | null; target: number | null; period: string }>;
      flags: { lowConversion: boolean; ctaBelowTarget: boolean };
    }
  >;
  totals: { lowConversion: number; ctaBelowTarget: number };
}
/** `GET /measure/kpi-values` (a CTA's values, latest date first) and `PUT /measure/kpi-values`. */
export interface KpiValue {
  id: number;
  cta: string;
  date: string;
  value: number;
  note: string | null;
  updatedAt: string | null;
}
