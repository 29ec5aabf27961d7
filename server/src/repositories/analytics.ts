import { createHash } from 'node:crypto';
import { knexOf, type Queryable } from '../db/queryable';
import { locksRepository, type Dialect } from './locks';
import { stamp } from './upsert';
import type { AnalyticsSource } from '../../../shared/contracts/imports';

/**
 * The write side of imported analytics (jm_analytics_days, jm_analytics_events): an import replaces what
 * the same source stored for the period, in one transaction. Reads for reports live elsewhere.
 */
export const ANALYTICS_DAYS_TABLE = 'jm_analytics_days';
export const ANALYTICS_EVENTS_TABLE = 'jm_analytics_events';

/** The lock row that serialises imports of one source (a row of jm_entry_locks under a key no site type has). */
const IMPORT_LOCK_TYPE = 'plugin::journey-map.analytics-import';
export const importLockKey = (source: AnalyticsSource) => ({ contentType: IMPORT_LOCK_TYPE, entryDocumentId: source, entryLocale: '' });

/** An event's key: sha256 (hex) of its name, a newline and its link. */
export const eventKey = (eventName: string, link: string) => createHash('sha256').update(`${eventName}\n${link}`).digest('hex');

export interface DayRow {
  contentType: string;
  entryDocumentId: string;
  entryLocale: string;
  periodStart: string;
  periodEnd: string;
  views: number;
  visitors: number;
  engagedSeconds: number;
  conversions: number;
}

export interface EventRow {
  eventName: string;
  link: string;
  periodStart: string;
  periodEnd: string;
  total: number;
}

/** Rows per multi-row insert (10 columns: well under every dialect's bound-parameter limit). */
const INSERT_CHUNK = 500;

export const analyticsRepository = (on: Queryable, dialect: Dialect) => {
  const k = knexOf(on);
  return {
    /** Creates the source's lock row if needed (call it on the root connection, before the transaction). */
    async ensureImportLock(source: AnalyticsSource) {
      await locksRepository(on, dialect).ensureEntries([importLockKey(source)]);
    },

    /**
     * In a transaction, first: waits for any other import of this source to commit (PostgreSQL, MariaDB;
     * SQLite runs one writer at a time anyway).
     */
    async lockImport(source: AnalyticsSource) {
      await locksRepository(on, dialect).lockEntries([importLockKey(source)]);
    },

    /** Deletes the source's rows of `kind` whose period overlaps start..end; returns how many went. */
    async deleteOverlapping(kind: 'pages' | 'events', source: AnalyticsSource, start: string, end: string): Promise<number> {
      const table = kind === 'pages' ? ANALYTICS_DAYS_TABLE : ANALYTICS_EVENTS_TABLE;
      return Number(await k(table).where('source', source).andWhere('period_start', '<=', end).andWhere('period_end', '>=', start).del());
    },

    /** Inserts per-entry aggregates (keys unique within the batch: the caller aggregated them). */
    async insertDays(source: AnalyticsSource, rows: DayRow[]) {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await k(ANALYTICS_DAYS_TABLE).insert(
          rows.slice(i, i + INSERT_CHUNK).map((r) => ({
            ...stamp(),
            source,
            content_type: r.contentType,
            entry_document_id: r.entryDocumentId,
            entry_locale: r.entryLocale,
            period_start: r.periodStart,
            period_end: r.periodEnd,
            views: r.views,
            visitors: r.visitors,
            engaged_seconds: Math.round(r.engagedSeconds),
            conversions: r.conversions,
          }))
        );
      }
    },

    /** Inserts per-event aggregates (keys unique within the batch). */
    async insertEvents(source: AnalyticsSource, rows: EventRow[]) {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await k(ANALYTICS_EVENTS_TABLE).insert(
          rows.slice(i, i + INSERT_CHUNK).map((r) => ({
            ...stamp(),
            source,
            event_key: eventKey(r.eventName, r.link),
            event_name: r.eventName,
            link: r.link,
            period_start: r.periodStart,
            period_end: r.periodEnd,
            total: r.total,
          }))
        );
      }
    },

    /**
     * Values of the fields `columns` of a site type's rows (every locale or one; drafts and published
     * rows both: either spelling of a slug leads to the entry), for building the path lookup.
     */
    async fieldValues(table: string, columns: string[], locale: string | null, localized: boolean): Promise<Array<Record<string, unknown>>> {
      const select = ['document_id', ...(localized ? ['locale'] : []), ...columns];
      const q = k(table).distinct(...select);
      if (localized && locale) q.where('locale', locale);
      return q;
    },
  };
};
