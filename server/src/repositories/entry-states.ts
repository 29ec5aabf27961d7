import type { Knex } from 'knex';
import { ASSIGNMENTS_TABLE } from './assignments';

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

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

const CHUNK = 500;
/** The columns `copyFromSite` writes, the entry key first. */
const COPIED = ['content_type', 'entry_document_id', 'entry_locale', 'title', 'entry_updated_at', 'live_updated_at', 'draft_and_publish', 'versions', 'updated_ms'];

/**
 * The plugin's copy of each entry's state — one row per (type, documentId, locale) with its title, last
 * update of any version, last update of the published version (null: never published) and number of
 * rows — and the same two dates stamped on the entry's tags. Coverage and the audit read these
 * plugin-owned, indexed tables instead of probing the site's tables (which the plugin may not index).
 * Every write is set-based: `INSERT … SELECT … GROUP BY` from the site's table.
 */
export const entryStatesRepository = (db: Knex | Knex.Transaction, dialect: Dialect) => {
  const text = dialect === 'mysql' ? 'char' : 'varchar';

  /** `INSERT INTO jm_entry_states SELECT …` for the type (all documents, or only `documentIds`). */
  function copyFromSite(source: SourceType, documentIds?: string[]) {
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
    // An upsert, not delete + insert: lifecycles of one document can interleave within a transaction.
    // Written by hand because knex drops ON CONFLICT from an INSERT … SELECT.
    const { sql, bindings } = select.toSQL();
    const columns = COPIED.map((c) => db.raw('??', [c]).toQuery()).join(', ');
    const updates = COPIED.slice(3).map((c) => {
      const col = db.raw('??', [c]).toQuery();
      return dialect === 'mysql' ? `${col} = values(${col})` : `${col} = excluded.${col}`;
    });
    const key = COPIED.slice(0, 3).map((c) => db.raw('??', [c]).toQuery()).join(', ');
    const upsert = dialect === 'mysql' ? `on duplicate key update ${updates.join(', ')}` : `on conflict (${key}) do update set ${updates.join(', ')}`;
    return db.raw(`insert into ${db.raw('??', [ENTRY_STATES_TABLE]).toQuery()} (${columns}) ${sql} ${upsert}`, bindings as any[]);
  }

  /** Removes the copies of entries (or entry locales) the site's table no longer has. */
  function dropVanished(source: SourceType, documentIds: string[]) {
    const stillThere = db(`${source.table} as e`)
      .select(db.raw('1'))
      .whereRaw(`e.document_id = ${ENTRY_STATES_TABLE}.entry_document_id`);
    if (source.localized) stillThere.whereRaw(`e.locale = ${ENTRY_STATES_TABLE}.entry_locale`);
    return db(ENTRY_STATES_TABLE).where('content_type', source.uid).whereIn('entry_document_id', documentIds).whereNotExists(stillThere).del();
  }

  /**
   * Sets the tag-derived flags of the states `where` selects: `tagged` (a tag in any journey in this
   * locale), `no_cta_tagged` (a tag in one of `noCtaPhases`) and `other_locale_tagged` (another locale of
   * the document has a tag). Literal booleans: PostgreSQL types bound parameters in a CASE as text.
   */
  function markTags(where: (q: Knex.QueryBuilder) => void, noCtaPhases: string[]) {
    const flag = (exists: Knex.QueryBuilder) => db.raw('case when exists ? then true else false end', [exists]);
    const q = db(ENTRY_STATES_TABLE).update({
      tagged: flag(tagsOfState(db).whereRaw(`a.entry_locale = ${ENTRY_STATES_TABLE}.entry_locale`)),
      no_cta_tagged: noCtaPhases.length
        ? flag(tagsOfState(db).whereRaw(`a.entry_locale = ${ENTRY_STATES_TABLE}.entry_locale`).whereIn('a.phase_id', noCtaPhases))
        : false,
      other_locale_tagged: flag(tagsOfState(db).whereRaw(`a.entry_locale <> ${ENTRY_STATES_TABLE}.entry_locale`)),
    });
    where(q);
    return q;
  }

  /** Copies the entry dates onto the type's tags (all of them, or only those of `documentIds`). */
  function stampTags(uid: string, documentIds?: string[]) {
    const state = (column: string) =>
      db(`${ENTRY_STATES_TABLE} as s`)
        .select(`s.${column}`)
        .whereRaw(`s.content_type = ${ASSIGNMENTS_TABLE}.content_type`)
        .whereRaw(`s.entry_document_id = ${ASSIGNMENTS_TABLE}.entry_document_id`)
        .whereRaw(`s.entry_locale = ${ASSIGNMENTS_TABLE}.entry_locale`);
    const q = db(ASSIGNMENTS_TABLE)
      .where('content_type', uid)
      .update({ entry_updated_at: state('entry_updated_at'), entry_live_at: state('live_updated_at') });
    if (documentIds) q.whereIn('entry_document_id', documentIds);
    return q;
  }

  return {
    /** Re-reads the listed documents (every locale) of one type from the site's table. */
    async refresh(source: SourceType, documentIds: string[], noCtaPhases: string[]) {
      const ids = [...new Set(documentIds.filter(Boolean))];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        await dropVanished(source, chunk);
        await copyFromSite(source, chunk);
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
        db(source.table).whereNotNull('document_id').select(db.raw('count(*) as count'), db.raw(`sum(${epochMs(dialect, 'updated_at')}) as ms`)).first(),
        db(ENTRY_STATES_TABLE).where('content_type', source.uid).select(db.raw('sum(versions) as count'), db.raw('sum(updated_ms) as ms')).first(),
      ]);
      const norm = (r: any) => ({ rows: Number(r?.count ?? 0), ms: String(r?.ms ?? 0) });
      return { site: norm(site), copy: norm(copy) };
    },
  };
};

/** Tags (any journey) of the document of the state row being updated. */
const tagsOfState = (db: Knex | Knex.Transaction) =>
  db(`${ASSIGNMENTS_TABLE} as a`)
    .select(db.raw('1'))
    .whereRaw(`a.content_type = ${ENTRY_STATES_TABLE}.content_type`)
    .whereRaw(`a.entry_document_id = ${ENTRY_STATES_TABLE}.entry_document_id`);

/** A row's update time in whole milliseconds, as an integer expression of the dialect. */
function epochMs(dialect: Dialect, column: string) {
  if (dialect === 'postgres') return `cast(floor(extract(epoch from ${column}) * 1000) as bigint)`;
  if (dialect === 'mysql') return `cast(floor(unix_timestamp(${column}) * 1000) as signed)`;
  return `cast(${column} as integer)`; // SQLite: Strapi stores datetimes as epoch milliseconds
}
