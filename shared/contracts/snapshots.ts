import { z } from 'zod';
import { documentId, journeyRef, queryInt, shortText } from './common';
import type { CoverageCell, CoverageReport } from './coverage';

/** `POST /snapshots` */
export const snapshotCreate = z
  .object({
    journey: journeyRef,
    note: shortText(500).optional(),
  })
  .strict();
export type SnapshotCreate = z.infer<typeof snapshotCreate>;

/** `GET /snapshots` */
export const snapshotListQuery = z
  .object({
    journey: journeyRef.optional(),
    page: queryInt(1, 100000).optional(),
    pageSize: queryInt(1, 100).optional(),
  })
  .strict();
export type SnapshotListQuery = z.infer<typeof snapshotListQuery>;

// Path params come from the router (which may add its own keys), so unknown keys are dropped.
export const snapshotParams = z.object({ id: documentId });

/** `GET /snapshots/compare` */
export const snapshotCompareQuery = z
  .object({
    from: documentId,
    to: documentId,
  })
  .strict();
export type SnapshotCompareQuery = z.infer<typeof snapshotCompareQuery>;

/* Responses */

export interface SnapshotSummary {
  counts: Record<string, number>;
  totals: Record<string, number>;
}

export interface SnapshotItem {
  documentId: string;
  journey: { documentId: string; name: string | null };
  takenAt: string;
  note: string | null;
  kind: 'manual' | 'daily';
  day: string | null;
  summary: SnapshotSummary;
}

/** `GET /snapshots`: a page of snapshots. */
export interface SnapshotList {
  data: SnapshotItem[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

export interface EntryRef {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
}

/** The coverage matrix a snapshot keeps (the part of its stored payload that `GET /snapshots/:id` shows). */
export interface SnapshotCoverage {
  version: 1;
  phases: Array<Pick<CoverageReport['phases'][number], 'documentId' | 'name' | 'position' | 'entries' | 'flags'>>;
  personas: Array<{ documentId: string; name: string }>;
  cells: CoverageCell[];
  /** true when a list of entries hit the cap and was cut: the comparison of entries is then incomplete */
  truncated: boolean;
}

/** `GET /snapshots/:id`: the snapshot with its matrix and the entries the caller may read. */
export interface SnapshotDetail extends SnapshotItem {
  coverage: SnapshotCoverage;
  /** untagged and stale entries as listed then (those the caller may read now); `tagged`: how many were tagged */
  entries: { untagged: EntryRef[]; stale: EntryRef[]; tagged: number };
}

/** `DELETE /snapshots/:id` */
export interface SnapshotDeleted {
  deleted: string;
}

export interface CellChange {
  phase: { documentId: string; name: string };
  persona: { documentId: string; name: string } | null;
  from: { count: number; state: string } | null;
  to: { count: number; state: string } | null;
}

export interface Delta {
  from: number;
  to: number;
  delta: number;
}

export interface Comparison {
  from: SnapshotItem;
  to: SnapshotItem;
  gapsClosed: CellChange[];
  newGaps: CellChange[];
  entriesTagged: EntryRef[];
  entriesGoneStale: EntryRef[];
  counts: Record<string, Delta>;
  totals: Record<string, Delta>;
  incomplete: boolean;
}
