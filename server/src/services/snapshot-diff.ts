/** What a snapshot stores and how two snapshots compare: pure functions, unit-tested. */

import type { CellState, CoverageCell } from '../../../shared/contracts/coverage';
import type { Comparison, Delta, EntryRef, SnapshotCoverage, SnapshotSummary } from '../../../shared/contracts/snapshots';
export type { SnapshotSummary };

/** An entry as the snapshot stores it: [contentType, documentId, locale ('' when not localized), title]. */
export type StoredEntry = [string, string, string, string];

/** What a snapshot stores: its coverage matrix and the keys of its entries. */
export interface SnapshotPayload extends SnapshotCoverage {
  /** entries with no tag in this journey, and entries not updated for the stale period */
  untagged: StoredEntry[];
  stale: StoredEntry[];
  /** keys (`contentType|documentId|locale`) of the entries tagged in this journey */
  tagged: string[];
}

export const entryKey = (contentType: string, documentId: string, locale: string | null | undefined) =>
  `${contentType}|${documentId}|${locale ?? ''}`;
const refKey = (r: StoredEntry) => entryKey(r[0], r[1], r[2]);
const refOut = (r: StoredEntry): EntryRef => ({ contentType: r[0], documentId: r[1], locale: r[2] || null, title: r[3] || null });

/** A cell lacks content when it is a gap or thin (the rule that flags a phase). */
export const lacksContent = (state: CellState | undefined) => state === 'gap' || state === 'thin';
const hasContent = (state: CellState | undefined) => state === 'ok' || state === 'excess';

const cellId = (c: { phase: string; persona: string | null }) => `${c.phase}|${c.persona ?? ''}`;

export function deltas(from: Record<string, number>, to: Record<string, number>): Record<string, Delta> {
  const keys = [...new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})])];
  return Object.fromEntries(
    keys.map((k) => {
      const a = Number(from?.[k] ?? 0);
      const b = Number(to?.[k] ?? 0);
      return [k, { from: a, to: b, delta: b - a }];
    })
  );
}

/**
 * The differences from one snapshot to a later one: cells whose gap closed, cells that became gaps,
 * entries that were untagged and are now tagged, entries that were fresh and are now stale.
 */
export function compareSnapshots(
  from: { payload: SnapshotPayload; summary: SnapshotSummary },
  to: { payload: SnapshotPayload; summary: SnapshotSummary }
): Omit<Comparison, 'from' | 'to'> {
  const phaseNames = new Map<string, string>();
  const personaNames = new Map<string, string>();
  for (const p of [...from.payload.phases, ...to.payload.phases]) phaseNames.set(p.documentId, p.name);
  for (const p of [...from.payload.personas, ...to.payload.personas]) personaNames.set(p.documentId, p.name);
  const position = new Map<string, number>(to.payload.phases.map((p) => [p.documentId, p.position]));

  const before = new Map(from.payload.cells.map((c) => [cellId(c), c]));
  const after = new Map(to.payload.cells.map((c) => [cellId(c), c]));
  const describe = (a: CoverageCell | undefined, b: CoverageCell | undefined) => {
    const c = (b ?? a)!;
    return {
      phase: { documentId: c.phase, name: phaseNames.get(c.phase) ?? c.phase },
      persona: c.persona ? { documentId: c.persona, name: personaNames.get(c.persona) ?? c.persona } : null,
      from: a ? { count: a.count, state: a.state } : null,
      to: b ? { count: b.count, state: b.state } : null,
    };
  };
  const byPosition = (x: ReturnType<typeof describe>, y: ReturnType<typeof describe>) =>
    (position.get(x.phase.documentId) ?? 999) - (position.get(y.phase.documentId) ?? 999) ||
    (x.persona?.name ?? '').localeCompare(y.persona?.name ?? '');

  const gapsClosed = [...before.values()]
    .filter((a) => lacksContent(a.state) && hasContent(after.get(cellId(a))?.state))
    .map((a) => describe(a, after.get(cellId(a))))
    .sort(byPosition);
  const newGaps = [...after.values()]
    .filter((b) => lacksContent(b.state) && !lacksContent(before.get(cellId(b))?.state))
    .map((b) => describe(before.get(cellId(b)), b))
    .sort(byPosition);

  const nowTagged = new Set(to.payload.tagged);
  const wasStale = new Set(from.payload.stale.map(refKey));
  const byTitle = (a: EntryRef, b: EntryRef) => (a.title ?? '').localeCompare(b.title ?? '') || a.documentId.localeCompare(b.documentId);
  const entriesTagged = from.payload.untagged.filter((r) => nowTagged.has(refKey(r))).map(refOut).sort(byTitle);
  const entriesGoneStale = to.payload.stale.filter((r) => !wasStale.has(refKey(r))).map(refOut).sort(byTitle);

  return {
    gapsClosed,
    newGaps,
    entriesTagged,
    entriesGoneStale,
    counts: deltas(from.summary.counts, to.summary.counts),
    totals: deltas(from.summary.totals, to.summary.totals),
    incomplete: Boolean(from.payload.truncated || to.payload.truncated),
  };
}
