import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { UID } from '../pluginId';
import { computeKpi, type Direction, type KpiResult } from '../measure/kpi';
import { computePaths } from '../measure/paths';
import { addDays, lastPeriods, toDay, type Period } from '../measure/periods';
import type { Clock } from '../clock';
import { countersRepository } from '../repositories/counters';
import { kpiValuesRepository } from '../repositories/kpi-values';
import { pathTransitionsRepository } from '../repositories/path-transitions';
import { NotFoundError } from '../utils/errors';
import { analyticsReadsRepository, type ImportedEventRow } from '../repositories/analytics-reads';
import { linkMatches, overlapShare, spreadOverDays } from '../measure/prorate';
import type { Cta, Journey, Phase } from '../../../shared/contracts/journeys';
import type {
  CtaKpi,
  KpiOrigin,
  KpiValue,
  KpiValueBody,
  KpiValuesQuery,
  KpisQuery,
  MeasuredGaps,
  PathsQuery,
  PathsReport,
  PhaseRef,
} from '../../../shared/contracts/measure';

const DEFAULT_TREND_PERIODS = 6;
const DEFAULT_PATH_DAYS = 30;

/** A decimal column's value (PostgreSQL and MySQL answer decimals as strings). */
const num = (v: number | string | null | undefined): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const ref = (p: Phase): PhaseRef => ({ documentId: p.documentId, name: p.name, slug: p.slug, position: p.position });

/** Whether an imported event row counts for a CTA's imported actual (its name, source and link rule). */
const importedFor = (cta: Cta, r: ImportedEventRow) =>
  r.eventName === cta.importEventName && (!cta.importSource || r.source === cta.importSource) && linkMatches(r.link, cta.importLink, cta.importLinkMatch ?? 'contains');

/** KPI target vs actual, planned vs actual path, and the measured gaps (admin API of the Measure page). */
const measureService = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db;
  const journeyOf = async (journeyRef: string): Promise<Journey> => (await getService(strapi, 'journeys').getJourney(journeyRef)) as Journey;
  const settings = () => getService(strapi, 'settings');
  const clock = (): Clock => getService(strapi, 'clock');

  return {
    /**
     * Each CTA of a journey: its KPI against the target over the last `periods` periods, and the status.
     * `loaded`: the journey `q.journey` names, when the caller has read it already (one read per request).
     */
    async kpis(q: KpisQuery, loaded?: Journey): Promise<CtaKpi[]> {
      const now = clock().now();
      const today = toDay(now);
      const journey = loaded ?? (await journeyOf(q.journey));
      const periods = q.periods ?? DEFAULT_TREND_PERIODS;
      const ctas = journey.phases.flatMap((phase) => (phase.ctas ?? []).map((cta: Cta) => ({ cta, phase })));
      const ids = ctas.map((c) => c.cta.documentId);
      const earliest = ctas.reduce((min, { cta }) => {
        const start = lastPeriods((cta.kpiPeriod ?? 'month') as Period, today, periods)[0].start;
        return start < min ? start : min;
      }, today);
      const importNames = ctas.map(({ cta }) => cta.importEventName).filter((n): n is string => Boolean(n));
      const [counts, manual, importedRows] = await Promise.all([
        countersRepository(db()).ctaTotalsSince(ids, earliest),
        kpiValuesRepository(db()).forCtas(ids),
        analyticsReadsRepository(db()).eventRows(importNames, earliest),
      ]);

      return ctas.map(({ cta, phase }) => {
        const period = (cta.kpiPeriod ?? 'month') as Period;
        const direction: Direction = cta.kpiDirection ?? 'higher';
        const target = num(cta.kpiTarget);
        const own = counts.filter((r) => r.ctaId === cta.documentId);
        const mode = cta.importMode ?? 'add';
        const imports = cta.importEventName ? importedRows.filter((r) => importedFor(cta, r)) : null;
        const daily = new Map<string, number>();
        if (!imports || mode === 'add') {
          for (const r of own) if (r.eventType === 'conversion') daily.set(r.day, (daily.get(r.day) ?? 0) + r.total);
        }
        // Imported rows spread evenly over their days (prorated by overlapping days), up to today.
        for (const r of imports ?? []) {
          for (const [day, share] of spreadOverDays(r.periodStart, r.periodEnd, r.total, earliest, today)) daily.set(day, (daily.get(day) ?? 0) + share);
        }
        const values = manual.filter((m) => m.cta === cta.documentId).map((m) => ({ date: m.date, value: m.value }));
        const result: KpiResult = computeKpi({ period, target, direction, daily, manual: values, now, periods });
        const inCurrent = (day: string) => day >= result.current.start && day <= result.current.end;
        const events = { view: 0, click: 0, conversion: 0 };
        for (const r of own) if (inCurrent(r.day)) events[r.eventType] += r.total;
        const current = imports?.filter((r) => r.periodStart <= result.current.end && r.periodEnd >= result.current.start) ?? [];
        const importedValue = current.reduce((sum, r) => sum + r.total * overlapShare(r.periodStart, r.periodEnd, result.current.start, result.current.end), 0);
        const currentSources = [...new Set(current.map((r) => r.source))].sort();
        const origins: KpiOrigin[] =
          result.current.source === 'manual'
            ? ['manual']
            : result.current.value === null
              ? []
              : [...(!imports || mode === 'add' ? (['snippet'] as const) : []), ...currentSources];
        return {
          cta: {
            documentId: cta.documentId,
            label: cta.label,
            actionType: cta.actionType ?? undefined,
            phase: ref(phase),
            persona: cta.persona ? { documentId: cta.persona.documentId, name: cta.persona.name } : null,
          },
          metric: cta.kpiMetric ?? null,
          unit: cta.kpiUnit ?? null,
          baseline: num(cta.kpiBaseline),
          target,
          direction,
          period,
          currentPeriod: { period: result.current.period, start: result.current.start, end: result.current.end, partial: result.current.partial },
          actual: result.actual,
          projected: result.current.projected,
          source: result.current.source,
          status: result.status,
          events,
          origins,
          imported: cta.importEventName
            ? {
                eventName: cta.importEventName,
                link: cta.importLink ?? null,
                linkMatch: cta.importLinkMatch ?? 'contains',
                source: cta.importSource ?? null,
                mode,
                value: current.length ? Math.round(importedValue) : null,
                sources: currentSources,
              }
            : null,
          trend: result.trend,
        };
      });
    },

    /**
     * The window is `from`…`to`, or the last `days` days up to today (the clock's UTC day, included).
     * `loaded`: as for `kpis`.
     */
    async paths(q: PathsQuery, loaded?: Journey): Promise<PathsReport> {
      const journey = loaded ?? (await journeyOf(q.journey));
      const to = q.to ?? toDay(clock().now());
      const from = q.from ?? addDays(to, -((q.days ?? DEFAULT_PATH_DAYS) - 1));
      const { pathConversionThreshold } = await settings().get();
      const transitions = await pathTransitionsRepository(db()).totals(journey.documentId, from, to);
      const phases = journey.phases;
      const report = computePaths(
        phases.map((p) => p.documentId),
        transitions,
        pathConversionThreshold / 100
      );
      // computePaths reports the journey's own phases only.
      const byId = new Map(phases.map((p) => [p.documentId, p]));
      const phaseOf = (id: string) => ref(byId.get(id)!);
      return {
        journey: { documentId: journey.documentId, name: journey.name, slug: journey.slug },
        range: { from, to },
        threshold: pathConversionThreshold / 100,
        sessions: report.sessions,
        mainEntry: report.mainEntry ? phaseOf(report.mainEntry) : null,
        totals: report.totals,
        phases: report.phases.map(({ phase, ...flow }) => ({ ...phaseOf(phase), ...flow })),
        flows: report.flows,
      };
    },

    /** Phases converting below the threshold and CTAs below target, shaped like the coverage report's phase flags. */
    async gaps(q: PathsQuery): Promise<MeasuredGaps> {
      const paths = await this.paths(q);
      const kpis = await this.kpis({ journey: paths.journey.documentId });
      const behind = kpis.filter((c) => c.status === 'atRisk' || c.status === 'offTrack');
      const phases = paths.phases.map((p) => {
        const ctas = behind.filter((c) => c.cta.phase?.documentId === p.documentId);
        return {
          documentId: p.documentId,
          name: p.name,
          slug: p.slug,
          position: p.position,
          reached: p.reached,
          conversionToNext: p.conversionToNext,
          ctasBelowTarget: ctas.map((c) => ({ documentId: c.cta.documentId, label: c.cta.label, status: c.status, actual: c.actual, projected: c.projected, target: c.target, period: c.currentPeriod.period })),
          flags: { lowConversion: p.lowConversion, ctaBelowTarget: ctas.length > 0 },
        };
      });
      return {
        journey: paths.journey,
        range: paths.range,
        threshold: paths.threshold,
        phases,
        totals: {
          lowConversion: phases.filter((p) => p.flags.lowConversion).length,
          ctaBelowTarget: behind.length,
        },
      };
    },

    async listKpiValues(q: KpiValuesQuery): Promise<KpiValue[]> {
      await this.mustFindCta(q.cta);
      return kpiValuesRepository(db()).forCta(q.cta);
    },

    /** Enters (or replaces) the value of a CTA's KPI on a date. */
    async putKpiValue(data: KpiValueBody): Promise<KpiValue> {
      await this.mustFindCta(data.cta);
      const stored = await kpiValuesRepository(db()).put({ cta: data.cta, date: data.date, value: data.value, note: data.note ?? null });
      // A KPI gone off track or back on track (webhooks), off this request.
      getService(strapi, 'webhooks').kpiValuesChanged(data.cta);
      return stored;
    },

    async deleteKpiValue(id: number): Promise<{ deleted: number }> {
      const cta = await kpiValuesRepository(db()).ctaOf(id);
      const deleted = await kpiValuesRepository(db()).delete(id);
      if (!deleted) throw new NotFoundError(`KPI value ${id} not found`);
      if (cta) getService(strapi, 'webhooks').kpiValuesChanged(cta);
      return { deleted: id };
    },

    async mustFindCta(documentId: string) {
      const cta = await strapi.db.query(UID.cta).findOne({ where: { documentId }, select: ['id'] });
      if (!cta) throw new NotFoundError(`cta ${documentId} not found`);
    },
  };
};

export default measureService;
