import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { EntryScope } from '../permissions/entries';
import { ASSIGNMENTS_TABLE, TAG_COLUMNS as T } from './tags';
import { ENTRY_STATES_TABLE } from './entry-states';
import { AUDIT_FLAGS } from '../../../shared/constants';
import type { AuditFlag, AuditSort } from '../../../shared/contracts/audit';
import { toIso } from '../utils/iso-date';
import { analyticsReadsRepository } from './analytics-reads';

/** The column of the flagged set that holds each flag (1 or 0). */
const FLAG_COLUMNS: Record<AuditFlag, string> = {
  untagged: 'f_untagged',
  stale: 'f_stale',
  draftOnly: 'f_draft_only',
  phaseWithoutCta: 'f_phase_without_cta',
  missingInOtherLocale: 'f_missing_locale',
  unread: 'f_unread',
};
const SORTS: Record<AuditSort, [string, 'asc' | 'desc']> = {
  'updatedAt:desc': ['updated_at', 'desc'],
  'updatedAt:asc': ['updated_at', 'asc'],
  'title:asc': ['title', 'asc'],
  'title:desc': ['title', 'desc'],
  'contentType:asc': ['content_type', 'asc'],
};

/** Which entries the audit lists and how it flags them (services/audit decides these from the request). */
export interface AuditFilter {
  /** the tracked types listed */
  types: string[];
  /** an entry locale (entries of types without i18n are in every locale); undefined: every locale */
  locale?: string;
  /** the journey whose tags flag the entries; null: the tags of every journey */
  journeyId: string | null;
  phasesWithoutCta: string[];
  /** entries last updated before it are stale */
  cutoff: Date;
  flag?: AuditFlag;
  phase?: string;
  persona?: string;
  sort: AuditSort;
  /**
   * The period of the `unread` flag (tagged, published, no imported views in it); null: not computed (no
   * analytics imported for the period), the flag is never set.
   */
  unread: { from: string; to: string } | null;
  /** the entries the caller may read (decided by permissions/entries); the others are left out, counts included */
  readable: EntryScope;
}

/** An entry (documentId × locale; locale '' for types without i18n) with its flags. */
export interface FlaggedEntry {
  contentType: string;
  documentId: string;
  locale: string;
  title: string | null;
  updatedAt: string | null;
  published: boolean;
  flags: AuditFlag[];
}

export interface EntryKeyRow {
  contentType: string;
  documentId: string;
  locale: string;
}

/** One tag of a listed entry: its phase and persona ('' = all personas). */
export interface EntryTag extends EntryKeyRow {
  phaseId: string;
  personaId: string;
}

/**
 * Where a chunk of the export ended. The rows are read in two runs — those whose sort value is set and
 * those whose value is NULL (untitled entries), in the order each database's ORDER BY puts NULLs — and
 * within a run after the last row's sort value (as the database returned it) and key (keyset pagination),
 * so that each chunk is a range of an index rather than a skip over the rows before it.
 */
export interface AuditCursor {
  nulls: boolean;
  last: { value: unknown; contentType: string; documentId: string; locale: string } | null;
}

/** An entry of the export with its tags (in the tags' unique index's order). */
export interface TaggedEntry extends FlaggedEntry {
  tags: Array<{ phaseId: string; personaId: string }>;
}

/** The size of the filtered set and of each flag in it. */
export interface FlagSummary {
  total: number;
  counts: Record<AuditFlag, number>;
}

/** An entry's columns as the database answers them (booleans as 1/0, which drivers may type as text). */
interface EntryColumns {
  content_type: string;
  document_id: string;
  entry_locale: string;
  title: string | null;
  updated_at: unknown;
  has_published: number | string;
}

/** A row of the flagged set: the entry and one column per flag. */
interface FlaggedRow extends EntryColumns {
  [flagColumn: string]: unknown;
}

/** A row of an export chunk: an entry, its flags as bits (AUDIT_FLAGS' order) and one of its tags, if any. */
interface JoinedRow extends EntryColumns {
  flag_bits: number | string;
  tag_phase_id: string | null;
  tag_persona_id: string | null;
}

const isSet = (v: unknown) => Number(v) === 1;
/** An entry's row as the API names it, with the flags its caller read (a column each, or bits). */
const entryOf = (r: EntryColumns, flags: AuditFlag[]): FlaggedEntry => ({
  contentType: r.content_type,
  documentId: r.document_id,
  locale: r.entry_locale ?? '',
  title: r.title ?? null,
  updatedAt: toIso(r.updated_at),
  published: isSet(r.has_published),
  flags,
});
const toEntry = (r: FlaggedRow): FlaggedEntry => entryOf(r, AUDIT_FLAGS.filter((f) => isSet(r[FLAG_COLUMNS[f]])));

/**
 * The content audit's queries: the entries come from the plugin's copy of their state
 * (`jm_entry_states`), flagged, filtered, sorted and paginated in the database; only a page's rows and
 * their tags come back to Node. Across all journeys the tag flags are columns of that copy (kept by
 * services/entry-states); within one journey they are looked up in its tags.
 */
export const auditRepository = (strapi: Core.Strapi) => {
  const db: Knex = strapi.db.connection;
  // NULLs sort first in ascending order on SQLite and MySQL/MariaDB, last on PostgreSQL.
  const nullsSmallest = strapi.db.dialect.client !== 'postgres';

  /**
   * Across all journeys a flag other than `unread` is a test of the entry state's own columns: applied to
   * the entries themselves, where the database can use the state's indexes (the same test as the flag's
   * column in `flagged`, which still applies it).
   */
  const flagOfState = (f: AuditFilter) => (!f.journeyId && f.flag && f.flag !== 'unread' ? f.flag : undefined);
  function whereFlag(b: Knex.QueryBuilder, f: AuditFilter) {
    const notTagged = (w: Knex.QueryBuilder) => w.where((o) => o.where('s.tagged', false).orWhereNull('s.tagged'));
    switch (flagOfState(f)) {
      case 'untagged':
        return notTagged(b);
      case 'missingInOtherLocale':
        return notTagged(b).where('s.other_locale_tagged', true);
      case 'phaseWithoutCta':
        return b.where('s.no_cta_tagged', true);
      case 'stale':
        return b.where('s.entry_updated_at', '<', f.cutoff);
      case 'draftOnly':
        return b.where('s.draft_and_publish', true).whereNull('s.live_updated_at');
      default:
        return b;
    }
  }

  /**
   * Every entry (documentId × locale) of the filter's types from the plugin's copy of the entries: title,
   * last update, published or not, tag flags.
   */
  function entries(f: AuditFilter): Knex.QueryBuilder {
    const b = db(`${ENTRY_STATES_TABLE} as s`).select(
      's.content_type',
      's.entry_document_id as document_id',
      's.entry_locale',
      's.title',
      's.entry_updated_at as updated_at',
      db.raw('case when s.live_updated_at is not null then 1 else 0 end as has_published'),
      db.raw('case when s.draft_and_publish then 1 else 0 end as has_draft_and_publish'),
      db.raw('case when s.tagged then 1 else 0 end as is_tagged'),
      db.raw('case when s.no_cta_tagged then 1 else 0 end as no_cta_tagged'),
      db.raw('case when s.other_locale_tagged then 1 else 0 end as other_locale_tagged')
    );
    b.whereIn('s.content_type', f.types);
    if (f.locale) b.whereIn('s.entry_locale', [f.locale, '']);
    whereFlag(b, f);
    return f.readable.restrict(b, { contentType: 's.content_type', documentId: 's.entry_document_id', locale: 's.entry_locale' }, f.types);
  }

  /** Whether the filter needs every entry's flags (else a page can be cut before flagging). */
  const filtersOnFlags = (f: AuditFilter) => Boolean((f.flag && !flagOfState(f)) || f.phase || f.persona);

  /**
   * The entries of `source` (by default all of them) with their flags, filtered, as a query builder (not
   * awaited here: awaiting a builder runs it).
   */
  function flagged(f: AuditFilter, source: Knex.QueryBuilder = entries(f)): Knex.QueryBuilder {
    const tags = (alias: string) => {
      const t = db(`${ASSIGNMENTS_TABLE} as ${alias}`)
        .select(db.raw('1'))
        .whereRaw(`${alias}.${T.contentType} = x.content_type`)
        .whereRaw(`${alias}.${T.entryDocumentId} = x.document_id`);
      if (f.journeyId) t.where(`${alias}.${T.journeyId}`, f.journeyId);
      return t;
    };
    const sameLocale = (alias: string) => tags(alias).whereRaw(`${alias}.${T.entryLocale} = x.entry_locale`);
    const noCta = f.phasesWithoutCta.length ? sameLocale('c').whereIn(`c.${T.phaseId}`, f.phasesWithoutCta) : sameLocale('c').whereRaw('1 = 0');

    // Across all journeys the tag flags are columns of the entry states; within one journey they are
    // looked up in its tags.
    const tagFlags = f.journeyId
      ? [
          db.raw('case when not exists ? then 1 else 0 end as f_untagged', [sameLocale('u')]),
          db.raw('case when exists ? then 1 else 0 end as f_phase_without_cta', [noCta]),
          db.raw('case when not exists ? and exists ? then 1 else 0 end as f_missing_locale', [
            sameLocale('m1'),
            tags('m2').whereRaw(`m2.${T.entryLocale} <> x.entry_locale`),
          ]),
        ]
      : [
          db.raw('1 - x.is_tagged as f_untagged'),
          'x.no_cta_tagged as f_phase_without_cta',
          db.raw('case when x.is_tagged = 0 and x.other_locale_tagged = 1 then 1 else 0 end as f_missing_locale'),
        ];
    const withFlags = db
      .from(source.as('x'))
      .select(
        'x.*',
        db.raw('case when x.updated_at < ? then 1 else 0 end as f_stale', [f.cutoff]),
        db.raw('case when x.has_draft_and_publish = 1 and x.has_published = 0 then 1 else 0 end as f_draft_only'),
        ...tagFlags
      );

    // Unread: tagged and published, and no imported row with views in the period.
    const unread = f.unread
      ? db.raw('case when w.f_untagged = 0 and w.has_published = 1 and not exists ? then 1 else 0 end as f_unread', [
          analyticsReadsRepository(db).viewedIn({ contentType: 'w.content_type', documentId: 'w.document_id', locale: 'w.entry_locale' }, f.unread.from, f.unread.to),
        ])
      : db.raw('0 as f_unread');
    const withUnread = db.from(withFlags.as('w')).select('w.*', unread);

    const filtered = db.from(withUnread.as('f')).select('f.*');
    if (f.flag) filtered.where(`f.${FLAG_COLUMNS[f.flag]}`, 1);
    if (f.phase || f.persona) {
      const byTag = db(`${ASSIGNMENTS_TABLE} as p`)
        .select(db.raw('1'))
        .whereRaw(`p.${T.contentType} = f.content_type`)
        .whereRaw(`p.${T.entryDocumentId} = f.document_id`)
        .whereRaw(`p.${T.entryLocale} = f.entry_locale`);
      if (f.phase) byTag.where(`p.${T.phaseId}`, f.phase);
      if (f.persona) byTag.whereIn(`p.${T.personaId}`, [f.persona, '']);
      filtered.whereExists(byTag);
    }
    return filtered;
  }

  const ordered = (b: Knex.QueryBuilder, sort: AuditSort, alias = 'f') => {
    const [column, direction] = SORTS[sort];
    return b.orderBy([
      { column: `${alias}.${column}`, order: direction },
      { column: `${alias}.content_type` },
      { column: `${alias}.document_id` },
      { column: `${alias}.entry_locale` },
    ]);
  };

  /** The rows of `c`'s run after its last row, in `ordered`'s order. */
  function after(b: Knex.QueryBuilder, alias: string, sort: AuditSort, c: AuditCursor) {
    const [column, direction] = SORTS[sort];
    const col = `${alias}.${column}`;
    const laterKey = (w: Knex.QueryBuilder, last: NonNullable<AuditCursor['last']>) =>
      w.whereRaw('(??, ??, ??) > (?, ?, ?)', [`${alias}.content_type`, `${alias}.document_id`, `${alias}.entry_locale`, last.contentType, last.documentId, last.locale]);
    if (c.nulls) return c.last ? laterKey(b.whereNull(col), c.last) : b.whereNull(col);
    b.whereNotNull(col);
    const { last } = c;
    if (!last) return b;
    if (column === 'content_type') return laterKey(b, last);
    // A bound the index can start from, then the rows of the same value with a later key.
    const value = last.value as Knex.Value;
    return b
      .where(col, direction === 'asc' ? '>=' : '<=', value)
      .where((w) => w.where(col, direction === 'asc' ? '>' : '<', value).orWhere((o) => laterKey(o.where(col, value), last)));
  }

  return {
    /** One page of the filtered entries, in the filter's order. */
    async page(f: AuditFilter, page: number, pageSize: number): Promise<FlaggedEntry[]> {
      const offset = (page - 1) * pageSize;
      // Without filters on flags, the page is cut from the bare entries first and only its rows get flagged.
      const rows: FlaggedRow[] = await (filtersOnFlags(f)
        ? ordered(flagged(f), f.sort).limit(pageSize).offset(offset)
        : ordered(flagged(f, ordered(db.from(entries(f).as('y')).select('y.*'), f.sort, 'y').limit(pageSize).offset(offset)), f.sort));
      return rows.map(toEntry);
    },

    /** The total and every flag's count of the filtered set, in one pass over it. */
    async summary(f: AuditFilter): Promise<FlagSummary> {
      const row = (await db
        .from(flagged(f).as('t'))
        .select(db.raw('count(*) as count'), ...AUDIT_FLAGS.map((flag) => db.raw(`coalesce(sum(t.${FLAG_COLUMNS[flag]}), 0) as ${FLAG_COLUMNS[flag]}`)))
        .first()) as Record<string, unknown> | undefined;
      const counts = Object.fromEntries(AUDIT_FLAGS.map((flag) => [flag, Number(row?.[FLAG_COLUMNS[flag]] ?? 0)])) as Record<AuditFlag, number>;
      return { total: Number(row?.count ?? 0), counts };
    },

    /**
     * The next `size` filtered entries (at most) in the filter's order from `from` (the start when null),
     * each with its tags, and where the next chunk starts (null after the last): the export reads the whole
     * set chunk by chunk, one query per chunk.
     */
    async chunk(f: AuditFilter, from: AuditCursor | null, size: number): Promise<{ entries: TaggedEntry[]; next: AuditCursor | null }> {
      const [column, direction] = SORTS[f.sort];
      const nullsFirst = (direction === 'asc') === nullsSmallest;
      const cursor = from ?? { nulls: nullsFirst, last: null };
      const cut = (b: Knex.QueryBuilder, alias: string) => ordered(after(b, alias, f.sort, cursor), f.sort, alias).limit(size);
      const rows = filtersOnFlags(f) ? cut(flagged(f), 'f') : ordered(flagged(f, cut(db.from(entries(f).as('y')).select('y.*'), 'y')), f.sort);
      // The chunk's tags joined to its rows (an entry's tags on consecutive rows, an untagged entry once),
      // and only the columns written: most of an export's time is the driver building each row's object.
      const joined = db
        .from(rows.as('c'))
        .leftJoin(`${ASSIGNMENTS_TABLE} as a`, (j) => {
          j.on(`a.${T.contentType}`, 'c.content_type').andOn(`a.${T.entryDocumentId}`, 'c.document_id').andOn(`a.${T.entryLocale}`, 'c.entry_locale');
          if (f.journeyId) j.andOn(`a.${T.journeyId}`, db.raw('?', [f.journeyId]));
        })
        .select(
          'c.content_type',
          'c.document_id',
          'c.entry_locale',
          'c.title',
          'c.updated_at',
          'c.has_published',
          db.raw(`${AUDIT_FLAGS.map((flag, i) => `c.${FLAG_COLUMNS[flag]} * ${2 ** i}`).join(' + ')} as flag_bits`),
          `a.${T.phaseId} as tag_phase_id`,
          `a.${T.personaId} as tag_persona_id`
        );
      const result: JoinedRow[] = await ordered(joined, f.sort, 'c').orderBy([`a.${T.phaseId}`, `a.${T.personaId}`]);
      const list: TaggedEntry[] = [];
      let current: TaggedEntry | undefined;
      let lastRow: JoinedRow | undefined;
      for (const r of result) {
        if (!lastRow || r.content_type !== lastRow.content_type || r.document_id !== lastRow.document_id || r.entry_locale !== lastRow.entry_locale) {
          const bits = Number(r.flag_bits);
          current = { ...entryOf(r, AUDIT_FLAGS.filter((_flag, i) => bits & (2 ** i))), tags: [] };
          list.push(current);
          lastRow = r;
        }
        if (r.tag_phase_id !== null && r.tag_phase_id !== undefined) current!.tags.push({ phaseId: r.tag_phase_id, personaId: r.tag_persona_id ?? '' });
      }
      const full = list.length === size;
      const next: AuditCursor | null = full
        ? { nulls: cursor.nulls, last: { value: lastRow![column as keyof JoinedRow], contentType: lastRow!.content_type, documentId: lastRow!.document_id, locale: lastRow!.entry_locale } }
        : cursor.nulls === nullsFirst
          ? { nulls: !cursor.nulls, last: null }
          : null;
      return { entries: list, next };
    },

    /** The tags of the entries (in one journey, or in all when `journeyId` is null). */
    async tagsOf(list: EntryKeyRow[], journeyId: string | null): Promise<EntryTag[]> {
      if (!list.length) return [];
      const rows: Array<{ content_type: string; entry_document_id: string; entry_locale: string; phase_id: string; persona_id: string | null }> = await db(ASSIGNMENTS_TABLE)
        .select(T.contentType, T.entryDocumentId, T.entryLocale, T.phaseId, T.personaId)
        .where((b) => {
          // One IN list per (type, locale), not one OR per row: SQLite caps the depth of an expression.
          const groups = new Map<string, { contentType: string; locale: string; ids: string[] }>();
          for (const e of list) {
            const key = `${e.contentType}\u0000${e.locale}`;
            if (!groups.has(key)) groups.set(key, { contentType: e.contentType, locale: e.locale, ids: [] });
            groups.get(key)!.ids.push(e.documentId);
          }
          for (const g of groups.values()) {
            b.orWhere((w) => w.where(T.contentType, g.contentType).where(T.entryLocale, g.locale).whereIn(T.entryDocumentId, g.ids));
          }
        })
        .modify((b) => {
          if (journeyId) b.where(T.journeyId, journeyId);
        })
        // An entry's tags in one order on every database: the unique index's.
        .orderBy([T.contentType, T.entryDocumentId, T.entryLocale, T.phaseId, T.personaId]);
      return rows.map((t) => ({
        contentType: t.content_type,
        documentId: t.entry_document_id,
        locale: t.entry_locale ?? '',
        phaseId: t.phase_id,
        personaId: t.persona_id ?? '',
      }));
    },

    /** The entries with a tag in the journey, each once. */
    async taggedIn(journeyId: string): Promise<EntryKeyRow[]> {
      const rows: Array<{ content_type: string; entry_document_id: string; entry_locale: string }> = await db(ASSIGNMENTS_TABLE)
        .distinct(T.contentType, T.entryDocumentId, T.entryLocale)
        .where(T.journeyId, journeyId);
      return rows.map((r) => ({ contentType: r.content_type, documentId: r.entry_document_id, locale: r.entry_locale ?? '' }));
    },
  };
};
