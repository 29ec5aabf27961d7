import type { CellState } from '../../../shared/contracts/coverage';

/**
 * The pure rules of coverage over time: UTC days, a cell's daily series, the run of days a cell has
 * been a gap, and the gaps opened and closed between two days. No database, no clock: the service
 * hands in the rows and "today".
 */

/** One stored day of one cell (a row of `jm_cell_history`; persona '' is the journey without personas). */
export interface CellDay {
  day: string;
  phase: string;
  persona: string;
  count: number;
  state: CellState;
}

const DAY_MS = 86_400_000;
const toMs = (day: string) => new Date(`${day}T00:00:00Z`).getTime();
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `day` moved by `n` UTC calendar days (n may be negative). */
export const addDays = (day: string, n: number) => fromMs(toMs(day) + n * DAY_MS);

/** The `n` UTC days ending with `last`, oldest first. */
export const lastDays = (last: string, n: number) => Array.from({ length: n }, (_, i) => addDays(last, i - n + 1));

/** Whole days from `from` to `to` (0 on the same day). */
export const daysBetween = (from: string, to: string) => Math.round((toMs(to) - toMs(from)) / DAY_MS);

/** The key of a cell: phase and persona ('' when the cell has none). */
export const cellKey = (phase: string, persona: string | null) => `${phase}|${persona ?? ''}`;

export interface CellSeries {
  phase: string;
  persona: string | null;
  /** per day of the window, the count that day's snapshot recorded, or null when no snapshot was taken */
  counts: Array<number | null>;
  states: Array<CellState | null>;
  /** days of the window on which the cell was recorded as a gap */
  gapDays: number;
}

/**
 * Per cell, its series over `days` (oldest first): cells in the order they first appear in `rows`
 * (the repository sorts by phase position is not known here, so callers order them as they show them).
 */
export function buildSeries(rows: CellDay[], days: string[]): CellSeries[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const cells = new Map<string, CellSeries>();
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined) continue;
    const key = cellKey(r.phase, r.persona);
    let s = cells.get(key);
    if (!s) {
      s = { phase: r.phase, persona: r.persona || null, counts: days.map(() => null), states: days.map(() => null), gapDays: 0 };
      cells.set(key, s);
    }
    s.counts[i] = r.count;
    s.states[i] = r.state;
  }
  for (const s of cells.values()) s.gapDays = s.states.filter((st) => st === 'gap').length;
  return [...cells.values()];
}

/**
 * For each cell that is a gap now (`currentGaps`), the first day of its current unbroken gap run in
 * the stored days (`rows`, any order): walking back from the newest recorded day of the cell, the run
 * goes on while the cell was a gap and stops at the first day it was not. Days without a snapshot
 * neither break nor extend a run (snapshots may have been off). A cell whose newest record is not a
 * gap became one after it: its run starts `today`. A cell never recorded: null (unknown).
 */
export function gapRuns(rows: CellDay[], currentGaps: Array<{ phase: string; persona: string | null }>, today: string) {
  const byCell = new Map<string, CellDay[]>();
  for (const r of rows) {
    const key = cellKey(r.phase, r.persona);
    const list = byCell.get(key) ?? [];
    list.push(r);
    byCell.set(key, list);
  }
  return currentGaps.map((c) => {
    const recorded = (byCell.get(cellKey(c.phase, c.persona)) ?? []).filter((r) => r.day <= today).sort((a, b) => (a.day < b.day ? 1 : -1));
    if (!recorded.length) return { phase: c.phase, persona: c.persona, since: null as string | null };
    if (recorded[0].state !== 'gap') return { phase: c.phase, persona: c.persona, since: today };
    let since = recorded[0].day;
    for (const r of recorded) {
      if (r.state !== 'gap') break;
      since = r.day;
    }
    return { phase: c.phase, persona: c.persona, since };
  });
}

export interface CellNow {
  phase: string;
  persona: string | null;
  count: number;
  state: CellState;
}

/**
 * Gaps opened and closed between a stored day (`then`: that day's rows) and `now` (today's matrix).
 * Opened: a gap now that was not a gap then (or did not exist then: a new phase or persona). Closed: a
 * gap then that is still a cell and is filled now (not a gap, not excluded). Cells removed or excluded
 * since are neither.
 */
export function gapChanges(then: CellDay[], now: CellNow[]) {
  const before = new Map(then.map((r) => [cellKey(r.phase, r.persona), r]));
  const opened: Array<{ phase: string; persona: string | null; countThen: number | null; countNow: number; stateThen: CellState | null }> = [];
  const closed: Array<{ phase: string; persona: string | null; countThen: number; countNow: number; stateNow: CellState }> = [];
  for (const c of now) {
    const was = before.get(cellKey(c.phase, c.persona));
    if (c.state === 'gap' && was?.state !== 'gap') {
      opened.push({ phase: c.phase, persona: c.persona ?? null, countThen: was ? was.count : null, countNow: c.count, stateThen: was ? was.state : null });
    } else if (c.state !== 'gap' && c.state !== 'not-applicable' && was?.state === 'gap') {
      closed.push({ phase: c.phase, persona: c.persona ?? null, countThen: was.count, countNow: c.count, stateNow: c.state });
    }
  }
  return { opened, closed };
}
