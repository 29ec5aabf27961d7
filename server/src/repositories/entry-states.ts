import { knexOf, type Queryable } from '../db/queryable';
import type { Knex } from 'knex';
import type { Dialect } from './locks';
import { ASSIGNMENTS_TABLE, TAG_COLUMNS as T } from './tags';

export const ENTRY_STATES_TABLE = 'jm_entry_states';

/** What the state of one content type is copied from: its table and the columns that matter. */
export interface SourceType {
  uid: string;
  table: string;
  /** column of the entry's title (the Content Manager's main field) */
  titleColumn: string;
  localized: boolean;
  draftAndPublish: boolean;
}

/** An entry's copied state, as the panel reads it (dates as the driver returns them). */
export interface EntryStateRow {
  entry_locale: string;
  title: string | null;
  entry_updated_at: Date | string | number | null;
  live_updated_at: Date | string | number | null;
  draft_and_publish: boolean | number;
}

const CHUNK = 500;
/** The columns `copyFromSite` writes, the entry key first. */
const COPIED = [
  'content_type',
  'entry_document_id',
  'entry_locale',
  'title',
  'entry_updated_at',
  'live_updated_at',
  'draft_and_publish',
  'versions',
  'updated_ms',
];

/**
 * The plugin's copy of each entry's state — one row per (type, documentId, locale) with its title, last
 * update of any version, last update of the published version (null: never published) and number of
 * rows — and the same two dates stamped on the entry's tags. Coverage and the audit read these
 * plugin-owned, indexed tables instead of probing the site's tables (which the plugin may not index).
 * Every write is set-based: `INSERT … SELECT … GROUP BY` from the site's table.
 */
export const entryStatesRepository = (on: Queryable, dialect: Dialect) => {
  const db = knexOf(on);
  const text = dialect === 'mysql' ? 'char' : 'varchar';

  /** Each entry's state, read from the site's table (all documents of the type, or only `documentIds`). */
  function siteStates(source: SourceType, documentIds?: string[]) {
    const select = db(`${source.table} as e`)
      .select(
        db.raw('? as content_type', [source.uid]),
        'e.document_id as entry_document_id',
        db.raw(source.localized ? `coalesce(e.locale, '') as entry_locale` : `cast('' as ${text}(32)) as entry_locale`),
        db.raw(`cast(max(??) as ${text}(191)) as title`, [`e.${source.titleColumn}`]),
        db.raw('max(e.updated_at) as entry_updated_at'),
        db.raw(
          source.draftAndPublish
            ? 'max(case when e.published_at is not null then e.updated_at end) as live_updated_at'
            : 'max(e.updated_at) as live_updated_at'
        ),
        // A literal, not a binding: PostgreSQL would read an untyped parameter as text.
        db.raw(`${source.draftAndPublish ? 'true' : 'false'} as draft_and_publish`),
        db.raw('count(*) as versions'),
        db.raw(`sum(${epochMs(dialect, 'e.updated_at')}) as updated_ms`)
      )
      .whereNotNull('e.document_id')
      .groupBy('e.document_id', ...(source.localized ? ['e.locale'] : []));
    if (documentIds) select.whereIn('e.document_id', documentIds);
    return select;
  }

  /** `INSERT INTO jm_entry_states SELECT …` for the type (all documents, or only `documentIds`). */
  function copyFromSite(source: SourceType, documentIds?: string[]) {
    // An upsert, not delete + insert: lifecycles of one document can interleave within a transaction.
    // Written by hand because knex drops ON CONFLICT from an INSERT … SELECT.
    const { sql, bindings } = siteStates(source, documentIds).toSQL();
    const columns = COPIED.map((c) => db.raw('??', [c]).toQuery()).join(', ');
    const updates = COPIED.slice(3).map((c) => {
      const col = db.raw('??', [c]).toQuery();
      return dialect === 'mysql' ? `${col} = values(${col})` : `${col} = excluded.${col}`;
    });
    const key = COPIED.slice(0, 3)
      .map((c) => db.raw('??', [c]).toQuery())
      .join(', ');
    const upsert =
      dialect === 'mysql'
        ? `on duplicate key update ${updates.join(', ')}`
        : `on conflict (${key}) do update set ${updates.join(', ')}`;
    return db.raw(
      `insert into ${db.raw('??', [ENTRY_STATES_TABLE]).toQuery()} (${columns}) ${sql} ${upsert}`,
      bindings
    );
  }

  /**
   * MySQL reads the source rows of an `INSERT … SELECT`, and of a `DELETE`'s subquery, with shared locks
   * (REPEATABLE READ), which deadlock with the site's own delete of those rows — and MySQL rolled back the
   * site's delete, a failed delete for the editor. So there the per-document refresh, which runs beside
   * editors' writes, reads the site's rows with a plain, non-locking SELECT and then writes the values.
   * (A write of the same document after that read refreshes the copy again from its own lifecycle.)
   */
  async function copyFromSiteUnlocked(source: SourceType, documentIds: string[]) {
    const rows: Array<Record<string, unknown>> = await siteStates(source, documentIds);
    if (rows.length) await db(ENTRY_STATES_TABLE).insert(rows).onConflict(COPIED.slice(0, 3)).merge(COPIED.slice(3));
  }

  async function dropVanishedUnlocked(source: SourceType, documentIds: string[]) {
    const present: Array<{ document_id: string; locale?: string | null }> = await db(source.table)
      .distinct('document_id', ...(source.localized ? ['locale'] : []))
      .whereIn('document_id', documentIds);
    const keep = new Set(present.map((r) => `${r.document_id}\u0000${source.localized ? r.locale ?? '' : ''}`));
    const copies: Array<{ id: number; entry_document_id: string; entry_locale: string | null }> = await db(ENTRY_STATES_TABLE)
      .select('id', 'entry_document_id', 'entry_locale')
      .where('content_type', source.uid)
      .whereIn('entry_document_id', documentIds);
    const vanished = copies.filter((c) => !keep.has(`${c.entry_document_id}\u0000${c.entry_locale ?? ''}`)).map((c) => c.id);
    if (vanished.length) await db(ENTRY_STATES_TABLE).whereIn('id', vanished).del();
  }

  /** Removes the copies of entries (or entry locales) the site's table no longer has. */
  function dropVanished(source: SourceType, documentIds: string[]) {
    const stillThere = db(`${source.table} as e`)
      .select(db.raw('1'))
      .whereRaw(`e.document_id = ${ENTRY_STATES_TABLE}.entry_document_id`);
    if (source.localized) stillThere.whereRaw(`e.locale = ${ENTRY_STATES_TABLE}.entry_locale`);
    return db(ENTRY_STATES_TABLE)
      .where('content_type', source.uid)
      .whereIn('entry_document_id', documentIds)
      .whereNotExists(stillThere)
      .del();
  }

  /**
   * Sets the tag-derived flags of the states `where` selects: `tagged` (a tag in any journey in this
   * locale), `no_cta_tagged` (a tag in one of `noCtaPhases`) and `other_locale_tagged` (another locale of
   * the document has a tag). Literal booleans: PostgreSQL types bound parameters in a CASE as text.
   */
  function markTags(where: (q: Knex.QueryBuilder) => void, noCtaPhases: string[]) {
    const flag = (exists: Knex.QueryBuilder) => db.raw('case when exists ? then true else false end', [exists]);
    const q = db(ENTRY_STATES_TABLE).update({
      tagged: flag(tagsOfState(db, ENTRY_STATES_TABLE, '=')),
      no_cta_tagged: noCtaPhases.length
        ? flag(tagsOfState(db, ENTRY_STATES_TABLE, '=').whereIn(`a.${T.phaseId}`, noCtaPhases))
        : false,
      other_locale_tagged: flag(tagsOfState(db, ENTRY_STATES_TABLE, '<>')),
    });
    where(q);
    return q;
  }

  /** Copies the entry dates onto the type's tags (all of them, or only those of `documentIds`). */
  function stampTags(uid: string, documentIds?: string[]) {
    const state = (column: string) =>
      db(`${ENTRY_STATES_TABLE} as s`)
        .select(`s.${column}`)
        .whereRaw(`s.content_type = ${ASSIGNMENTS_TABLE}.${T.contentType}`)
        .whereRaw(`s.entry_document_id = ${ASSIGNMENTS_TABLE}.${T.entryDocumentId}`)
        .whereRaw(`s.entry_locale = ${ASSIGNMENTS_TABLE}.${T.entryLocale}`);
    const q = db(ASSIGNMENTS_TABLE)
      .where(T.contentType, uid)
      .update({ [T.entryUpdatedAt]: state('entry_updated_at'), [T.entryLiveAt]: state('live_updated_at') });
    if (documentIds) q.whereIn(T.entryDocumentId, documentIds);
    return q;
  }

  const sameOrBothNull = (a: string, b: string) =>
    dialect === 'postgres' ? `${a} is not distinct from ${b}` : dialect === 'mysql' ? `${a} <=> ${b}` : `${a} is ${b}`;
  const truth = (column: string) => `(case when ${column} then 1 else 0 end)`;
  const countOf = async (q: Knex.QueryBuilder) => Number((await q.count<{ n?: unknown }>({ n: '*' }).first())?.n ?? 0);

  return {
    /** Drops the whole copy (before every type is copied again). */
    clear() {
      return db(ENTRY_STATES_TABLE).del();
    },

    /** The copied state of one document, every locale. */
    statesOf(uid: string, documentId: string): Promise<EntryStateRow[]> {
      return db(ENTRY_STATES_TABLE)
        .where({ content_type: uid, entry_document_id: documentId })
        .select('entry_locale', 'title', 'entry_updated_at', 'live_updated_at', 'draft_and_publish');
    },

    /** Re-reads the listed documents (every locale) of one type from the site's table. */
    async refresh(source: SourceType, documentIds: string[], noCtaPhases: string[]) {
      const ids = [...new Set(documentIds.filter(Boolean))];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        if (dialect === 'mysql') {
          await dropVanishedUnlocked(source, chunk);
          await copyFromSiteUnlocked(source, chunk);
        } else {
          await dropVanished(source, chunk);
          await copyFromSite(source, chunk);
        }
        await markTags((q) => q.where('content_type', source.uid).whereIn('entry_document_id', chunk), noCtaPhases);
        await stampTags(source.uid, chunk);
      }
    },

    /** Re-reads a whole type (the repair for writes that bypassed Strapi). */
    async rebuild(source: SourceType, noCtaPhases: string[]) {
      await db(ENTRY_STATES_TABLE).where('content_type', source.uid).del();
      await copyFromSite(source);
      // PostgreSQL plans the correlated lookups below from table statistics, which a bulk copy (or a bulk
      // import of tags) leaves stale until autovacuum runs: with an "empty" table it scans it per row.
      if (dialect === 'postgres') await db.raw('analyze ??, ??', [ENTRY_STATES_TABLE, ASSIGNMENTS_TABLE]);
      await markTags((q) => q.where('content_type', source.uid), noCtaPhases);
      await stampTags(source.uid);
    },

    /**
     * Sets the tag flags again after tags were deleted or moved in bulk (a journey, phase or persona
     * removed) or the phases without a CTA changed: only states with a tag flag set can change then.
     */
    retag(noCtaPhases: string[]) {
      return markTags((q) => q.where('tagged', true).orWhere('other_locale_tagged', true), noCtaPhases);
    },

    /**
     * Rows and the sum of their update times (ms), in the site's table and in the copy: equal unless a
     * write bypassed Strapi (rows added or removed, any row's update time changed).
     */
    async fingerprints(source: SourceType) {
      const [site, copy] = await Promise.all([
        db(source.table)
          .whereNotNull('document_id')
          .select(db.raw('count(*) as count'), db.raw(`sum(${epochMs(dialect, 'updated_at')}) as ms`))
          .first(),
        db(ENTRY_STATES_TABLE)
          .where('content_type', source.uid)
          .select(db.raw('sum(versions) as count'), db.raw('sum(updated_ms) as ms'))
          .first(),
      ]);
      const norm = (r: { count?: unknown; ms?: unknown } | undefined) => ({
        rows: Number(r?.count ?? 0),
        ms: String(r?.ms ?? 0),
      });
      return { site: norm(site), copy: norm(copy) };
    },

    /**
     * States whose tagged / no-CTA-tagged / other-locale-tagged flags differ from the tags (a recount from
     * scratch, for the consistency check).
     */
    countWrongFlags(noCtaPhases: string[]): Promise<number> {
      const exists = (q: Knex.QueryBuilder) => {
        const { sql, bindings } = q.toSQL();
        return db.raw(`(case when exists (${sql}) then 1 else 0 end)`, bindings).toQuery();
      };
      const noCta = noCtaPhases.length ? exists(tagsOfState(db, 's', '=').whereIn(`a.${T.phaseId}`, noCtaPhases)) : '0';
      return countOf(
        db(`${ENTRY_STATES_TABLE} as s`).where((w) => {
          w.whereRaw(`${exists(tagsOfState(db, 's', '='))} <> ${truth('s.tagged')}`)
            .orWhereRaw(`${noCta} <> ${truth('s.no_cta_tagged')}`)
            .orWhereRaw(`${exists(tagsOfState(db, 's', '<>'))} <> ${truth('s.other_locale_tagged')}`);
        })
      );
    },

    /** Tags whose entry dates differ from their entry's state (the consistency check). */
    countWrongTagDates(): Promise<number> {
      return countOf(
        db(`${ASSIGNMENTS_TABLE} as a`)
          .leftJoin(`${ENTRY_STATES_TABLE} as s`, (j) => {
            j.on('s.content_type', `a.${T.contentType}`)
              .andOn('s.entry_document_id', `a.${T.entryDocumentId}`)
              .andOn('s.entry_locale', `a.${T.entryLocale}`);
          })
          .where((w) => {
            w.whereRaw(`not (${sameOrBothNull(`a.${T.entryUpdatedAt}`, 's.entry_updated_at')})`).orWhereRaw(
              `not (${sameOrBothNull(`a.${T.entryLiveAt}`, 's.live_updated_at')})`
            );
          })
      );
    },
  };
};

/**
 * Tags (any journey) of the document of the state row `state` (a table name or alias) being read or
 * updated, in the same locale (`=`) or another (`<>`).
 */
const tagsOfState = (db: Knex | Knex.Transaction, state: string, locale: '=' | '<>') =>
  db(`${ASSIGNMENTS_TABLE} as a`)
    .select(db.raw('1'))
    .whereRaw(`a.${T.contentType} = ${state}.content_type`)
    .whereRaw(`a.${T.entryDocumentId} = ${state}.entry_document_id`)
    .whereRaw(`a.${T.entryLocale} ${locale} ${state}.entry_locale`);

/** A row's update time in whole milliseconds, as an integer expression of the dialect. */
function epochMs(dialect: Dialect, column: string) {
  if (dialect === 'postgres') return `cast(floor(extract(epoch from ${column}) * 1000) as bigint)`;
  if (dialect === 'mysql') return `cast(floor(unix_timestamp(${column}) * 1000) as signed)`;
  return `cast(${column} as integer)`; // SQLite: Strapi stores datetimes as epoch milliseconds
}
