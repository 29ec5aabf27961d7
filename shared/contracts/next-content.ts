import type { AuditRow } from './audit';
import { z } from 'zod';
import { documentId, journeyRef, locale } from './common';
import type { CellState } from './coverage';
import type { KpiStatus } from './measure';

/** `GET /next-content`: the ranked "What to write next" list of one journey. */
export const nextContentQuery = z
  .object({
    journey: journeyRef,
    locale: locale.optional(),
  })
  .strict();
export type NextContentQuery = z.infer<typeof nextContentQuery>;

/** `GET /next-content/brief`: the brief of one cell of that list. */
export const nextContentBriefQuery = z
  .object({
    journey: journeyRef,
    phase: documentId,
    persona: documentId.optional(),
    locale: locale.optional(),
  })
  .strict();
export type NextContentBriefQuery = z.infer<typeof nextContentBriefQuery>;

/** The reasons a cell is ranked, each from 0 (no reason) to 1 (the strongest), with what it was read from. */
export interface ScoreParts {
  /** the persona's priority (higher first): `rank` 1 is the journey's first persona; value priority ÷ the highest */
  persona: { value: number; priority: number | null; rank: number | null; name: string | null };
  /** the phase's CTA: none at all (1), or its KPI behind target by `shortfall` (0…1); null when not measured */
  cta: { value: number | null; kind: 'none' | 'behind' | 'onTarget' | 'noData'; label: string | null; shortfall: number | null; status: KpiStatus | null };
  /** the emotion curve: the phase's score −2…+2 (low points weigh more); null when the phase has none */
  emotion: { value: number | null; score: number | null; label: string | null };
  /** measured drop-off: the share of sessions reaching the phase that stop there; null without sessions */
  dropOff: { value: number | null; share: number | null; reached: number; stopped: number };
  /** how long the cell has been a gap in the daily snapshots; null when no daily snapshot shows it as one */
  gapAge: { value: number | null; days: number | null; since: string | null };
}

/** The weights of the parts, from Settings (`nextContentWeights`). */
export type NextContentWeights = Record<keyof ScoreParts, number>;

export interface NextContentItem {
  phase: { documentId: string; name: string; position: number };
  persona: { documentId: string; name: string } | null;
  state: CellState;
  /** counted entries (published, updated within the stale period) */
  count: number;
  /** what the cell asks for */
  min: number;
  /** tagged entries that do not count: stale, or drafts never published */
  staleOrDraft: number;
  /** 0…100: how much of the shortfall (gap 1, thin less) the weighted parts explain */
  score: number;
  parts: ScoreParts;
}

/** `GET /next-content` answers this. */
export interface NextContentReport {
  journey: { documentId: string; name: string; slug: string };
  locale: string | null;
  weights: NextContentWeights;
  /** which measures the ranking could use; the page says which ones it ranked without */
  measures: { sessions: number; kpis: boolean; lastDailySnapshot: string | null };
  items: NextContentItem[];
}

/** An entry the brief names (only those the caller may read). */
export type BriefEntry = Pick<AuditRow, 'contentType' | 'documentId' | 'locale' | 'title' | 'status' | 'updatedAt'> & { flags: string[] };

/** `GET /next-content/brief` answers this: the facts, and the same as Markdown. */
export interface NextContentBrief {
  journey: { documentId: string; name: string };
  phase: {
    documentId: string;
    name: string;
    customerGoal: string | null;
    questions: string | null;
    thoughts: string | null;
    touchpoints: string[];
    emotionLabel: string | null;
    emotionScore: number | null;
  };
  persona: { documentId: string; name: string; goals: string | null; needs: string | null; painPoints: string | null; channels: string[] } | null;
  ctas: Array<{ label: string; kpiMetric: string | null; kpiTarget: number | null; kpiUnit: string | null; kpiPeriod: string | null }>;
  linkFrom: { phase: { documentId: string; name: string } | null; entries: BriefEntry[] };
  linkTo: { phase: { documentId: string; name: string } | null; entries: BriefEntry[] };
  /** the cell's stale or draft entries, which could be refreshed instead of writing new */
  refresh: BriefEntry[];
  markdown: string;
}
