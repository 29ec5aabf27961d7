import { contentMapCellLink, homeSummary, measureKpiLink, nextContentCellLink } from '../../admin/src/components/HomeWidget/summary';
import type { CellState, CoverageReport, CtaKpi, KpiStatus, NextContentReport } from '../../shared/contracts';

const phase = (documentId: string, name: string, position: number, min = 2) => ({
  documentId,
  phase: documentId,
  name,
  slug: name.toLowerCase(),
  position,
  ctas: [],
  entries: 0,
  min,
  flags: { lacksContent: false, noCta: false },
});

// Phases listed out of journey order: the widget sorts by position.
const coverage = (cells: Array<[string, string | null, number, CellState]>): CoverageReport => ({
  journey: { documentId: 'j1', name: 'Repair', slug: 'repair' },
  filters: { locale: null, contentType: null, includeDrafts: false, staleAfterDays: 365 },
  thresholds: { min: 2, max: null },
  phases: [phase('p2', 'Decision', 2, 3), phase('p1', 'Awareness', 1)],
  personas: [
    { documentId: 'u2', name: 'Parent', slug: 'parent' },
    { documentId: 'u1', name: 'Techie', slug: 'techie' },
  ],
  cells: cells.map(([p, persona, count, state]) => ({ phase: p, persona, count, state })),
  totals: {
    gap: cells.filter((c) => c[3] === 'gap').length,
    thin: cells.filter((c) => c[3] === 'thin').length,
    ok: cells.filter((c) => c[3] === 'ok').length,
    excess: 0,
    'not-applicable': 0,
    cells: cells.length,
    untagged: 0,
  },
});

const kpi = (documentId: string, label: string, status: KpiStatus): CtaKpi =>
  ({ cta: { documentId, label, phase: null, persona: null }, status, actual: 1, target: 10, direction: 'higher' }) as CtaKpi;

const next = (items: Array<[string, string, string | null, CellState]>): NextContentReport =>
  ({
    journey: { documentId: 'j1', name: 'Repair', slug: 'repair' },
    items: items.map(([p, name, persona, state], i) => ({
      phase: { documentId: p, name, position: i },
      persona: persona ? { documentId: persona, name: persona.toUpperCase() } : null,
      state,
      count: 0,
      min: 2,
    })),
  }) as NextContentReport;

describe('home widget summary', () => {
  const report = coverage([
    ['p2', 'u1', 1, 'thin'],
    ['p2', 'u2', 0, 'gap'],
    ['p1', 'u1', 0, 'gap'],
    ['p1', 'u2', 5, 'ok'],
    ['p1', null, 1, 'thin'],
    ['p2', null, 0, 'gap'],
  ]);

  it('counts the gaps and thin cells and lists gaps first, in phase then persona order, with their links', () => {
    const s = homeSummary(report, [], null, 3);
    expect({ cellsTotal: s.cellsTotal, gaps: s.gaps, thin: s.thin }).toEqual({ cellsTotal: 6, gaps: 3, thin: 2 });
    expect(homeSummary(coverage([]), [], null).cellsTotal).toBe(0);
    expect(s.cells.map((c) => [c.state, c.phase.name, c.persona?.name ?? null, c.count, c.min])).toEqual([
      ['gap', 'Awareness', 'Techie', 0, 2],
      ['gap', 'Decision', null, 0, 3],
      ['gap', 'Decision', 'Parent', 0, 3],
    ]);
    expect(s.cells.map((c) => c.to)).toEqual([
      '/plugins/journey-map/content-map?journey=repair&phase=p1&persona=u1',
      '/plugins/journey-map/content-map?journey=repair&phase=p2',
      '/plugins/journey-map/content-map?journey=repair&phase=p2&persona=u2',
    ]);
    // a longer list reaches the thin cells, still in journey order
    expect(homeSummary(report, [], null, 10).cells.map((c) => `${c.state} ${c.phase.name} ${c.persona?.name ?? '-'}`)).toEqual([
      'gap Awareness Techie',
      'gap Decision -',
      'gap Decision Parent',
      'thin Awareness -',
      'thin Decision Techie',
    ]);
  });

  it('keeps only the KPIs off track (counted all, listed the first few) and links each to its card on Measure', () => {
    const kpis = [kpi('c1', 'Book', 'offTrack'), kpi('c2', 'Call', 'atRisk'), kpi('c3', 'Buy', 'offTrack'), kpi('c4', 'Read', 'noData'), kpi('c5', 'Visit', 'offTrack')];
    const s = homeSummary(report, kpis, null, 2);
    expect(s.kpisOffTrack).toBe(3);
    expect(s.kpis.map((k) => [k.kpi.cta.label, k.to])).toEqual([
      ['Book', '/plugins/journey-map/measure?journey=repair&cta=c1'],
      ['Buy', '/plugins/journey-map/measure?journey=repair&cta=c3'],
    ]);
    expect(homeSummary(report, [kpi('c2', 'Call', 'onTrack')], null).kpisOffTrack).toBe(0);
  });

  it('takes the first ranked cells of "What to write next" as ranked, or none while it is not known', () => {
    expect(homeSummary(report, [], null).next).toBeNull();
    const ranked = next([
      ['p2', 'Decision', 'u2', 'gap'],
      ['p1', 'Awareness', null, 'thin'],
      ['p1', 'Awareness', 'u1', 'gap'],
      ['p2', 'Decision', 'u1', 'thin'],
    ]);
    const s = homeSummary(report, [], ranked, 3);
    expect(s.next?.map((n) => [n.phase.name, n.persona?.name ?? null, n.state, n.to])).toEqual([
      ['Decision', 'U2', 'gap', '/plugins/journey-map/next-content?journey=repair&phase=p2&persona=u2'],
      ['Awareness', null, 'thin', '/plugins/journey-map/next-content?journey=repair&phase=p1'],
      ['Awareness', 'U1', 'gap', '/plugins/journey-map/next-content?journey=repair&phase=p1&persona=u1'],
    ]);
    expect(homeSummary(report, [], next([]), 3).next).toEqual([]);
  });

  it('encodes what it puts in a link', () => {
    expect(contentMapCellLink('a b', 'p&1', null)).toBe('/plugins/journey-map/content-map?journey=a+b&phase=p%261');
    expect(measureKpiLink('x', 'c?1')).toBe('/plugins/journey-map/measure?journey=x&cta=c%3F1');
    expect(nextContentCellLink('x', 'p', 'u')).toBe('/plugins/journey-map/next-content?journey=x&phase=p&persona=u');
  });
});
