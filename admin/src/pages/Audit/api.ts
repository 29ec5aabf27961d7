/** Shapes of the audit and snapshot responses, and the query the page keeps in the URL. */

export const FLAGS = ['untagged', 'stale', 'draftOnly', 'phaseWithoutCta', 'missingInOtherLocale'] as const;
export type Flag = (typeof FLAGS)[number];

export const SORTS = ['updatedAt:desc', 'updatedAt:asc', 'title:asc', 'title:desc', 'contentType:asc'] as const;
export type Sort = (typeof SORTS)[number];

export interface AuditRow {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
  status: 'published' | 'draft';
  updatedAt: string | null;
  phases: Array<{ documentId: string; name: string }>;
  personas: Array<{ documentId: string | null; name: string }>;
  flags: Flag[];
}

export interface AuditResponse {
  data: AuditRow[];
  meta: {
    pagination: { page: number; pageSize: number; pageCount: number; total: number };
    counts: Record<Flag, number>;
  };
}

export interface ContentTypeInfo {
  uid: string;
  kind: 'collectionType' | 'singleType';
  displayName: string;
  localized: boolean;
  tracked: boolean;
  entries: number;
}

export interface LocaleInfo {
  code: string;
  name: string;
  isDefault: boolean;
}

/** The filters, sort and page the page keeps in the URL query (shareable, survives reload). */
export interface AuditQuery {
  journey?: string;
  flag?: Flag;
  contentType?: string;
  locale?: string;
  phase?: string;
  persona?: string;
  sort?: Sort;
  page?: string;
  pageSize?: string;
  view?: 'entries' | 'snapshots';
}

export const FILTER_KEYS = ['journey', 'flag', 'contentType', 'locale', 'phase', 'persona'] as const;

/** The audit API's query string for the given filters (only known keys, only valid values). */
export function auditSearch(q: AuditQuery, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = q[key];
    if (typeof value === 'string' && value) params.set(key, value);
  }
  if (q.sort && (SORTS as readonly string[]).includes(q.sort)) params.set('sort', q.sort);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

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

export interface EntryRef {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
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

/** The Content Manager's edit view of an entry, in its locale. */
export function editLink(types: Array<Pick<ContentTypeInfo, 'uid' | 'kind'>>, entry: { contentType: string; documentId: string; locale: string | null }) {
  const kind = types.find((t) => t.uid === entry.contentType)?.kind ?? 'collectionType';
  const base =
    kind === 'singleType'
      ? `/content-manager/single-types/${entry.contentType}`
      : `/content-manager/collection-types/${entry.contentType}/${entry.documentId}`;
  return entry.locale ? `${base}?plugins[i18n][locale]=${encodeURIComponent(entry.locale)}` : base;
}

/** The apiError message of a failed useFetchClient call, if the server sent one. */
export const errorMessage = (error: any): string | undefined => error?.response?.data?.error?.message ?? undefined;
