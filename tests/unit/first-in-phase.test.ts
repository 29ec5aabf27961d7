import { firstInPhase } from '../../server/src/repositories/tags';

const tag = (entryDocumentId: string, phaseId: string, personaId: string, entryLocale = 'en') => ({
  contentType: 'api::article.article',
  entryDocumentId,
  entryLocale,
  phaseId,
  personaId,
});

describe('firstInPhase', () => {
  it('marks exactly one tag per entry and phase: the smallest persona id, all personas first', () => {
    const rows = [tag('a', 'p1', 'zz'), tag('a', 'p1', 'bb'), tag('a', 'p1', ''), tag('a', 'p2', 'zz'), tag('b', 'p1', 'zz')];
    expect(firstInPhase(rows)).toEqual([false, false, true, true, true]);
  });

  it('treats each locale of a document as its own entry', () => {
    expect(firstInPhase([tag('a', 'p1', 'x', 'en'), tag('a', 'p1', 'y', 'ja')])).toEqual([true, true]);
  });

  it('returns nothing for no tags', () => {
    expect(firstInPhase([])).toEqual([]);
  });
});
