import { computeKpi, statusOf } from '../../server/src/measure/kpi';
import { computePaths } from '../../server/src/measure/paths';
import { elapsedShare, lastPeriods, periodOf } from '../../server/src/measure/periods';
import { parse } from '../../server/src/validation/parse';
import { eventsBody } from '../../shared/contracts/measure';

describe('periods', () => {
  it('finds the day, ISO week, month, quarter and year containing a date', () => {
    expect(periodOf('day', '2026-11-24')).toEqual({ period: '2026-11-24', start: '2026-11-24', end: '2026-11-24' });
    expect(periodOf('week', '2026-11-24')).toEqual({ period: '2026-W48', start: '2026-11-23', end: '2026-11-29' });
    expect(periodOf('week', '2027-01-01')).toEqual({ period: '2026-W53', start: '2026-12-28', end: '2027-01-03' });
    expect(periodOf('month', '2024-02-10')).toEqual({ period: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('quarter', '2026-11-24')).toEqual({ period: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf('year', '2026-11-24')).toEqual({ period: '2026', start: '2026-01-01', end: '2026-12-31' });
  });

  it('lists the last periods oldest first and measures how much of one has elapsed', () => {
    expect(lastPeriods('month', '2026-01-15', 3).map((p) => p.period)).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(elapsedShare(periodOf('month', '2026-11-15'), new Date('2026-11-16T00:00:00Z'))).toBe(0.5);
    expect(elapsedShare(periodOf('month', '2026-10-15'), new Date('2026-11-15T00:00:00Z'))).toBe(1);
  });
});

describe('KPI status', () => {
  it('is on track at the target, at risk within 10 %, off track beyond, in either direction', () => {
    expect(statusOf(500, 500, 'higher')).toBe('onTrack');
    expect(statusOf(450, 500, 'higher')).toBe('atRisk');
    expect(statusOf(449, 500, 'higher')).toBe('offTrack');
    expect(statusOf(2, 2, 'lower')).toBe('onTrack');
    expect(statusOf(2.2, 2, 'lower')).toBe('atRisk');
    expect(statusOf(2.3, 2, 'lower')).toBe('offTrack');
    expect(statusOf(null, 500, 'higher')).toBe('noData');
    expect(statusOf(10, null, 'higher')).toBe('noData');
  });

  const daily = (entries: Array<[string, number]>) => new Map(entries);

  it('projects a running period, keeps finished ones as measured, and shows 0 once measuring started', () => {
    const result = computeKpi({
      period: 'month',
      target: 500,
      direction: 'higher',
      daily: daily([['2026-09-20', 100], ['2026-10-01', 300], ['2026-10-31', 220], ['2026-11-01', 100], ['2026-11-15', 130]]),
      manual: [],
      now: new Date('2026-11-16T00:00:00Z'),
      periods: 4,
    });
    expect(result.trend.map((t) => [t.period, t.value, t.partial, t.projected])).toEqual([
      ['2026-08', null, false, null],
      ['2026-09', 100, false, null],
      ['2026-10', 520, false, null],
      ['2026-11', 230, true, 460],
    ]);
    expect(result.actual).toBe(230);
    expect(result.status).toBe('atRisk');

    const quiet = computeKpi({ period: 'month', target: 500, direction: 'higher', daily: daily([['2026-09-20', 100]]), manual: [], now: new Date('2026-11-16T00:00:00Z'), periods: 2 });
    expect(quiet.trend.map((t) => t.value)).toEqual([0, 0]);
    expect(quiet.status).toBe('offTrack');
  });

  it('lets a value entered by hand replace the measured one for its period (latest date wins)', () => {
    const result = computeKpi({
      period: 'week',
      target: 80,
      direction: 'higher',
      daily: daily([['2026-11-23', 5]]),
      manual: [{ date: '2026-11-23', value: 70 }, { date: '2026-11-24', value: 81 }, { date: '2026-11-10', value: 12 }],
      now: new Date('2026-11-24T12:00:00Z'),
      periods: 3,
    });
    expect(result.trend.map((t) => [t.period, t.value, t.source])).toEqual([
      ['2026-W46', 12, 'manual'],
      ['2026-W47', null, null],
      ['2026-W48', 81, 'manual'],
    ]);
    expect(result.status).toBe('onTrack');
  });
});

describe('planned vs actual path', () => {
  const phases = ['a', 'b', 'c', 'd'];

  it('splits flows into entries, next-phase moves, skips and backward moves, with drop-off and conversion', () => {
    const report = computePaths(
      phases,
      [
        { from: '', to: 'a', count: 10 },
        { from: '', to: 'b', count: 4 },
        { from: 'a', to: 'b', count: 6 },
        { from: 'a', to: 'c', count: 2 },
        { from: 'b', to: 'a', count: 1 },
        { from: 'b', to: 'c', count: 2 },
        { from: 'c', to: 'd', count: 3 },
        { from: 'x', to: 'a', count: 99 },
        { from: 'a', to: 'a', count: 5 },
      ],
      0.25
    );
    const row = (p: string) => report.phases.find((r) => r.phase === p)!;
    expect(row('a')).toMatchObject({ entries: 10, arrivals: 1, reached: 11, toNext: 6, skippedAhead: 2, backward: 0, dropOff: 3, lowConversion: false });
    expect(row('a').conversionToNext).toBeCloseTo(6 / 11);
    expect(row('b')).toMatchObject({ entries: 4, arrivals: 6, reached: 10, toNext: 2, backward: 1, dropOff: 7, conversionToNext: 0.2, lowConversion: true });
    expect(row('c')).toMatchObject({ reached: 4, toNext: 3, dropOff: 1, conversionToNext: 0.75 });
    expect(row('d')).toMatchObject({ reached: 3, dropOff: 3, conversionToNext: null, lowConversion: false });
    expect(report.mainEntry).toBe('a');
    expect(report.sessions).toBe(14);
    expect(report.totals).toEqual({ entries: 14, next: 11, skip: 2, backward: 1, dropOff: 14 });
    expect(report.flows.find((f) => f.kind === 'skip')).toEqual({ from: 'a', to: 'c', count: 2, kind: 'skip', skipped: ['b'] });
  });

  it('has no main entry and no flags without data', () => {
    const report = computePaths(phases, [], 0.5);
    expect(report.mainEntry).toBeNull();
    expect(report.phases.every((r) => r.conversionToNext === null && !r.lowConversion)).toBe(true);
  });
});

describe('events body', () => {
  it('takes one event, an array or { events }, and checks each event on its own', () => {
    const phase = 'a'.repeat(24);
    expect(parse(eventsBody, { type: 'view', phase }, 'body').events).toEqual([{ event: { type: 'view', phase } }]);
    const { events } = parse(eventsBody, [{ type: 'view', phase }, { type: 'jump', phase }, { type: 'click' }], 'body');
    expect(events[0]).toEqual({ event: { type: 'view', phase } });
    expect(events[1].reason).toMatch(/^type: /);
    expect(events[2]).toEqual({ reason: 'cta: an event needs a cta, a phase or a content entry' });
  });

  it('refuses the body as a whole only when it holds no list of events', () => {
    expect(() => parse(eventsBody, [], 'body')).toThrow(/^body\.events: /);
    expect(() => parse(eventsBody, 'text', 'body')).toThrow(/^body: must be an event, an array of events or \{ events: \[\.\.\.\] \}/);
    expect(() => parse(eventsBody, { events: [{}], extra: 1 }, 'body')).toThrow(/Unrecognized key/);
  });
});
