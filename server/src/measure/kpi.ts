import { elapsedShare, inProgress, lastPeriods, toDay, type Period, type PeriodRange } from './periods';

import type { CtaKpi, KpiStatus, TrendPoint } from '../../../shared/contracts/measure';
export type { KpiStatus, TrendPoint };
export type Direction = CtaKpi['direction'];

/** Within this share of the target a KPI is "at risk" rather than "off track". */
export const AT_RISK_TOLERANCE = 0.1;
/**
 * A running period is projected to its whole length once this share of it has passed (about a day of a
 * month, 5½ hours of a week, 48 minutes of a day). Earlier, a handful of events would be multiplied
 * into a wild figure, so there is no projection and no status yet.
 */
export const MIN_SHARE_TO_PROJECT = 1 / 30;

/** on track / at risk / off track for one value against a target, in the KPI's direction. */
export function statusOf(value: number | null, target: number | null, direction: Direction): KpiStatus {
  if (value === null || target === null || !Number.isFinite(target)) return 'noData';
  if (direction === 'higher') {
    if (value >= target) return 'onTrack';
    return value >= target * (1 - AT_RISK_TOLERANCE) ? 'atRisk' : 'offTrack';
  }
  if (value <= target) return 'onTrack';
  return value <= target * (1 + AT_RISK_TOLERANCE) ? 'atRisk' : 'offTrack';
}

export interface KpiInput {
  period: Period;
  target: number | null;
  direction: Direction;
  /** measured counts per UTC day ('YYYY-MM-DD' → count) */
  daily: Map<string, number>;
  /** values entered by hand, by date; the latest date of a period wins and replaces the measured value */
  manual: Array<{ date: string; value: number }>;
  /** the instant the report is made at */
  now: Date;
  periods: number;
}

export interface KpiResult {
  trend: TrendPoint[];
  /** the current period (the last point of the trend), on which the status is judged */
  current: TrendPoint;
  actual: number | null;
  status: KpiStatus;
}

/**
 * Trend over the last periods and the status. Measured values of a running period are projected to the
 * whole period (a month half gone with 240 downloads projects to 480); values entered by hand are taken
 * as the period's figure. Multiple manual values in one period: the latest date wins.
 */
export function computeKpi(input: KpiInput): KpiResult {
  const ranges = lastPeriods(input.period, toDay(input.now), input.periods);
  const trend = ranges.map((range) => pointFor(range, input));
  const current = trend[trend.length - 1];
  const judged = current.source === 'measured' && current.partial ? current.projected : current.value;
  return { trend, current, actual: current.value, status: statusOf(judged, input.target, input.direction) };
}

function pointFor(range: PeriodRange, input: KpiInput): TrendPoint {
  const partial = inProgress(range, input.now);
  const manual = input.manual
    .filter((m) => m.date >= range.start && m.date <= range.end)
    .sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  if (manual) return { ...range, value: manual.value, source: 'manual', partial, projected: null };
  // Once measuring has started, a period without events measured 0; before that, nothing was measured.
  const firstDay = [...input.daily.keys()].sort()[0];
  let sum = 0;
  for (const [day, count] of input.daily) {
    if (day >= range.start && day <= range.end) sum += count;
  }
  if (firstDay === undefined || firstDay > range.end) return { ...range, value: null, source: null, partial, projected: null };
  const share = elapsedShare(range, input.now);
  // Imported rows are prorated over their days, so a period's sum may be fractional: the value is whole.
  return { ...range, value: Math.round(sum), source: 'measured', partial, projected: partial && share >= MIN_SHARE_TO_PROJECT ? Math.round(sum / share) : null };
}
