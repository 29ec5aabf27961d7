import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UID } from '../pluginId';
import { computeKpi, type Direction, type KpiResult } from '../measure/kpi';
import { computePaths } from '../measure/paths';
import { addDays, lastPeriods, toDay, type Period } from '../measure/periods';
import type { Clock } from '../clock';
import { COUNTERS_TABLE, KPI_VALUES_TABLE, TRANSITIONS_TABLE } from '../repositories/metrics';
import { newDocumentId } from '../repositories/assignments';
import { NotFoundError } from '../utils/errors';
import { parse } from '../validation/parse';
import { kpiValueBody, kpiValueParams, kpiValuesQuery, kpisQuery, pathsQuery } from '../validation/measure';

const DEFAULT_TREND_PERIODS = 6;
const DEFAULT_PATH_DAYS = 30;

const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const ref = (p: any) => (p ? { documentId: p.documentId, name: p.name, slug: p.slug, position: p.position } : null);

/** KPI target vs actual, planned vs actual path, and the measured gaps (admin API of the Measure page). */
const measureService = ({ strapi }: { strapi: Core.Strapi }) => {
  const k = () => strapi.db.connection;
  const model = () => strapi.plugin(PLUGIN_ID).service('model');
  const settings = () => strapi.plugin(PLUGIN_ID).service('settings');
  const clock = (): Clock => strapi.plugin(PLUGIN_ID).service('clock');

  return {
    async kpis(query: unknown) {
      const q = parse(kpisQuery, query, 'query');
      const now = clock().now();
      const today = toDay(now);
      const journey = await model().getJourney(q.journey);
      const periods = q.periods ?? DEFAULT_TREND_PERIODS;
      const ctas = (journey.phases as any[]).flatMap((phase) => (phase.ctas ?? []).map((cta: any) => ({ cta, phase })));
      const ids = ctas.map((c) => c.cta.documentId as string);
      const earliest = ctas.reduce((min, { cta }) => {
        const start = lastPeriods((cta.kpiPeriod ?? 'month') as Period, today, periods)[0].start;
        return start < min ? start : min;
      }, today);
      const [counts, manual] = ids.length
        ? await Promise.all([
            k()(COUNTERS_TABLE)
              .select('cta_id', 'day', 'event_type')
              .sum({ total: 'total' })
              .whereIn('cta_id', ids)
              .andWhere('day', '>=', earliest)
              .groupBy('cta_id', 'day', 'event_type'),
            k()(KPI_VALUES_TABLE).select('id', 'cta_id', 'value_date', 'value', 'note').whereIn('cta_id', ids),
          ])
        : [[], []];

      return ctas.map(({ cta, phase }) => {
        const period = (cta.kpiPeriod ?? 'month') as Period;
        const direction = (cta.kpiDirection ?? 'higher') as Direction;
        const target = num(cta.kpiTarget);
        const own = (counts as any[]).filter((r) => r.cta_id === cta.documentId);
        const daily = new Map<string, number>();
        for (const r of own) if (r.event_type === 'conversion') daily.set(r.day, (daily.get(r.day) ?? 0) + Number(r.total));
        const values = (manual as any[]).filter((m) => m.cta_id === cta.documentId).map((m) => ({ date: m.value_date as string, value: Number(m.value) }));
        const result: KpiResult = computeKpi({ period, target, direction, daily, manual: values, now, periods });
        const inCurrent = (day: string) => day >= result.current.start && day <= result.current.end;
        const events = { view: 0, click: 0, conversion: 0 } as Record<string, number>;
        for (const r of own) if (inCurrent(r.day)) events[r.event_type] += Number(r.total);
        return {
          cta: {
            documentId: cta.documentId,
            label: cta.label,
            actionType: cta.actionType,
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
          trend: result.trend,
        };
      });
    },

    /** The window is `from`…`to`, or the last `days` days up to today (the clock's UTC day, included). */
    async paths(query: unknown) {
      const q = parse(pathsQuery, query, 'query');
      const journey = await model().getJourney(q.journey);
      const to = q.to ?? toDay(clock().now());
      const from = q.from ?? addDays(to, -((q.days ?? DEFAULT_PATH_DAYS) - 1));
      const { pathConversionThreshold } = await settings().get();
      const rows = await k()(TRANSITIONS_TABLE)
        .select('from_phase_id', 'to_phase_id')
        .sum({ total: 'total' })
        .where('journey_id', journey.documentId)
        .andWhere('day', '>=', from)
        .andWhere('day', '<=', to)
        .groupBy('from_phase_id', 'to_phase_id');
      const phases = journey.phases as any[];
      const report = computePaths(
        phases.map((p) => p.documentId),
        rows.map((r: any) => ({ from: r.from_phase_id ?? '', to: r.to_phase_id, count: Number(r.total) })),
        pathConversionThreshold / 100
      );
      const byId = new Map(phases.map((p) => [p.documentId, p]));
      return {
        journey: { documentId: journey.documentId, name: journey.name, slug: journey.slug },
        range: { from, to },
        threshold: pathConversionThreshold / 100,
        sessions: report.sessions,
        mainEntry: report.mainEntry ? ref(byId.get(report.mainEntry)) : null,
        totals: report.totals,
        phases: report.phases.map(({ phase, ...flow }) => ({ ...ref(byId.get(phase)), ...flow })),
        flows: report.flows,
      };
    },

    /** Phases converting below the threshold and CTAs below target, shaped like the coverage report's phase flags. */
    async gaps(query: unknown) {
      const paths = await this.paths(query);
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

    async listKpiValues(query: unknown) {
      const q = parse(kpiValuesQuery, query, 'query');
      await this.mustFindCta(q.cta);
      const rows = await k()(KPI_VALUES_TABLE).select('id', 'cta_id', 'value_date', 'value', 'note', 'updated_at').where('cta_id', q.cta).orderBy('value_date', 'desc');
      return rows.map(toKpiValue);
    },

    /** Enters (or replaces) the value of a CTA's KPI on a date. */
    async putKpiValue(body: unknown) {
      const data = parse(kpiValueBody, body, 'body');
      await this.mustFindCta(data.cta);
      const now = new Date();
      await k()(KPI_VALUES_TABLE)
        .insert({ document_id: newDocumentId(), created_at: now, updated_at: now, published_at: now, cta_id: data.cta, value_date: data.date, value: data.value, note: data.note ?? null })
        .onConflict(['cta_id', 'value_date'])
        .merge({ value: data.value, note: data.note ?? null, updated_at: now });
      const row = await k()(KPI_VALUES_TABLE).select('id', 'cta_id', 'value_date', 'value', 'note', 'updated_at').where({ cta_id: data.cta, value_date: data.date }).first();
      return toKpiValue(row);
    },

    async deleteKpiValue(params: unknown) {
      const { id } = parse(kpiValueParams, params, 'params');
      const deleted = await k()(KPI_VALUES_TABLE).where('id', Number(id)).del();
      if (!deleted) throw new NotFoundError(`KPI value ${id} not found`);
      return { deleted: Number(id) };
    },

    async mustFindCta(documentId: string) {
      const cta = await strapi.db.query(UID.cta).findOne({ where: { documentId }, select: ['id'] });
      if (!cta) throw new NotFoundError(`cta ${documentId} not found`);
    },
  };
};

// SQLite hands raw timestamps back as epoch milliseconds, the others as dates: one ISO string for all.
const toKpiValue = (r: any) => ({ id: Number(r.id), cta: r.cta_id, date: r.value_date, value: Number(r.value), note: r.note ?? null, updatedAt: r.updated_at == null ? null : new Date(r.updated_at).toISOString() });

export default measureService;
