import { addDays, buildSeries, daysBetween, gapChanges, gapRuns, lastDays, type CellDay } from '../../server/src/services/cell-history-rules';

const row = (day: string, phase: string, persona: string, count: number, state: CellDay['state'] = count ? 'ok' : 'gap'): CellDay => ({ day, phase, persona, count, state });

describe('UTC days', () => {
  it('moves across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // a European DST change does not matter in UTC
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });

  it('lists the last n days, oldest first, ending with the given day', () => {
    expect(lastDays('2027-01-02', 4)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(lastDays('2028-03-01', 3)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    const ninety = lastDays('2026-11-30', 90);
    expect([ninety.length, ninety[0], ninety[89]]).toEqual([90, '2026-09-02', '2026-11-30']);
  });
});

describe('buildSeries', () => {
  it('places each stored day in the window, null where no snapshot was taken, and counts gap days', () => {
    const days = ['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'];
    const rows = [
      row('2026-12-29', 'p1', 'a', 9), // before the window: left out
      row('2026-12-30', 'p1', 'a', 0),
      row('2026-12-31', 'p1', 'a', 2),
      row('2027-01-02', 'p1', 'a', 0),
      row('2026-12-30', 'p1', '', 1),
    ];
    expect(buildSeries(rows, days)).toEqual([
      { phase: 'p1', persona: 'a', counts: [0, 2, null, 0], states: ['gap', 'ok', null, 'gap'], gapDays: 2 },
      { phase: 'p1', persona: null, counts: [1, null, null, null], states: ['ok', null, null, null], gapDays: 0 },
    ]);
    expect(buildSeries([], days)).toEqual([]);
  });
});

describe('gapRuns', () => {
  const gap = [{ phase: 'p1', persona: 'a' }];
  it('starts the run at the first gap day after the last day the cell was not a gap, across a year end', () => {
    const rows = [row('2026-12-29', 'p1', 'a', 1), row('2026-12-30', 'p1', 'a', 0), row('2026-12-31', 'p1', 'a', 0), row('2027-01-01', 'p1', 'a', 0)];
    expect(gapRuns(rows, gap, '2027-01-02')).toEqual([{ phase: 'p1', persona: 'a', since: '2026-12-30' }]);
  });
  it('across a month end, in any row order, with a missing day inside the run', () => {
    const rows = [row('2026-03-02', 'p1', 'a', 0), row('2026-02-27', 'p1', 'a', 3), row('2026-02-28', 'p1', 'a', 0)];
    expect(gapRuns(rows, gap, '2026-03-02')[0].since).toBe('2026-02-28');
  });
  it('a gap since the first snapshot runs from it; one that was ok on its newest day starts today; one never recorded is unknown', () => {
    expect(gapRuns([row('2026-01-01', 'p1', 'a', 0), row('2026-01-02', 'p1', 'a', 0)], gap, '2026-01-05')[0].since).toBe('2026-01-01');
    expect(gapRuns([row('2026-01-01', 'p1', 'a', 0), row('2026-01-02', 'p1', 'a', 2)], gap, '2026-01-05')[0].since).toBe('2026-01-05');
    expect(gapRuns([row('2026-01-01', 'p1', 'b', 0)], gap, '2026-01-05')[0].since).toBeNull();
    // thin is not a gap: it ends a run
    expect(gapRuns([row('2026-01-01', 'p1', 'a', 0), row('2026-01-02', 'p1', 'a', 1, 'thin'), row('2026-01-03', 'p1', 'a', 0)], gap, '2026-01-03')[0].since).toBe('2026-01-03');
  });
  it('ignores rows after today (a clock moved back)', () => {
    expect(gapRuns([row('2026-01-01', 'p1', 'a', 0), row('2026-01-09', 'p1', 'a', 4)], gap, '2026-01-05')[0].since).toBe('2026-01-01');
  });
  it('a cell without persona is keyed by the empty persona', () => {
    expect(gapRuns([row('2026-05-31', 'p2', '', 0)], [{ phase: 'p2', persona: null }], '2026-06-01')).toEqual([{ phase: 'p2', persona: null, since: '2026-05-31' }]);
  });
});

describe('gapChanges', () => {
  it('opened: gaps now that were not gaps (or not cells) then; closed: gaps then that are filled now (an excluded cell is not filled)', () => {
    const then = [row('2026-12-31', 'p1', 'a', 0), row('2026-12-31', 'p1', 'b', 2), row('2026-12-31', 'p2', 'a', 0), row('2026-12-31', 'gone', 'a', 0), row('2026-12-31', 'p3', 'a', 0)];
    const now = [
      { phase: 'p1', persona: 'a', count: 1, state: 'thin' as const },
      { phase: 'p1', persona: 'b', count: 0, state: 'gap' as const },
      { phase: 'p2', persona: 'a', count: 0, state: 'gap' as const },
      { phase: 'new', persona: 'a', count: 0, state: 'gap' as const },
      { phase: 'p3', persona: 'a', count: 0, state: 'not-applicable' as const },
    ];
    expect(gapChanges(then, now)).toEqual({
      opened: [
        { phase: 'p1', persona: 'b', countThen: 2, countNow: 0, stateThen: 'ok' },
        { phase: 'new', persona: 'a', countThen: null, countNow: 0, stateThen: null },
      ],
      closed: [
        { phase: 'p1', persona: 'a', countThen: 0, countNow: 1, stateNow: 'thin' },
      ],
    });
  });
});
