import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { knexOf, type Queryable } from '../db/queryable';
import { newDocumentId } from './tags';
import { fromJson } from '../utils/json';
import { toIso } from '../utils/iso-date';
import type { SnapshotItem, SnapshotSummary } from '../../../shared/contracts/snapshots';

export const SNAPSHOTS_TABLE = 'jm_snapshots';

/** The columns a list shows (the payload, which can be large, is read only for one snapshot). */
const LIST_COLUMNS = ['document_id', 'journey_id', 'journey_name', 'taken_at', 'note', 'kind', 'day', 'summary'];

export type SnapshotKind = SnapshotItem['kind'];

/** A snapshot to store; `payload` is kept as JSON and read back as the caller's type. */
export interface NewSnapshot<P> {
  journey: { documentId: string; name: string };
  takenAt: Date;
  note: string | null;
  kind: SnapshotKind;
  /** the UTC day of a daily snapshot (one per journey and day); null for a manual one */
  day: string | null;
  summary: SnapshotSummary;
  payload: P;
}

interface SnapshotRow {
  document_id: string;
  journey_id: string;
  journey_name: string | null;
  taken_at: unknown;
  note: string | null;
  kind: SnapshotKind;
  day: string | null;
  summary: unknown;
  payload?: unknown;
}

const toItem = (r: SnapshotRow): SnapshotItem => ({
  documentId: r.document_id,
  journey: { documentId: r.journey_id, name: r.journey_name ?? null },
  // taken_at is required: a stored snapshot always has its date.
  takenAt: toIso(r.taken_at) as string,
  note: r.note || null,
  kind: r.kind,
  day: r.day || null,
  summary: fromJson<SnapshotSummary>(r.summary),
});

/** Unique-index violations: another instance (or a concurrent run) stored the same daily snapshot first. */
export const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: unknown; errno?: unknown } | null;
  return e?.code === '23505' || e?.errno === 1062 || String(e?.code ?? '').startsWith('SQLITE_CONSTRAINT');
};

/**
 * `jm_snapshots`, through the query builder so that the daily snapshot's unique index (journey, kind,
 * day) decides, across every Strapi instance sharing the database, which run stores the day's snapshot.
 */
export const snapshotsRepository = (strapi: Core.Strapi, on?: Queryable) => {
  const db: Knex | Knex.Transaction = on ? knexOf(on) : strapi.db.connection;
  const ofJourney = (journeyId: string | null) => {
    const b = db(SNAPSHOTS_TABLE);
    if (journeyId) b.where('journey_id', journeyId);
    return b;
  };

  return {
    /** A page of the snapshots (of one journey, or of all), newest first. */
    async page(journeyId: string | null, page: number, pageSize: number): Promise<SnapshotItem[]> {
      const rows: SnapshotRow[] = await ofJourney(journeyId)
        .select(LIST_COLUMNS)
        .orderBy([{ column: 'taken_at', order: 'desc' }, { column: 'id', order: 'desc' }])
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return rows.map(toItem);
    },

    async count(journeyId: string | null): Promise<number> {
      const row = (await ofJourney(journeyId).count({ count: '*' }).first()) as { count?: number | string } | undefined;
      return Number(row?.count ?? 0);
    },

    /** Stores a snapshot and returns its documentId; a second daily snapshot of a day fails on the unique index. */
    async insert<P>(s: NewSnapshot<P>): Promise<string> {
      const documentId = newDocumentId();
      await db(SNAPSHOTS_TABLE).insert({
        document_id: documentId,
        journey_id: s.journey.documentId,
        journey_name: String(s.journey.name ?? '').slice(0, 120),
        taken_at: s.takenAt,
        note: s.note,
        kind: s.kind,
        day: s.day,
        summary: JSON.stringify(s.summary),
        payload: JSON.stringify(s.payload),
        created_at: s.takenAt,
        updated_at: s.takenAt,
        published_at: s.takenAt,
      });
      return documentId;
    },

    /** One snapshot as lists show it, or null. */
    async item(documentId: string): Promise<SnapshotItem | null> {
      const row: SnapshotRow | undefined = await db(SNAPSHOTS_TABLE).select(LIST_COLUMNS).where('document_id', documentId).first();
      return row ? toItem(row) : null;
    },

    /** One snapshot with its stored payload, or null. */
    async withPayload<P>(documentId: string): Promise<(SnapshotItem & { payload: P }) | null> {
      const row: SnapshotRow | undefined = await db(SNAPSHOTS_TABLE).where('document_id', documentId).first();
      return row ? { ...toItem(row), payload: fromJson<P>(row.payload) } : null;
    },

    /** Deletes a snapshot; whether it was there. */
    async remove(documentId: string): Promise<boolean> {
      return (await db(SNAPSHOTS_TABLE).where('document_id', documentId).del()) > 0;
    },

    /** Whether the journey already has its daily snapshot of `day`. */
    async hasDaily(journeyId: string, day: string): Promise<boolean> {
      return Boolean(await db(SNAPSHOTS_TABLE).select('id').where({ journey_id: journeyId, kind: 'daily', day }).first());
    },
  };
};
