import { linkMatches, overlapShare, spanDays, spreadOverDays } from '../../server/src/measure/prorate';
import { resolvePeriod } from '../../server/src/services/performance';
import { computeKpi } from '../../server/src/measure/kpi';

describe('imported analytics: proration by overlapping days', () => {
  it('counts the days of a row, both ends included', () => {
    expect(spanDays('2026-11-01', '2026-11-01')).toBe(1);
    expect(spanDays('2026-10-01', '2026-11-30')).toBe(61);
    expect(spanDays('2024-02-28', '2024-03-01')).toBe(3);
    expect(spanDays('2026-11-02', '2026-11-01')).toBe(0);
  });

  it('gives the share of a row inside a period', () => {
    expect(overlapShare('2026-11-20', '2026-11-20', '2026-11-01', '2026-11-30')).toBe(1);
    expect(overlapShare('2026-10-01', '2026-11-30', '2026-11-01', '2026-11-30')).toBeCloseTo(30 / 61);
    expect(overlapShare('2026-10-17', '2026-11-15', '2026-11-01', '2026-11-30')).toBe(0.5);
    expect(overlapShare('2026-10-01', '2026-10-31', '2026-11-01', '2026-11-30')).toBe(0);
    // ISO week 53 of 2026 (Monday 28 December to Sunday 3 January) across the turn of the year
    expect(overlapShare('2026-12-28', '2027-01-03', '2027-01-01', '2027-12-31')).toBeCloseTo(3 / 7);
  });

  it('spreads a row over its days, cut to a window', () => {
    expect(spreadOverDays('2026-11-01', '2026-11-04', 8)).toEqual([
      ['2026-11-01', 2],
      ['2026-11-02', 2],
      ['2026-11-03', 2],
      ['2026-11-04', 2],
    ]);
    expect(spreadOverDays('2026-11-01', '2026-11-04', 8, '2026-11-03', '2026-11-30')).toEqual([
      ['2026-11-03', 2],
      ['2026-11-04', 2],
    ]);
  });

  it('matches links exactly or by a part, ignoring case for a part', () => {
    expect(linkMatches('https://example.com/files/Manual.pdf', '/manual.pdf', 'contains')).toBe(true);
    expect(linkMatches('https://example.com/files/Manual.pdf', '/manual.pdf', 'exact')).toBe(false);
    expect(linkMatches('/manual.pdf', '/manual.pdf', 'exact')).toBe(true);
    expect(linkMatches('', null, 'exact')).toBe(true);
    expect(linkMatches('/other.pdf', '/manual.pdf', 'contains')).toBe(false);
  });

  it('resolves a period: the last days up to today, or a range', () => {
    expect(resolvePeriod({}, '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30 });
    expect(resolvePeriod({ days: 7 }, '2026-03-01')).toEqual({ from: '2026-02-23', to: '2026-03-01', days: 7 });
    expect(resolvePeriod({ days: 1, to: '2024-02-29' }, '2026-11-30')).toEqual({ from: '2024-02-29', to: '2024-02-29', days: 1 });
    expect(resolvePeriod({ from: '2026-01-01', to: '2026-12-31' }, '2026-11-30')).toEqual({ from: '2026-01-01', to: '2026-12-31', days: 365 });
  });

  it('rounds a KPI period made of prorated rows to a whole number', () => {
    const daily = new Map(spreadOverDays('2026-10-17', '2026-11-15', 65));
    const result = computeKpi({ period: 'month', target: 100, direction: 'higher', daily, manual: [], now: new Date('2026-12-01T00:00:00.000Z'), periods: 3 });
    expect(result.trend.map((p) => [p.period, p.value])).toEqual([
      ['2026-10', 33],
      ['2026-11', 33],
      ['2026-12', 0],
    ]);
  });
});
