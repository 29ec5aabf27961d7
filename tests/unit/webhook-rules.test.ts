import { cellTransitions, kpiTransitions, type CellMemo } from '../../server/src/services/webhook-rules';

const cell = (state: CellMemo['state'], count: number): CellMemo => ({ state, count });

describe('webhook rules: gap transitions', () => {
  it('opens a gap when a known cell becomes one, closes it when it is filled, in key order', () => {
    const before = { 'p1|a': cell('ok', 1), 'p1|b': cell('gap', 0), 'p2|a': cell('thin', 1), 'p2|b': cell('gap', 0) };
    const now = { 'p1|a': cell('gap', 0), 'p1|b': cell('excess', 9), 'p2|a': cell('gap', 0), 'p2|b': cell('gap', 0) };
    expect(cellTransitions(before, now)).toEqual([
      { key: 'p1|a', event: 'journey-map.gap.opened', from: 'ok', to: 'gap' },
      { key: 'p1|b', event: 'journey-map.gap.closed', from: 'gap', to: 'excess' },
      { key: 'p2|a', event: 'journey-map.gap.opened', from: 'thin', to: 'gap' },
    ]);
  });

  it('announces nothing for unchanged states, count changes, other moves, exclusions and cells seen first', () => {
    const before = { 'p1|a': cell('ok', 1), 'p1|b': cell('thin', 1), 'p1|c': cell('gap', 0), 'p1|d': cell('not-applicable', 0) };
    const now = { 'p1|a': cell('ok', 5), 'p1|b': cell('ok', 2), 'p1|c': cell('not-applicable', 0), 'p1|d': cell('ok', 3), 'p9|a': cell('gap', 0) };
    expect(cellTransitions(before, now)).toEqual([]);
  });

  it('a cell marked applicable again that is empty opens a gap', () => {
    expect(cellTransitions({ 'p|a': cell('not-applicable', 0) }, { 'p|a': cell('gap', 0) })).toEqual([{ key: 'p|a', event: 'journey-map.gap.opened', from: 'not-applicable', to: 'gap' }]);
  });
});

describe('webhook rules: KPI transitions', () => {
  it('off track and on track are announced; at risk and no data are not; first sights are not', () => {
    const before = { a: 'noData', b: 'offTrack', c: 'onTrack', d: 'atRisk', e: 'offTrack', f: 'onTrack' } as const;
    const now = { a: 'offTrack', b: 'onTrack', c: 'atRisk', d: 'offTrack', e: 'noData', f: 'onTrack', g: 'offTrack' } as const;
    expect(kpiTransitions(before, now)).toEqual([
      { key: 'a', event: 'journey-map.kpi.off-track', from: 'noData', to: 'offTrack' },
      { key: 'b', event: 'journey-map.kpi.on-track', from: 'offTrack', to: 'onTrack' },
      { key: 'd', event: 'journey-map.kpi.off-track', from: 'atRisk', to: 'offTrack' },
    ]);
  });
});
