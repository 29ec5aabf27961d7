/** The gap rules (docs/how-it-works.md, "Gap rules"), as pure functions over counts the database already aggregated. */

import type { CellState, CoverageCell } from '../../../shared/contracts/coverage';
export type { CellState };

export interface Thresholds {
  min: number;
  max: number | null;
}

export function cellState(count: number, t: Thresholds, excluded: boolean): CellState {
  if (excluded) return 'not-applicable';
  if (count === 0 && t.min > 0) return 'gap';
  if (count < t.min) return 'thin';
  if (t.max !== null && count > t.max) return 'excess';
  return 'ok';
}

export interface PhaseInput {
  documentId: string;
  minContentPerPersona?: number | null;
  ctaCount: number;
}

export interface CoverageInput {
  phases: PhaseInput[];
  personas: string[];
  /** tagged-entry counts by `${phaseId}|${personaId}`, personaId '' meaning "all personas" */
  counts: Map<string, number>;
  /** distinct tagged entries per phase */
  phaseEntries: Map<string, number>;
  excluded: Set<string>;
  defaults: Thresholds;
}

export const cellKey = (phase: string, persona: string) => `${phase}|${persona}`;

/**
 * Every phase × persona cell with its count and state, plus the phase flags. A tag for all
 * personas counts in every persona's cell. A journey without personas has one cell per phase.
 */
export function buildMatrix(input: CoverageInput) {
  const columns = input.personas.length ? input.personas : [null];
  const cells: CoverageCell[] = [];
  const phases: Array<{ phase: string; entries: number; min: number; flags: { lacksContent: boolean; noCta: boolean } }> = [];
  for (const phase of input.phases) {
    const thresholds = { min: phase.minContentPerPersona ?? input.defaults.min, max: input.defaults.max };
    const phaseCells = columns.map((persona) => {
      const count =
        persona === null
          ? input.phaseEntries.get(phase.documentId) ?? 0
          : (input.counts.get(cellKey(phase.documentId, persona)) ?? 0) + (input.counts.get(cellKey(phase.documentId, '')) ?? 0);
      const excluded = persona !== null && input.excluded.has(cellKey(phase.documentId, persona));
      return { phase: phase.documentId, persona, count, state: cellState(count, thresholds, excluded) };
    });
    const applicable = phaseCells.filter((c) => c.state !== 'not-applicable');
    phases.push({
      phase: phase.documentId,
      entries: input.phaseEntries.get(phase.documentId) ?? 0,
      min: thresholds.min,
      flags: {
        lacksContent: applicable.length > 0 && applicable.every((c) => c.state === 'gap' || c.state === 'thin'),
        noCta: phase.ctaCount === 0,
      },
    });
    cells.push(...phaseCells);
  }
  const byState = { gap: 0, thin: 0, ok: 0, excess: 0, 'not-applicable': 0 } as Record<CellState, number>;
  for (const c of cells) byState[c.state] += 1;
  return { cells, phases, byState };
}
