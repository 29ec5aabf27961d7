import type { Knex } from 'knex';
import type { Queryable } from '../db/queryable';
import { knexOf } from '../db/queryable';
import type { EntryScope } from '../permissions/entries';
import { ASSIGNMENTS_TABLE, TAG_COLUMNS as T } from './tags';
import { ENTRY_STATES_TABLE } from './entry-states';
import type { AnalyticsSource } from '../../../shared/contracts/journeys';

/** The imported analytics tables (written by the CSV import; read here). */
export const ANALYTICS_DAYS_TABLE = 'jm_analytics_days';
export const ANALYTICS_EVENTS_TABLE = 'jm_analytics_events';

/** One imported event row: a total of one source, event name and link over one period. */
export interface ImportedEventRow {
  source: AnalyticsSource;
  eventName: string;
  link: string;
  periodStart: string;
  periodEnd: string;
  total: number;
}

/**
 * Views and conversions of one group of period rows: `start`/`end` are '' for rows that lie wholly in the
 * asked range (counted whole), else the row's own period (prorated by the caller).
 */
export interface PeriodTotals {
  start: string;
  end: string;
  views: number;
  conversions: number;
}
export interface CellPeriodRow extends PeriodTotals {
  phaseId: string;
  personaId: string;
  /** the tags of this group are each entry's first tag in its phase (a phase's entries counted once) */
  firstInPhase: boolean;
}
export interface EntryPeriodRow extends PeriodTotals {
  contentType: string;
  documentId: string;
  locale: string;
  title: string | null;
  published: boolean;
}

/** What the performance reads are narrowed to. */
export interface PerformanceFilter {
  types: string[];
  /** an entry locale (entries of types without i18n are in every locale); undefined: every locale */
  locale?: string;
  source?: AnalyticsSource;
  from: string;
  to: string;
  readable: EntryScope;
}

const TAG_ENTRY = { contentType: `a.${T.contentType}`, documentId: `a.${T.entryDocumentId}`, locale: `a.${T.entryLocale}` };

/**
 * Reads of the imported analytics: event totals for the KPIs, the content map's performance per cell
 * and per entry, and the audit's "nobody reads it". The tables are written by the import (another
 * repository); these reads never change them.
 */
export const analyticsReadsRepository = (q: Queryable) => {
  const db: Knex = knexOf(q);

  /** The period key of a row: '' when it lies wholly inside [from, to]. */
  const periodKey = (f: PerformanceFilter, column: 'period_start' | 'period_end', as: string) =>
    db.raw(`case when d.period_start >= ? and d.period_end <= ? then '' else d.${column} end as ${as}`, [f.from, f.to]);

  const toTotals = (r: { k_start: string | null; k_end: string | null; views: unknown; conversions: unknown }): PeriodTotals => ({
    start: r.k_start ?? '',
    end: r.k_end ?? '',
    views: Number(r.views ?? 0),
    conversions: Number(r.conversions ?? 0),
  });

  return {
    /** Every imported row of these event names whose period ends on or after `since`. */
    async eventRows(names: string[], since: string): Promise<ImportedEventRow[]> {
      if (!names.length) return [];
      const rows: Array<{ source: string; event_name: string; link: string | null; period_start: string; period_end: string; total: unknown }> = await db(ANALYTICS_EVENTS_TABLE)
        .select('source', 'event_name', 'link', 'period_start', 'period_end', 'total')
        .whereIn('event_name', [...new Set(names)])
        .where('period_end', '>=', since);
      return rows.map((r) => ({
        source: r.source as AnalyticsSource,
        eventName: r.event_name,
        link: r.link ?? '',
        periodStart: r.period_start,
        periodEnd: r.period_end,
        total: Number(r.total ?? 0),
      }));
    },

    /** Per source, the imported page rows that overlap [from, to]: their first and last day. */
    async importedIn(from: string, to: string): Promise<Array<{ source: AnalyticsSource; first: string; last: string }>> {
      const rows: Array<{ source: string; first_day: string; last_day: string }> = await db(ANALYTICS_DAYS_TABLE)
        .select('source', db.raw('min(period_start) as first_day'), db.raw('max(period_end) as last_day'))
        .where('period_start', '<=', to)
        .where('period_end', '>=', from)
        .groupBy('source')
        .orderBy('source');
      return rows.map((r) => ({ source: r.source as AnalyticsSource, first: r.first_day, last: r.last_day }));
    },

    /**
     * Views and conversions of the entries tagged in `phaseIds`, per (phase, persona, first tag in phase)
     * and period group, in one grouped statement over the tags joined to the imported rows. Rows wholly
     * inside the range come back as one group; rows straddling it come back per period, to be prorated.
     */
    async cellTotals(phaseIds: string[], f: PerformanceFilter): Promise<CellPeriodRow[]> {
      if (!phaseIds.length || !f.types.length) return [];
      const inner = db(`${ASSIGNMENTS_TABLE} as a`)
        .join(`${ANALYTICS_DAYS_TABLE} as d`, (j) => {
          j.on('d.content_type', '=', `a.${T.contentType}`).andOn('d.entry_document_id', '=', `a.${T.entryDocumentId}`).andOn('d.entry_locale', '=', `a.${T.entryLocale}`);
        })
        .whereIn(`a.${T.phaseId}`, phaseIds)
        .whereIn(`a.${T.contentType}`, f.types)
        .where('d.period_start', '<=', f.to)
        .where('d.period_end', '>=', f.from)
        .select(
          `a.${T.phaseId} as phase_id`,
          `a.${T.personaId} as persona_id`,
          db.raw(`case when a.${T.firstInPhase} then 1 else 0 end as first_tag`),
          'd.views',
          'd.conversions',
          periodKey(f, 'period_start', 'k_start'),
          periodKey(f, 'period_end', 'k_end')
        );
      if (f.locale) inner.whereIn(`a.${T.entryLocale}`, [f.locale, '']);
      if (f.source) inner.where('d.source', f.source);
      f.readable.restrict(inner, TAG_ENTRY, f.types);
      const rows: Array<{ phase_id: string; persona_id: string | null; first_tag: unknown; k_start: string | null; k_end: string | null; views: unknown; conversions: unknown }> = await db
        .from(inner.as('x'))
        .select('x.phase_id', 'x.persona_id', 'x.first_tag', 'x.k_start', 'x.k_end', db.raw('sum(x.views) as views'), db.raw('sum(x.conversions) as conversions'))
        .groupBy('x.phase_id', 'x.persona_id', 'x.first_tag', 'x.k_start', 'x.k_end');
      return rows.map((r) => ({ phaseId: r.phase_id, personaId: r.persona_id ?? '', firstInPhase: Number(r.first_tag) === 1, ...toTotals(r) }));
    },

    /**
     * The entries tagged in one phase for these personas ('' = all personas), each with its views and
     * conversions per period group (entries without imported rows come back once, with 0), its title and
     * whether it is published. One grouped statement.
     */
    async entryTotals(phaseId: string, personaIds: string[] | null, f: PerformanceFilter): Promise<EntryPeriodRow[]> {
      if (!f.types.length) return [];
      const inner = db(`${ASSIGNMENTS_TABLE} as a`)
        .leftJoin(`${ANALYTICS_DAYS_TABLE} as d`, (j) => {
          j.on('d.content_type', '=', `a.${T.contentType}`)
            .andOn('d.entry_document_id', '=', `a.${T.entryDocumentId}`)
            .andOn('d.entry_locale', '=', `a.${T.entryLocale}`)
            .andOnVal('d.period_start', '<=', f.to)
            .andOnVal('d.period_end', '>=', f.from);
          if (f.source) j.andOnVal('d.source', '=', f.source);
        })
        .leftJoin(`${ENTRY_STATES_TABLE} as s`, (j) => {
          j.on('s.content_type', '=', `a.${T.contentType}`).andOn('s.entry_document_id', '=', `a.${T.entryDocumentId}`).andOn('s.entry_locale', '=', `a.${T.entryLocale}`);
        })
        .where(`a.${T.phaseId}`, phaseId)
        .whereIn(`a.${T.contentType}`, f.types)
        .select(
          `a.${T.contentType} as content_type`,
          `a.${T.entryDocumentId} as document_id`,
          `a.${T.entryLocale} as entry_locale`,
          's.title',
          db.raw('case when s.live_updated_at is not null then 1 else 0 end as is_published'),
          db.raw('coalesce(d.views, 0) as views'),
          db.raw('coalesce(d.conversions, 0) as conversions'),
          db.raw(`case when d.period_start is null or (d.period_start >= ? and d.period_end <= ?) then '' else d.period_start end as k_start`, [f.from, f.to]),
          db.raw(`case when d.period_start is null or (d.period_start >= ? and d.period_end <= ?) then '' else d.period_end end as k_end`, [f.from, f.to])
        );
      if (personaIds) inner.whereIn(`a.${T.personaId}`, personaIds);
      else inner.where(`a.${T.firstInPhase}`, true);
      if (f.locale) inner.whereIn(`a.${T.entryLocale}`, [f.locale, '']);
      f.readable.restrict(inner, TAG_ENTRY, f.types);
      const rows: Array<{ content_type: string; document_id: string; entry_locale: string | null; title: string | null; is_published: unknown; k_start: string | null; k_end: string | null; views: unknown; conversions: unknown }> = await db
        .from(inner.as('x'))
        .select('x.content_type', 'x.document_id', 'x.entry_locale', 'x.title', 'x.is_published', 'x.k_start', 'x.k_end', db.raw('sum(x.views) as views'), db.raw('sum(x.conversions) as conversions'))
        .groupBy('x.content_type', 'x.document_id', 'x.entry_locale', 'x.title', 'x.is_published', 'x.k_start', 'x.k_end');
      return rows.map((r) => ({
        contentType: r.content_type,
        documentId: r.document_id,
        locale: r.entry_locale ?? '',
        title: r.title ?? null,
        published: Number(r.is_published) === 1,
        ...toTotals(r),
      }));
    },

    /**
     * `exists (an imported row with views of the entry in [from, to])`, correlated with the columns of an
     * outer query's entry (for the audit's `unread` flag).
     */
    viewedIn(cols: { contentType: string; documentId: string; locale: string }, from: string, to: string): Knex.QueryBuilder {
      return db(`${ANALYTICS_DAYS_TABLE} as v`)
        .select(db.raw('1'))
        .whereRaw(`v.content_type = ${cols.contentType}`)
        .whereRaw(`v.entry_document_id = ${cols.documentId}`)
        .whereRaw(`v.entry_locale = ${cols.locale}`)
        .where('v.period_start', '<=', to)
        .where('v.period_end', '>=', from)
        .where('v.views', '>', 0);
    },
  };
};
