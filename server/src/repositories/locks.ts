import { knexOf, type Queryable } from '../db/queryable';
import { newDocumentId, type EntryKey } from './tags';

export const ENTRY_LOCKS_TABLE = 'jm_entry_locks';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

/** The tables of the journey model, whose rows tag writes lock for share and deletes lock for update. */
export const MODEL_TABLES = {
  journey: 'jm_journeys',
  phase: 'jm_phases',
  persona: 'jm_personas',
  cta: 'jm_ctas',
} as const;
export type ModelKind = keyof typeof MODEL_TABLES;

const CHUNK = 200;
const entryOrder = (a: EntryKey, b: EntryKey) =>
  a.contentType.localeCompare(b.contentType) ||
  cmp(a.entryLocale, b.entryLocale) ||
  cmp(a.entryDocumentId, b.entryDocumentId);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Row locks that serialize writers, the same way on PostgreSQL and MySQL/MariaDB, across any number of
 * Strapi instances (the lock lives in the shared database, not in a process). SQLite has a single
 * writer: its transactions already run one after the other, and knex has no row locks for it, so
 * every lock here is a no-op there.
 *
 * Why a lock table and not advisory locks: PostgreSQL's advisory locks and MySQL's GET_LOCK differ in
 * scope (transaction vs session) and MySQL's are held by a pooled connection beyond the transaction;
 * a row taken with `SELECT … FOR UPDATE` is released by COMMIT/ROLLBACK on both, and the databases'
 * own deadlock detection covers it.
 */
export const locksRepository = (on: Queryable, dialect: Dialect) => {
  const db = knexOf(on);
  const rowLocks = dialect !== 'sqlite';
  return {
    /**
     * Creates the lock rows of entries that have none, each insert committed on its own (call it with the
     * root connection, before the transaction): MySQL's duplicate-key check inside a transaction takes
     * shared locks that make concurrent inserters of one key deadlock. Rows are never deleted. On SQLite
     * nothing (its locks are no-ops): a tag write there saves a write statement.
     */
    async ensureEntries(keys: EntryKey[]) {
      if (!rowLocks) return;
      const now = new Date();
      const sorted = [...keys].sort(entryOrder);
      for (let i = 0; i < sorted.length; i += CHUNK) {
        const rows = sorted.slice(i, i + CHUNK).map((k) => ({
          document_id: newDocumentId(),
          content_type: k.contentType,
          entry_document_id: k.entryDocumentId,
          entry_locale: k.entryLocale,
          created_at: now,
          updated_at: now,
          published_at: now,
        }));
        await db(ENTRY_LOCKS_TABLE)
          .insert(rows)
          .onConflict(['content_type', 'entry_document_id', 'entry_locale'])
          .ignore();
      }
    },

    /**
     * Takes the entries' lock rows FOR UPDATE, in one fixed order (type, locale, documentId), so two
     * writers over overlapping entries never wait on each other in a cycle. Must be the transaction's
     * first statement: MySQL's REPEATABLE READ fixes a transaction's snapshot at its first plain read,
     * which then happens after the previous writer of these entries committed. Returns how many lock
     * rows it holds (on SQLite: all), fewer when some entry has none yet (see `ensureEntries`).
     */
    async lockEntries(keys: EntryKey[]): Promise<number> {
      if (!rowLocks) return keys.length;
      let locked = 0;
      const groups = new Map<string, EntryKey[]>();
      for (const k of [...keys].sort(entryOrder)) {
        const g = `${k.contentType}\u0000${k.entryLocale}`;
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      for (const group of groups.values()) {
        const ids = group.map((k) => k.entryDocumentId);
        for (let i = 0; i < ids.length; i += CHUNK) {
          const rows = await db(ENTRY_LOCKS_TABLE)
            .select('id')
            .where({ content_type: group[0].contentType, entry_locale: group[0].entryLocale })
            .whereIn('entry_document_id', ids.slice(i, i + CHUNK))
            .orderBy('entry_document_id')
            .forUpdate();
          locked += rows.length;
        }
      }
      return locked;
    },

    /**
     * Locks the rows of the site's entries for share and returns the documentIds found (in `locale`, ''
     * for a type without i18n). A delete of one of these entries waits for the tag write, then its
     * lifecycle removes the tags; or the write waits for the delete and finds the entry gone.
     */
    async lockSiteEntries(table: string, documentIds: string[], locale: string): Promise<Set<string>> {
      const found = new Set<string>();
      const ids = [...new Set(documentIds)].sort(cmp);
      for (let i = 0; i < ids.length; i += CHUNK) {
        // No DISTINCT: PostgreSQL refuses it with FOR SHARE.
        const q = db(table)
          .select<Array<{ document_id: string }>>('document_id')
          .whereIn('document_id', ids.slice(i, i + CHUNK))
          .orderBy('id');
        if (locale) q.andWhere('locale', locale);
        if (rowLocks) q.forShare();
        for (const r of await q) found.add(r.document_id);
      }
      return found;
    },

    /**
     * Locks rows of the journey model (share: a tag write that needs them to stay; update: a delete or a
     * move of their tags) and returns the documentIds that exist. A row deleted by a transaction we
     * waited for is not returned, on both databases (a locking read sees the latest committed rows).
     */
    async lockModel(kind: ModelKind, documentIds: string[], mode: 'share' | 'update'): Promise<Set<string>> {
      const ids = [...new Set(documentIds.filter(Boolean))].sort(cmp);
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        const q = db(MODEL_TABLES[kind])
          .select<Array<{ document_id: string }>>('document_id')
          .whereIn('document_id', ids.slice(i, i + CHUNK))
          .orderBy('document_id');
        if (rowLocks) q[mode === 'share' ? 'forShare' : 'forUpdate']();
        for (const r of await q) found.add(r.document_id);
      }
      return found;
    },
  };
};
