import { z } from 'zod';
import type { CELL_STATES } from '../constants';
import type { FunnelBand } from './journeys';
import { contentTypeUid, journeyRef, locale, queryBoolean, queryInt, utcDay } from './common';

/** `GET /coverage` */
export const coverageQuery = z
  .object({
    journey: journeyRef,
    locale: locale.optional(),
    contentType: contentTypeUid.optional(),
    includeDrafts: queryBoolean.optional(),
  })
  .strict();
export type CoverageQuery = z.infer<typeof coverageQuery>;

/** `GET /coverage?format=csv` downloads the matrix as CSV (the controller reads `format` apart from the query). */
export const coverageFormat = z.object({ format: z.enum(['json', 'csv']).optional() });

/** How a phase × persona cell stands against the thresholds. */
export type CellState = (typeof CELL_STATES)[number];

export interface CoverageCell {
  phase: string;
  persona: string | null;
  count: number;
  state: CellState;
}

/** `GET /coverage` answers this. */
export interface CoverageReport {
  journey: { documentId: string; name: string; slug: string };
  filters: { locale: string | null; contentType: string | null; includeDrafts: boolean; staleAfterDays: number };
  thresholds: { min: number; max: number | null };
  phases: Array<{
    documentId: string;
    /** the phase's documentId again (the rules' key) */
    phase: string;
    name: string;
    slug: string;
    position: number;
    funnelBand?: FunnelBand | null;
    ctas: Array<{ documentId: string; label: string }>;
    entries: number;
    min: number;
    flags: { lacksContent: boolean; noCta: boolean };
  }>;
  personas: Array<{ documentId: string; name: string; slug: string }>;
  cells: CoverageCell[];
  totals: Record<CellState | 'cells' | 'untagged', number>;
}

/** `GET /coverage/history`: each cell's daily count over the last `days` days (90 by default). */
export const coverageHistoryQuery = z
  .object({
    journey: journeyRef,
    days: queryInt(1, 366).optional(),
    locale: locale.optional(),
  })
  .strict();
export type CoverageHistoryQuery = z.infer<typeof coverageHistoryQuery>;

/** One cell's daily series; `counts[i]` and `states[i]` are of `days[i]`, null where no snapshot was taken. */
export interface CoverageHistoryCell {
  phase: string;
  persona: string | null;
  counts: Array<number | null>;
  states: Array<CellState | null>;
  /** days of the window the cell was recorded as a gap */
  gapDays: number;
  /** the first day of the cell's current unbroken gap run, when it is a gap now (null: not a gap, or never recorded) */
  gapSince: string | null;
}

/** `GET /coverage/history` answers this. */
export interface CoverageHistory {
  journey: { documentId: string; name: string };
  /** the daily snapshots count entries of every locale: history is never narrowed to one locale */
  locale: null;
  /** the window's UTC days, oldest first, ending today (the plugin's clock) */
  days: string[];
  /** days of the window with a daily (or manual) snapshot */
  recordedDays: number;
  cells: CoverageHistoryCell[];
}

/** `GET /coverage/changes`: gaps opened and closed since a day. */
export const coverageChangesQuery = z
  .object({
    journey: journeyRef,
    since: utcDay,
    locale: locale.optional(),
  })
  .strict();
export type CoverageChangesQuery = z.infer<typeof coverageChangesQuery>;

/** `GET /coverage/changes` answers this. */
export interface CoverageChanges {
  journey: { documentId: string; name: string };
  since: string;
  /** the stored day compared with today: `since` or the nearest later day with a snapshot; null when there is none */
  comparedWith: string | null;
  today: string;
  opened: Array<{ phase: string; persona: string | null; countThen: number | null; countNow: number; stateThen: CellState | null }>;
  closed: Array<{ phase: string; persona: string | null; countThen: number; countNow: number; stateNow: CellState }>;
}
