import { buildMatrix, cellKey, cellState, type CoverageInput } from '../../server/src/services/coverage-rules';

describe('cellState', () => {
  it('is a gap when nothing is tagged and a minimum is required', () => {
    expect(cellState(0, { min: 1, max: null }, false)).toBe('gap');
    expect(cellState(0, { min: 3, max: 5 }, false)).toBe('gap');
  });

  it('is ok with zero entries when the minimum is zero', () => {
    expect(cellState(0, { min: 0, max: null }, false)).toBe('ok');
  });

  it('is thin when some but fewer than the minimum are tagged', () => {
    expect(cellState(1, { min: 2, max: null }, false)).toBe('thin');
    expect(cellState(2, { min: 3, max: 10 }, false)).toBe('thin');
  });

  it('is ok from the minimum up to and including the maximum', () => {
    expect(cellState(2, { min: 2, max: null }, false)).toBe('ok');
    expect(cellState(5, { min: 2, max: 5 }, false)).toBe('ok');
  });

  it('is excess only above a set maximum', () => {
    expect(cellState(6, { min: 2, max: 5 }, false)).toBe('excess');
    expect(cellState(1000, { min: 2, max: null }, false)).toBe('ok');
  });

  it('is not-applicable when excluded, whatever the count', () => {
    expect(cellState(0, { min: 1, max: null }, true)).toBe('not-applicable');
    expect(cellState(1, { min: 3, max: null }, true)).toBe('not-applicable');
    expect(cellState(99, { min: 1, max: 5 }, true)).toBe('not-applicable');
  });
});

const input = (over: Partial<CoverageInput>): CoverageInput => ({
  phases: [],
  personas: [],
  counts: new Map(),
  phaseEntries: new Map(),
  excluded: new Set(),
  defaults: { min: 1, max: null },
  ...over,
});

describe('buildMatrix', () => {
  it('adds all-personas counts to every persona cell', () => {
    const m = buildMatrix(
      input({
        phases: [{ documentId: 'p1', ctaCount: 1 }],
        personas: ['a', 'b'],
        counts: new Map([
          [cellKey('p1', 'a'), 2],
          [cellKey('p1', ''), 1],
        ]),
        phaseEntries: new Map([['p1', 3]]),
      })
    );
    expect(m.cells).toEqual([
      { phase: 'p1', persona: 'a', count: 3, state: 'ok' },
      { phase: 'p1', persona: 'b', count: 1, state: 'ok' },
    ]);
    expect(m.phases).toEqual([{ phase: 'p1', entries: 3, min: 1, flags: { lacksContent: false, noCta: false } }]);
  });

  it('gives one cell per phase from phaseEntries for a journey without personas', () => {
    const m = buildMatrix(
      input({
        phases: [
          { documentId: 'p1', ctaCount: 0 },
          { documentId: 'p2', ctaCount: 2 },
        ],
        counts: new Map([[cellKey('p1', ''), 99]]),
        phaseEntries: new Map([['p1', 4]]),
      })
    );
    expect(m.cells).toEqual([
      { phase: 'p1', persona: null, count: 4, state: 'ok' },
      { phase: 'p2', persona: null, count: 0, state: 'gap' },
    ]);
    expect(m.phases.map((p) => [p.phase, p.entries, p.flags])).toEqual([
      ['p1', 4, { lacksContent: false, noCta: true }],
      ['p2', 0, { lacksContent: true, noCta: false }],
    ]);
  });

  it('flags lacksContent only when every applicable cell is gap or thin', () => {
    const m = buildMatrix(
      input({
        phases: [
          { documentId: 'all-low', ctaCount: 1 },
          { documentId: 'one-ok', ctaCount: 1 },
          { documentId: 'excluded-ok', ctaCount: 1 },
          { documentId: 'all-excluded', ctaCount: 1 },
        ],
        personas: ['a', 'b'],
        defaults: { min: 2, max: null },
        counts: new Map([
          [cellKey('all-low', 'a'), 1],
          [cellKey('one-ok', 'a'), 2],
          [cellKey('excluded-ok', 'a'), 5],
        ]),
        excluded: new Set([cellKey('excluded-ok', 'a'), cellKey('all-excluded', 'a'), cellKey('all-excluded', 'b')]),
      })
    );
    expect(m.cells.map((c) => `${c.phase}/${c.persona}:${c.state}`)).toEqual([
      'all-low/a:thin',
      'all-low/b:gap',
      'one-ok/a:ok',
      'one-ok/b:gap',
      'excluded-ok/a:not-applicable',
      'excluded-ok/b:gap',
      'all-excluded/a:not-applicable',
      'all-excluded/b:not-applicable',
    ]);
    expect(m.phases.map((p) => [p.phase, p.flags.lacksContent])).toEqual([
      ['all-low', true],
      ['one-ok', false],
      ['excluded-ok', true],
      ['all-excluded', false],
    ]);
  });

  it('flags noCta exactly when the phase has no CTA', () => {
    const m = buildMatrix(
      input({
        phases: [
          { documentId: 'p1', ctaCount: 0 },
          { documentId: 'p2', ctaCount: 1 },
        ],
      })
    );
    expect(m.phases.map((p) => p.flags.noCta)).toEqual([true, false]);
  });

  it('totals cells by state, including excess', () => {
    const m = buildMatrix(
      input({
        phases: [
          { documentId: 'p1', ctaCount: 1 },
          { documentId: 'p2', ctaCount: 1 },
        ],
        personas: ['a', 'b', 'c'],
        defaults: { min: 2, max: 3 },
        counts: new Map([
          [cellKey('p1', 'a'), 1],
          [cellKey('p1', 'b'), 2],
          [cellKey('p1', 'c'), 4],
          [cellKey('p2', ''), 3],
        ]),
        excluded: new Set([cellKey('p2', 'c')]),
      })
    );
    expect(m.byState).toEqual({ gap: 0, thin: 1, ok: 3, excess: 1, 'not-applicable': 1 });
  });

  it('uses a phase minContentPerPersona over the default, and the default when null', () => {
    const m = buildMatrix(
      input({
        phases: [
          { documentId: 'strict', minContentPerPersona: 3, ctaCount: 1 },
          { documentId: 'lax', minContentPerPersona: 0, ctaCount: 1 },
          { documentId: 'inherit', minContentPerPersona: null, ctaCount: 1 },
        ],
        personas: ['a'],
        defaults: { min: 1, max: null },
        counts: new Map([[cellKey('strict', 'a'), 2]]),
      })
    );
    expect(m.cells.map((c) => c.state)).toEqual(['thin', 'ok', 'gap']);
    expect(m.phases.map((p) => p.min)).toEqual([3, 0, 1]);
    expect(m.byState).toEqual({ gap: 1, thin: 1, ok: 1, excess: 0, 'not-applicable': 0 });
  });
});
