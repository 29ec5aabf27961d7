/**
 * KPI periods on UTC calendar days ('YYYY-MM-DD'); weeks start on Monday (ISO 8601). A period runs from
 * the first instant of its first day to the last instant of its last day (UTC): it is in progress until
 * then, and how far it has gone is measured in time, not in whole days.
 */
export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface PeriodRange {
  /** label: 2026-11-24, 2026-W48, 2026-11, 2026-Q4, 2026 */
  period: string;
  start: string;
  /** inclusive last day */
  end: string;
}

const DAY_MS = 86_400_000;
export const toDay = (d: Date): string => d.toISOString().slice(0, 10);
export const parseDay = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
export const addDays = (day: string, n: number): string => toDay(new Date(parseDay(day).getTime() + n * DAY_MS));
export const daysBetween = (from: string, to: string): number => Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);

const pad = (n: number) => String(n).padStart(2, '0');

function isoWeek(day: string): { year: number; week: number } {
  const d = parseDay(day);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

/** The period that contains `day`. */
export function periodOf(period: Period, day: string): PeriodRange {
  const d = parseDay(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (period) {
    case 'day':
      return { period: day, start: day, end: day };
    case 'week': {
      const start = addDays(day, -((d.getUTCDay() + 6) % 7));
      const { year, week } = isoWeek(day);
      return { period: `${year}-W${pad(week)}`, start, end: addDays(start, 6) };
    }
    case 'month':
      return { period: `${y}-${pad(m + 1)}`, start: toDay(new Date(Date.UTC(y, m, 1))), end: toDay(new Date(Date.UTC(y, m + 1, 0))) };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return { period: `${y}-Q${q + 1}`, start: toDay(new Date(Date.UTC(y, q * 3, 1))), end: toDay(new Date(Date.UTC(y, q * 3 + 3, 0))) };
    }
    case 'year':
      return { period: String(y), start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

/** The `count` periods ending with the one that contains `today`, oldest first. */
export function lastPeriods(period: Period, today: string, count: number): PeriodRange[] {
  const out: PeriodRange[] = [];
  let cursor = today;
  for (let i = 0; i < count; i += 1) {
    const range = periodOf(period, cursor);
    out.unshift(range);
    cursor = addDays(range.start, -1);
  }
  return out;
}

/** The first instant of a range and the first instant after it, in ms since the epoch. */
export const bounds = (range: PeriodRange) => ({ start: parseDay(range.start).getTime(), end: parseDay(range.end).getTime() + DAY_MS });

/** Whether `now` is before the range's last instant has passed (the range is still running or ahead). */
export const inProgress = (range: PeriodRange, now: Date): boolean => now.getTime() < bounds(range).end;

/**
 * Share of the range elapsed at the instant `now`: 0 at its first instant, 1 once its last instant has
 * passed. At noon on 30 November a month of 30 days is 29.5/30 of the way through, not finished.
 */
export function elapsedShare(range: PeriodRange, now: Date): number {
  const { start, end } = bounds(range);
  const t = now.getTime();
  if (t >= end) return 1;
  if (t <= start) return 0;
  return (t - start) / (end - start);
}
