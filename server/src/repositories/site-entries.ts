import { knexOf, type Queryable } from '../db/queryable';

/**
 * Reads of the site's own entry tables (documentId, locale, publishedAt, updatedAt are columns every
 * Strapi 5 content type has), so checks over many entries stay single queries.
 */
export const siteEntriesRepository = (on: Queryable) => {
  const db = knexOf(on);
  return {
    /** The documentIds among `ids` that have a row in `table` (in `locale`; '' = a type without i18n). */
    async existing(table: string, ids: string[], locale: string): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const q = db(table).distinct<Array<{ document_id: string }>>('document_id').whereIn('document_id', ids);
      if (locale) q.andWhere('locale', locale);
      return new Set((await q).map((r) => r.document_id));
    },

    /** The locales in which a document has a draft ('' for a type without i18n): what publishing '*' publishes. */
    async draftLocales(table: string, documentId: string, localized: boolean): Promise<string[]> {
      if (!localized) return [''];
      const rows: Array<{ locale: string | null }> = await db(table).distinct('locale').where('document_id', documentId).whereNull('published_at');
      return rows.map((r) => r.locale ?? '').sort();
    },

    /** How many documents `table` holds (all locales, drafts included: one per documentId). */
    async countDocuments(table: string): Promise<number> {
      const row = await db(table).countDistinct({ count: 'document_id' }).first();
      return Number((row as { count?: number | string } | undefined)?.count ?? 0);
    },
  };
};
