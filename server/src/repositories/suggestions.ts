import { knexOf, type Queryable } from '../db/queryable';
import { ENTRY_STATES_TABLE } from './entry-states';
import { ASSIGNMENTS_TABLE, TAG_COLUMNS as T } from './tags';

/** One tag of a journey with its entry's title, as the suggestion model reads it. */
export interface SuggestionTagRow {
  content_type: string;
  entry_document_id: string;
  entry_locale: string | null;
  phase_id: string;
  persona_id: string | null;
  title: string | null;
}

/** One row of a site table: its key and its short text columns. */
export type SiteTextRow = Record<string, string | number | null> & { document_id: string; locale?: string | null };

const CHUNK = 500;

/** Reads for tag suggestions: a journey's tagged entries, and the short texts of site entries. */
export const suggestionsRepository = (on: Queryable) => {
  const db = knexOf(on);
  return {
    /**
     * The tags of the journey's first `limit` tagged entries (in entry-key order, so that every instance
     * reads the same ones), of the given types, with their titles from the entry states.
     */
    async taggedEntries(journeyId: string, types: string[], limit: number): Promise<SuggestionTagRow[]> {
      if (types.length === 0) return [];
      const keys = db(ASSIGNMENTS_TABLE)
        .distinct(T.contentType, T.entryDocumentId, T.entryLocale)
        .where(T.journeyId, journeyId)
        .whereIn(T.contentType, types)
        .orderBy([T.contentType, T.entryDocumentId, T.entryLocale])
        .limit(limit)
        .as('k');
      return db(`${ASSIGNMENTS_TABLE} as a`)
        .join(keys, (j) => {
          j.on('k.' + T.contentType, `a.${T.contentType}`)
            .andOn('k.' + T.entryDocumentId, `a.${T.entryDocumentId}`)
            .andOn('k.' + T.entryLocale, `a.${T.entryLocale}`);
        })
        .leftJoin(`${ENTRY_STATES_TABLE} as s`, (j) => {
          j.on('s.content_type', `a.${T.contentType}`).andOn('s.entry_document_id', `a.${T.entryDocumentId}`).andOn('s.entry_locale', `a.${T.entryLocale}`);
        })
        .where(`a.${T.journeyId}`, journeyId)
        .select(
          `a.${T.contentType} as content_type`,
          `a.${T.entryDocumentId} as entry_document_id`,
          `a.${T.entryLocale} as entry_locale`,
          `a.${T.phaseId} as phase_id`,
          `a.${T.personaId} as persona_id`,
          's.title as title'
        )
        .orderBy([`a.${T.contentType}`, `a.${T.entryDocumentId}`, `a.${T.entryLocale}`, `a.${T.phaseId}`, `a.${T.personaId}`]);
    },

    /** The title of one entry in one locale ('' = a type without i18n), from the entry states. */
    async title(uid: string, documentId: string, locale: string): Promise<string | null> {
      const row = await db(ENTRY_STATES_TABLE).where({ content_type: uid, entry_document_id: documentId, entry_locale: locale }).first('title');
      return (row as { title?: string | null } | undefined)?.title ?? null;
    },

    /**
     * The `columns` of the site table's rows of these documents (every version: the caller keeps one per
     * entry), newest update first; `localized` types also answer each row's locale.
     */
    async texts(table: string, columns: string[], documentIds: string[], localized: boolean, locale?: string): Promise<SiteTextRow[]> {
      const rows: SiteTextRow[] = [];
      const ids = [...new Set(documentIds)];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const q = db(table)
          .select(['document_id', ...(localized ? ['locale'] : []), ...columns])
          .whereIn('document_id', ids.slice(i, i + CHUNK))
          .orderBy([{ column: 'document_id' }, { column: 'updated_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
        if (localized && locale) q.andWhere('locale', locale);
        rows.push(...((await q) as SiteTextRow[]));
      }
      return rows;
    },
  };
};
