import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { EntryScope } from '../permissions/entries';
import { analyticsReadsRepository, type PerformanceFilter, type PeriodTotals } from '../repositories/analytics-reads';
import { addDays, daysBetween, toDay } from '../measure/periods';
import { overlapShare } from '../measure/prorate';
import { DEFAULT_PERFORMANCE_DAYS } from '../../../shared/constants';
import type { Journey } from '../../../shared/contracts/journeys';
import type { PerformanceEntry, PerformanceQuery, PerformanceReport, PerformanceTotals } from '../../../shared/contracts/performance';

/** The most entries a cell's ranking lists. */
const MAX_RANKED = 100;

/** A period of UTC days as asked: `from`…`to`, or the last `days` days up to `to` (default: today). */
export function resolvePeriod(q: { days?: number; from?: string; to?: string }, today: string) {
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -((q.days ?? DEFAULT_PERFORMANCE_DAYS) - 1));
  return { from, to, days: daysBetween(from, to) + 1 };
}

/** Adds a period group's totals, prorated when its rows straddle the range (`start` '' : wholly inside). */
const addProrated = (sum: PerformanceTotals, row: PeriodTotals, from: string, to: string) => {
  const share = row.start === '' ? 1 : overlapShare(row.start, row.end, from, to);
  sum.views += row.views * share;
  sum.conversions += row.conversions * share;
};
const rounded = (t: PerformanceTotals): PerformanceTotals => ({ views: Math.round(t.views), conversions: Math.round(t.conversions) });
const zero = (): PerformanceTotals => ({ views: 0, conversions: 0 });

/**
 * How the content of a journey performs, from imported analytics: views and conversions per cell of the
 * content map over a period, and a cell's entries ranked. The sums are one grouped statement over the tags
 * joined to the imported rows; rows spanning more than the period are prorated by overlapping days here.
 */
const performanceService = ({ strapi }: { strapi: Core.Strapi }) => {
  const reads = () => analyticsReadsRepository(strapi.db);
  const today = () => toDay(getService(strapi, 'clock').now());

  return {
    resolvePeriod: (q: { days?: number; from?: string; to?: string }) => resolvePeriod(q, today()),

    /** Per source, the imported page rows overlapping [from, to] (empty: nothing imported for it). */
    importedIn(from: string, to: string) {
      return reads().importedIn(from, to);
    },

    /** `GET /coverage/performance`. `readable`: the entries the caller may read (the others count nowhere). */
    async report(q: PerformanceQuery, readable: EntryScope = EntryScope.everything(strapi)): Promise<PerformanceReport> {
      const [journey, types] = await Promise.all([
        getService(strapi, 'journeys').getJourney(q.journey) as Promise<Journey>,
        getService(strapi, 'coverage').typesFor(q.contentType),
        getService(strapi, 'entryStates').ready(),
      ]);
      const range = resolvePeriod(q, today());
      const filter: PerformanceFilter = { types, locale: q.locale, source: q.source, from: range.from, to: range.to, readable };
      const phases = journey.phases ?? [];
      const personas = journey.personas ?? [];
      const [sources, rows] = await Promise.all([reads().importedIn(range.from, range.to), reads().cellTotals(phases.map((p) => p.documentId), filter)]);

      const byPair = new Map<string, PerformanceTotals>();
      const byPhase = new Map<string, PerformanceTotals>();
      const add = (map: Map<string, PerformanceTotals>, key: string, row: PeriodTotals) => {
        if (!map.has(key)) map.set(key, zero());
        addProrated(map.get(key)!, row, range.from, range.to);
      };
      for (const r of rows) {
        add(byPair, `${r.phaseId}|${r.personaId}`, r);
        if (r.firstInPhase) add(byPhase, r.phaseId, r);
      }
      // A tag for all personas counts in every persona's cell, as on the content map.
      const cellOf = (phase: string, persona: string | null): PerformanceTotals => {
        if (persona === null) return rounded(byPhase.get(phase) ?? zero());
        const own = byPair.get(`${phase}|${persona}`) ?? zero();
        const all = byPair.get(`${phase}|`) ?? zero();
        return rounded({ views: own.views + all.views, conversions: own.conversions + all.conversions });
      };
      const columns: Array<string | null> = personas.length ? personas.map((p) => p.documentId) : [null];
      const cells = phases.flatMap((p) => columns.map((persona) => ({ phase: p.documentId, persona, ...cellOf(p.documentId, persona) })));
      const phaseTotals = phases.map((p) => ({ phase: p.documentId, ...rounded(byPhase.get(p.documentId) ?? zero()) }));
      const totals = phaseTotals.reduce((sum, p) => ({ views: sum.views + p.views, conversions: sum.conversions + p.conversions }), zero());

      let cell: PerformanceReport['cell'] = null;
      if (q.phase) {
        const entries = await this.rankEntries(q.phase, q.persona ?? null, filter);
        cell = { phase: q.phase, persona: q.persona ?? null, entries: entries.slice(0, MAX_RANKED), total: entries.length };
      }
      return {
        journey: { documentId: journey.documentId, name: journey.name, slug: journey.slug },
        range,
        filters: { locale: q.locale ?? null, contentType: q.contentType ?? null, source: q.source ?? null },
        analytics: { imported: sources.length > 0, sources },
        cells,
        phases: phaseTotals,
        totals,
        cell,
      };
    },

    /** A cell's tagged entries with their views and conversions, most viewed first (then most converting, then title). */
    async rankEntries(phase: string, persona: string | null, filter: PerformanceFilter): Promise<PerformanceEntry[]> {
      const rows = await reads().entryTotals(phase, persona ? [persona, ''] : null, filter);
      const byEntry = new Map<string, Omit<PerformanceEntry, 'rank'>>();
      for (const r of rows) {
        const key = `${r.contentType}\u0000${r.documentId}\u0000${r.locale}`;
        if (!byEntry.has(key)) {
          byEntry.set(key, { contentType: r.contentType, documentId: r.documentId, locale: r.locale || null, title: r.title, published: r.published, views: 0, conversions: 0 });
        }
        addProrated(byEntry.get(key)!, r, filter.from, filter.to);
      }
      const list = [...byEntry.values()]
        .map((e) => ({ ...e, ...rounded(e) }))
        .sort((a, b) => b.views - a.views || b.conversions - a.conversions || String(a.title ?? '').localeCompare(String(b.title ?? '')) || a.documentId.localeCompare(b.documentId));
      let rank = 0;
      return list.map((e, i) => {
        if (i === 0 || list[i - 1].views !== e.views) rank = i + 1;
        return { ...e, rank };
      });
    },
  };
};

export default performanceService;
