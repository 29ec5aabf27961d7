import { z } from 'zod';
import { ANALYTICS_SOURCES } from '../constants';

/*
 * Import of analytics exports (POST /measure/imports and /measure/imports/preview, multipart).
 * The file is the `file` field; the other fields say which tool it comes from, the period when the file
 * has no date per row, and, for a generic file, which column holds what. Each field arrives as text.
 */

/** A column name of the uploaded file (as its header row spells it). */
const column = z.string().trim().min(1, 'must name a column').max(200);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'must be a real date');

/** Which column holds what in a generic file (column names as in its header row). */
export const importMappingSchema = z
  .object({
    path: column.optional(),
    date: column.optional(),
    views: column.optional(),
    visitors: column.optional(),
    engagedSeconds: column.optional(),
    conversions: column.optional(),
    eventName: column.optional(),
    link: column.optional(),
    count: column.optional(),
  })
  .strict()
  .refine((m) => Boolean(m.path) || Boolean(m.eventName), { message: 'map the path column (a page report) or the event name column (an event report)', path: ['path'] })
  .refine((m) => !m.eventName || Boolean(m.count), { message: 'an event report needs the count column', path: ['count'] })
  .refine((m) => !m.path || m.eventName || Boolean(m.views || m.visitors || m.engagedSeconds || m.conversions), {
    message: 'a page report needs at least one of views, visitors, engagedSeconds or conversions',
    path: ['views'],
  });
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** The multipart fields besides the file. `mapping` is JSON text (a form field), for `source=generic`. */
export const importFieldsSchema = z
  .object({
    /** The tool the file comes from; `auto` (the default) recognises it from the header row. */
    source: z.enum(['auto', ...ANALYTICS_SOURCES]).default('auto'),
    /** The period a file without a date per row covers (both or neither; a GA4 file says it itself). */
    periodStart: day.optional(),
    periodEnd: day.optional(),
    mapping: z
      .string()
      .max(4000)
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON' });
          return z.NEVER;
        }
      })
      .pipe(importMappingSchema)
      .optional(),
  })
  .strict()
  .refine((f) => Boolean(f.periodStart) === Boolean(f.periodEnd), { message: 'give both periodStart and periodEnd, or neither', path: ['periodEnd'] })
  .refine((f) => !f.periodStart || !f.periodEnd || f.periodStart <= f.periodEnd, { message: 'must not be before periodStart', path: ['periodEnd'] })
  .refine((f) => f.source !== 'generic' || Boolean(f.mapping), { message: 'a generic file needs its column mapping', path: ['mapping'] })
  .refine((f) => f.source === 'generic' || !f.mapping, { message: 'only a generic file takes a mapping', path: ['mapping'] });
export type ImportFields = z.infer<typeof importFieldsSchema>;

import type { AnalyticsSource } from './journeys';

export type { AnalyticsSource };

/** A row the import refused: its line in the file, the column and why. */
export interface RejectedRow {
  row: number;
  column: string;
  message: string;
}

/** What an import did (or, for a preview, would do). */
export interface ImportSummary {
  /** Whether anything was written (false for a preview). */
  written: boolean;
  source: AnalyticsSource;
  /** The report the file holds: page views per page, or event counts. */
  kind: 'pages' | 'events';
  /** The recognised export, e.g. `ga4-pages`, `plausible-dashboard-pages`, `matomo-events`, `generic`. */
  format: string;
  /** The period replaced: the file's dates (or the given period), YYYY-MM-DD, inclusive. */
  period: { start: string; end: string } | null;
  rowsRead: number;
  /** Page rows whose path is an entry's (events: rows read and kept). */
  matched: number;
  unmatched: { count: number; examples: string[] };
  rejected: { count: number; rows: RejectedRow[] };
  /** Stored rows: per entry and period (pages) or per event, link and period (events). */
  stored: number;
  /** The stored rows this import replaced (same source, inside the period). */
  replaced: number;
  /** Matched rows per content type (preview: what would be matched). */
  byType: Array<{ contentType: string; entries: number; views: number }>;
}
