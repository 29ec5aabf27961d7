import { compareSnapshots, deltas, type SnapshotPayload } from '../../server/src/services/snapshot-diff';

const payload = (over: Partial<SnapshotPayload>): SnapshotPayload => ({
  version: 1,
  phases: [
    { documentId: 'p1', name: 'Awareness', position: 0, entries: 0, flags: { lacksContent: false, noCta: true } },
    { documentId: 'p2', name: 'Decision', position: 1, entries: 0, flags: { lacksContent: false, noCta: true } },
  ],
  personas: [{ documentId: 'a', name: 'Parent' }],
  cells: [],
  untagged: [],
  stale: [],
  tagged: [],
  truncated: false,
  ...over,
});
const summary = { counts: { untagged: 3 }, totals: { gap: 1 } };

describe('compareSnapshots', () => {
  it('finds closed and new gaps (gap or thin), entries tagged and entries gone stale, and nothing else', () => {
    const from = payload({
      cells: [
        { phase: 'p2', persona: 'a', count: 0, state: 'gap' },
        { phase: 'p1', persona: 'a', count: 2, state: 'ok' },
      ],
      untagged: [
        ['api::article.article', 'd1', 'en', 'One'],
        ['api::article.article', 'd2', 'en', 'Two'],
        ['api::faq.faq', 'd3', '', 'Three'],
      ],
      stale: [['api::faq.faq', 'd9', '', 'Old']],
    });
    const to = payload({
      cells: [
        { phase: 'p2', persona: 'a', count: 2, state: 'ok' },
        { phase: 'p1', persona: 'a', count: 0, state: 'thin' },
      ],
      untagged: [['api::faq.faq', 'd3', '', 'Three']],
      stale: [['api::faq.faq', 'd9', '', 'Old'], ['api::article.article', 'd1', 'en', 'One']],
      // d2 was deleted, not tagged: it is not in `tagged`
      tagged: ['api::article.article|d1|en'],
    });
    const diff = compareSnapshots({ payload: from, summary }, { payload: to, summary: { counts: { untagged: 1 }, totals: { gap: 0 } } });
    expect(diff.gapsClosed.map((c) => [c.phase.name, c.persona?.name, c.from?.state, c.to?.state])).toEqual([['Decision', 'Parent', 'gap', 'ok']]);
    expect(diff.newGaps.map((c) => [c.phase.name, c.from?.state, c.to?.state])).toEqual([['Awareness', 'ok', 'thin']]);
    expect(diff.entriesTagged).toEqual([{ contentType: 'api::article.article', documentId: 'd1', locale: 'en', title: 'One' }]);
    expect(diff.entriesGoneStale).toEqual([{ contentType: 'api::article.article', documentId: 'd1', locale: 'en', title: 'One' }]);
    expect(diff.counts.untagged).toEqual({ from: 3, to: 1, delta: -2 });
    expect(diff.totals.gap).toEqual({ from: 1, to: 0, delta: -1 });
    expect(diff.incomplete).toBe(false);
  });

  it('counts a cell of a new phase that lacks content as a new gap, and says when a list was cut', () => {
    const to = payload({ cells: [{ phase: 'p2', persona: null, count: 0, state: 'gap' }], truncated: true });
    const diff = compareSnapshots({ payload: payload({}), summary }, { payload: to, summary });
    expect(diff.newGaps).toEqual([{ phase: { documentId: 'p2', name: 'Decision' }, persona: null, from: null, to: { count: 0, state: 'gap' } }]);
    expect(diff.incomplete).toBe(true);
  });
});

describe('deltas', () => {
  it('covers keys present on either side', () => {
    expect(deltas({ a: 1 }, { b: 2 })).toEqual({ a: { from: 1, to: 0, delta: -1 }, b: { from: 0, to: 2, delta: 2 } });
  });
});
