import { createClock } from '../../server/src/clock';
import { computeKpi, MIN_SHARE_TO_PROJECT } from '../../server/src/measure/kpi';
import { elapsedShare, inProgress, lastPeriods, periodOf, toDay, type Period } from '../../server/src/measure/periods';
import { INSTANTS } from '../helpers/instants';

const DAY = 86_400_000;
const PERIODS: Period[] = ['day', 'week', 'month', 'quarter', 'year'];

/**
 * The first instant of the period containing `t` and of the next one, worked out with Date's own
 * calendar arithmetic (an oracle independent of measure/periods).
 */
function expectedBounds(period: Period, t: Date): [number, number] {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const d = t.getUTCDate();
  switch (period) {
    case 'day':
      return [Date.UTC(y, m, d), Date.UTC(y, m, d + 1)];
    case 'week': {
      const sinceMonday = (t.getUTCDay() + 6) % 7;
      return [Date.UTC(y, m, d - sinceMonday), Date.UTC(y, m, d - sinceMonday + 7)];
    }
    case 'month':
      return [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1)];
    case 'quarter':
      return [Date.UTC(y, m - (m % 3), 1), Date.UTC(y, m - (m % 3) + 3, 1)];
    case 'year':
      return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  }
}

describe.each(INSTANTS)('at %s (%s)', (_label, iso) => {
  const now = new Date(iso);
  const today = toDay(now);

  it.each(PERIODS)('the %s containing the instant is in progress, and its elapsed share is the time elapsed', (period) => {
    const range = periodOf(period, today);
    const [start, end] = expectedBounds(period, now);
    expect([range.start, range.end]).toEqual([toDay(new Date(start)), toDay(new Date(end - DAY))]);
    expect(inProgress(range, now)).toBe(true);
    expect(elapsedShare(range, now)).toBeCloseTo((now.getTime() - start) / (end - start), 12);
    expect(elapsedShare(range, now)).toBeLessThan(1);

    const [previous] = lastPeriods(period, today, 2);
    expect(toDay(new Date(expectedBounds(period, new Date(start - 1))[0]))).toBe(previous.start);
    expect(inProgress(previous, now)).toBe(false);
    expect(elapsedShare(previous, now)).toBe(1);
  });

  it.each(PERIODS)('a %s KPI is projected from the time elapsed once enough of the period has passed', (period) => {
    const range = periodOf(period, today);
    const [start, end] = expectedBounds(period, now);
    const share = (now.getTime() - start) / (end - start);
    const [previous] = lastPeriods(period, today, 2);
    const daily = new Map([[previous.start, 40], [today, 120]]);
    const result = computeKpi({ period, target: 1000, direction: 'higher', daily, manual: [], now, periods: 2 });

    expect(result.current).toMatchObject({ period: range.period, partial: true, value: 120, source: 'measured' });
    expect(result.trend[0]).toMatchObject({ period: previous.period, partial: false, projected: null, value: 40 });
    if (share >= MIN_SHARE_TO_PROJECT) {
      expect(result.current.projected).toBe(Math.round(120 / share));
      const expected = 120 / share >= 1000 ? 'onTrack' : 120 / share >= 900 ? 'atRisk' : 'offTrack';
      expect(result.status).toBe(expected);
    } else {
      expect(result.current.projected).toBeNull();
      expect(result.status).toBe('noData');
    }
  });
});

describe('the instants the suite once failed on', () => {
  it('counts noon of the last day of a 30-day month as 29.5/30 of the month, still in progress', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const month = periodOf('month', '2026-11-30');
    expect(elapsedShare(month, now)).toBe(29.5 / 30);
    const kpi = computeKpi({ period: 'month', target: 500, direction: 'higher', daily: new Map([['2026-11-02', 472]]), manual: [], now, periods: 1 });
    expect(kpi.current).toMatchObject({ period: '2026-11', partial: true, value: 472, projected: 480 });
    expect(kpi.status).toBe('atRisk');
  });

  it('keeps a daily KPI in progress during its day, and finished from the next midnight', () => {
    const day = periodOf('day', '2026-11-30');
    expect(elapsedShare(day, new Date('2026-11-30T18:00:00Z'))).toBe(0.75);
    expect(inProgress(day, new Date('2026-11-30T23:59:59.999Z'))).toBe(true);
    expect(inProgress(day, new Date('2026-12-01T00:00:00.000Z'))).toBe(false);
  });

  it('labels the ISO weeks around the turn of 2026/2027 and the leap month of 2028', () => {
    expect(periodOf('week', '2026-12-28')).toEqual({ period: '2026-W53', start: '2026-12-28', end: '2027-01-03' });
    expect(periodOf('week', '2027-01-04').period).toBe('2027-W01');
    expect(periodOf('month', '2028-02-29')).toEqual({ period: '2028-02', start: '2028-02-01', end: '2028-02-29' });
    expect(periodOf('quarter', '2028-02-29')).toEqual({ period: '2028-Q1', start: '2028-01-01', end: '2028-03-31' });
  });
});

describe('the clock', () => {
  it('reads the system clock, starts at JOURNEY_MAP_NOW and runs on from it, and freezes for tests', () => {
    let system = Date.parse('2030-05-05T10:00:00Z');
    const real = createClock(undefined, () => system);
    expect(real.now().toISOString()).toBe('2030-05-05T10:00:00.000Z');

    const shifted = createClock('2026-11-30T23:59:00Z', () => system);
    expect(shifted.now().toISOString()).toBe('2026-11-30T23:59:00.000Z');
    system += 120_000;
    expect(shifted.now().toISOString()).toBe('2026-12-01T00:01:00.000Z');

    shifted.freeze('2028-02-29T12:00:00Z');
    system += 3_600_000;
    expect(shifted.now().toISOString()).toBe('2028-02-29T12:00:00.000Z');
    shifted.reset();
    expect(shifted.now().toISOString()).toBe('2026-12-01T01:01:00.000Z');
  });

  it('refuses a start that is not an instant', () => {
    expect(() => createClock('next tuesday')).toThrow(/JOURNEY_MAP_NOW/);
    expect(() => createClock(undefined).freeze('soon')).toThrow(/clock\.freeze/);
  });
});
