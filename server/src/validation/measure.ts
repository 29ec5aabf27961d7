import { z } from 'zod';
import { INTEGER_COLUMN, contentTypeUid, decimal, documentId, queryInt, shortText, slug } from './common';

export const MAX_EVENTS_PER_REQUEST = 100;
export const MAX_BODY_BYTES = 64 * 1024;
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
  })
  .strict()
  .refine((e) => e.cta || e.phase || e.content, { message: 'an event needs a cta, a phase or a content entry', path: ['cta'] });
export type IngestEvent = z.infer<typeof eventSchema>;

const eventList = z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_REQUEST);
/** The request body: one event, an array of events, or `{ events: [...] }` (each event checked on its own). */
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
