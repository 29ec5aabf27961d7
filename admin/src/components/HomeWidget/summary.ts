import type { CellState, CoverageReport, CtaKpi, NextContentReport } from '../../../../shared/contracts';
import { PLUGIN_ID } from '../../pluginId';

/** How many cells, KPIs and ranked items the home widget lists of each (the counts say how many there are). */
export const HOME_LIST_SIZE = 3;

/** Where the widget remembers the journey picked on the home page. */
export const HOME_JOURNEY_KEY = `${PLUGIN_ID}.home.journey`;

const BASE = `/plugins/${PLUGIN_ID}`;

/** A gap or thin cell of the content map, named, with the page that opens it. */
export interface HomeOpenCell {
  phase: { documentId: string; name: string };
  persona: { documentId: string; name: string } | null;
  state: Extract<CellState, 'gap' | 'thin'>;
  count: number;
  min: number;
  to: string;
}

export interface HomeKpiLine {
  kpi: CtaKpi;
  to: string;
}

export interface HomeNextLine {
  phase: { documentId: string; name: string };
  persona: { documentId: string; name: string } | null;
  state: CellState;
  count: number;
  min: number;
  to: string;
}

/** What the home widget shows of one journey. */
export interface HomeWidgetSummary {
  journey: { documentId: string; name: string; slug: string };
  /** the content map's cells (none while the journey has no phases) */
  cellsTotal: number;
  gaps: number;
  thin: number;
  /** the first gaps, then the first thin cells, in journey order (phase, then persona) */
  cells: HomeOpenCell[];
  kpisOffTrack: number;
  kpis: HomeKpiLine[];
  /** "What to write next": its first ranked cells (null while it is not known) */
  next: HomeNextLine[] | null;
}

const query = (values: Record<string, string | null | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return params.toString();
};

/** The content map with one cell's dialog open. */
export const contentMapCellLink = (journey: string, phase: string, persona: string | null) =>
  `${BASE}/content-map?${query({ journey, phase, persona })}`;
/** Measure with one CTA's KPI card in view. */
export const measureKpiLink = (journey: string, cta: string) => `${BASE}/measure?${query({ journey, cta })}`;
/** "What to write next" with one cell's brief open. */
export const nextContentCellLink = (journey: string, phase: string, persona: string | null) =>
  `${BASE}/next-content?${query({ journey, phase, persona })}`;

/**
 * The home widget's lists, from the content map's coverage, the journey's KPIs and the ranked "What to write
 * next": the counts of gaps, thin cells and KPIs off track, and the first few of each with their links.
 */
export function homeSummary(coverage: CoverageReport, kpis: CtaKpi[], next: NextContentReport | null, size = HOME_LIST_SIZE): HomeWidgetSummary {
  const slug = coverage.journey.slug;
  const phases = new Map(coverage.phases.map((p) => [p.documentId, p]));
  const personaIndex = new Map(coverage.personas.map((p, i) => [p.documentId, i]));
  const personas = new Map(coverage.personas.map((p) => [p.documentId, p]));
  const rank = { gap: 0, thin: 1 } as const;
  const open = coverage.cells
    .filter((c): c is typeof c & { state: 'gap' | 'thin' } => c.state === 'gap' || c.state === 'thin')
    .filter((c) => phases.has(c.phase))
    .sort(
      (a, b) =>
        rank[a.state] - rank[b.state] ||
        (phases.get(a.phase)?.position ?? 0) - (phases.get(b.phase)?.position ?? 0) ||
        (a.persona === null ? -1 : personaIndex.get(a.persona) ?? 0) - (b.persona === null ? -1 : personaIndex.get(b.persona) ?? 0)
    );
  const cells = open.slice(0, size).map((c): HomeOpenCell => {
    const phase = phases.get(c.phase) as CoverageReport['phases'][number];
    const persona = c.persona ? personas.get(c.persona) ?? null : null;
    return {
      phase: { documentId: phase.documentId, name: phase.name },
      persona: persona ? { documentId: persona.documentId, name: persona.name } : null,
      state: c.state,
      count: c.count,
      min: phase.min,
      to: contentMapCellLink(slug, c.phase, c.persona),
    };
  });
  const off = kpis.filter((k) => k.status === 'offTrack');
  return {
    journey: coverage.journey,
    cellsTotal: coverage.cells.length,
    gaps: coverage.totals.gap,
    thin: coverage.totals.thin,
    cells,
    kpisOffTrack: off.length,
    kpis: off.slice(0, size).map((kpi) => ({ kpi, to: measureKpiLink(slug, kpi.cta.documentId) })),
    next: next
      ? next.items.slice(0, size).map((item) => ({
          phase: { documentId: item.phase.documentId, name: item.phase.name },
          persona: item.persona,
          state: item.state,
          count: item.count,
          min: item.min,
          to: nextContentCellLink(slug, item.phase.documentId, item.persona?.documentId ?? null),
        }))
      : null,
  };
}
