import { z } from 'zod';
import { ANALYTICS_SOURCES } from '../constants';
import type { AnalyticsSource } from './journeys';
import { contentTypeUid, documentId, journeyRef, locale, queryInt, utcDay } from './common';

/**
 * A period of UTC days: `from`…`to`, or the last `days` days up to `to` (today by default, the plugin's
 * clock). 30 days when nothing is given.
 */
export const periodFields = {
  days: queryInt(1, 366).optional(),
  from: utcDay.optional(),
  to: utcDay.optional(),
};
/** The checks of a period's fields, in the order their errors are reported. */
export const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
export const daysOrFrom = (q: { days?: number; from?: string }) => !(q.days && q.from);
export const FROM_AFTER_TO = { message: 'from must not be after to', path: ['from'] };
export const DAYS_AND_FROM = { message: 'give either from or days, not both', path: ['days'] };

/** `GET /coverage/performance`: views and conversions per cell of a journey over a period (imported analytics). */
export const performanceQuery = z
  .object({
    journey: journeyRef,
    locale: locale.optional(),
    contentType: contentTypeUid.optional(),
    source: z.enum(ANALYTICS_SOURCES).optional(),
    ...periodFields,
    /** with `phase`: the entries of that cell, ranked */
    phase: documentId.optional(),
    persona: documentId.optional(),
  })
  .strict()
  .refine(fromNotAfterTo, FROM_AFTER_TO)
  .refine(daysOrFrom, DAYS_AND_FROM)
  .refine((q) => !q.persona || q.phase, { message: 'persona needs phase (the cell whose entries are ranked)', path: ['persona'] });
export type PerformanceQuery = z.output<typeof performanceQuery>;

/** Views and conversions of imported analytics (rows spanning more than the period prorated by days). */
export interface PerformanceTotals {
  views: number;
  conversions: number;
}
export interface PerformanceCell extends PerformanceTotals {
  phase: string;
  /** null: the whole phase (a journey without personas) */
  persona: string | null;
}
export interface PerformanceEntry extends PerformanceTotals {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
  published: boolean;
  /** 1 for the most viewed entry of the cell (ties share a rank) */
  rank: number;
}
/** `GET /coverage/performance` answers this. */
export interface PerformanceReport {
  journey: { documentId: string; name: string; slug: string };
  range: { from: string; to: string; days: number };
  filters: { locale: string | null; contentType: string | null; source: AnalyticsSource | null };
  /** which imports overlap the range; `imported: false` means there is nothing to show (see docs/analytics.md) */
  analytics: { imported: boolean; sources: Array<{ source: AnalyticsSource; first: string; last: string }> };
  cells: PerformanceCell[];
  /** per phase, its entries counted once */
  phases: Array<PerformanceTotals & { phase: string }>;
  totals: PerformanceTotals;
  /** with `phase` (and `persona`): that cell's tagged entries, most viewed first (at most 100) */
  cell: { phase: string; persona: string | null; entries: PerformanceEntry[]; total: number } | null;
}
