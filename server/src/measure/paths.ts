/** Planned vs actual path of a journey, from phase-transition counters. Pure: no database. */
import type { FlowCounts } from '../../../shared/contracts/measure';

export interface Transition {
  /** '' when sessions entered the journey at `to` */
  from: string;
  to: string;
  count: number;
}

export type FlowKind = 'entry' | 'next' | 'skip' | 'backward';

/** One phase's flow, by id and position. */
export interface FlowOfPhase extends FlowCounts {
  phase: string;
  position: number;
}

export interface PathReport {
  phases: FlowOfPhase[];
  flows: Array<Transition & { kind: FlowKind; skipped: string[] }>;
  /** the phase where most sessions enter (null without data) */
  mainEntry: string | null;
  sessions: number;
  totals: { entries: number; next: number; skip: number; backward: number; dropOff: number };
}

/**
 * `phases` in planned order. Transitions between phases of other journeys (or deleted phases) are ignored.
 * A session that repeats a phase is not a transition (the ingestion only counts phase changes).
 */
export function computePaths(phases: string[], transitions: Transition[], threshold: number): PathReport {
  const index = new Map(phases.map((p, i) => [p, i]));
  const flows: PathReport['flows'] = [];
  const merged = new Map<string, Transition>();
  for (const t of transitions) {
    if (!index.has(t.to) || (t.from !== '' && !index.has(t.from)) || t.from === t.to || t.count <= 0) continue;
    const key = `${t.from}>${t.to}`;
    const m = merged.get(key);
    if (m) m.count += t.count;
    else merged.set(key, { ...t });
  }
  const rows = phases.map((phase, position) => ({
    phase, position, entries: 0, arrivals: 0, reached: 0, toNext: 0, skippedAhead: 0, backward: 0, dropOff: 0,
    conversionToNext: null as number | null, lowConversion: false,
  }));
  for (const t of merged.values()) {
    const to = index.get(t.to)!;
    if (t.from === '') {
      rows[to].entries += t.count;
      flows.push({ ...t, kind: 'entry', skipped: [] });
      continue;
    }
    const from = index.get(t.from)!;
    rows[to].arrivals += t.count;
    let kind: FlowKind;
    if (to === from + 1) {
      kind = 'next';
      rows[from].toNext += t.count;
    } else if (to > from + 1) {
      kind = 'skip';
      rows[from].skippedAhead += t.count;
    } else {
      kind = 'backward';
      rows[from].backward += t.count;
    }
    flows.push({ ...t, kind, skipped: kind === 'skip' ? phases.slice(from + 1, to) : [] });
  }
  for (const r of rows) {
    r.reached = r.entries + r.arrivals;
    r.dropOff = Math.max(0, r.reached - r.toNext - r.skippedAhead - r.backward);
    const last = r.position === phases.length - 1;
    r.conversionToNext = last || r.reached === 0 ? null : r.toNext / r.reached;
    r.lowConversion = r.conversionToNext !== null && r.conversionToNext < threshold;
  }
  flows.sort((a, b) => b.count - a.count || (a.from < b.from ? -1 : 1));
  const withEntries = rows.filter((r) => r.entries > 0).sort((a, b) => b.entries - a.entries || a.position - b.position);
  const sum = (k: FlowKind) => flows.filter((f) => f.kind === k).reduce((s, f) => s + f.count, 0);
  return {
    phases: rows,
    flows,
    mainEntry: withEntries[0]?.phase ?? null,
    sessions: sum('entry'),
    totals: { entries: sum('entry'), next: sum('next'), skip: sum('skip'), backward: sum('backward'), dropOff: rows.reduce((s, r) => s + r.dropOff, 0) },
  };
}
