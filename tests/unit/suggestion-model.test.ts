import { buildModel, qualitySample, tokenize, vote, type TaggedDoc } from '../../server/src/services/suggestion-model';

const doc = (key: string, title: string, phases: string[], personas: string[] = [], locale = 'en'): TaggedDoc => ({ key, title, text: '', locale, phases, personas });

describe('tokenize', () => {
  it('splits English into lower-case words without stop words or one-letter words', () => {
    expect(tokenize("Cracked screen: repair or replace? It's a 2026 price list", 'en')).toEqual(['cracked', 'screen', 'repair', 'replace', "it's", '2026', 'price', 'list']);
  });

  it('splits Japanese with the ICU word segmenter and drops particles', () => {
    expect(tokenize('画面割れ：修理か買い替えか', 'ja')).toEqual(['画面', '割れ', '修理', '買い替え']);
    expect(tokenize('スマートフォンが壊れたときにすること', 'ja')).toEqual(['スマート', 'フォン', '壊']);
  });

  it('normalizes full-width letters (NFKC)', () => {
    expect(tokenize('ＲＥＰＡＩＲ Prices', 'ja')).toEqual(['repair', 'prices']);
  });
});

describe('vote', () => {
  it('sums the similarity per phase and persona, most likely first, ties by id', () => {
    const docs = new Map([doc('a', 'A', ['p1'], ['x']), doc('b', 'B', ['p2'], ['x', 'y']), doc('c', 'C', ['p2', 'p1'], [''])].map((d) => [d.key, d]));
    const result = vote([{ key: 'a', score: 3 }, { key: 'b', score: 2 }, { key: 'c', score: 1 }], docs);
    expect(result.phases.map((v) => [v.id, v.share, v.neighbours.map((n) => n.key)])).toEqual([
      ['p1', 4 / 6, ['a', 'c']],
      ['p2', 3 / 6, ['b', 'c']],
    ]);
    // "all personas" ('') is no persona to suggest
    expect(result.personas.map((v) => [v.id, v.share])).toEqual([
      ['x', 5 / 6],
      ['y', 2 / 6],
    ]);
    expect(vote([{ key: 'a', score: 1 }, { key: 'b', score: 1 }], docs).phases.map((v) => v.id)).toEqual(['p1', 'p2']);
  });
});

describe('the model and its leave-one-out measure', () => {
  const corpus: TaggedDoc[] = [
    doc('1', 'My phone screen is black after a drop', ['awareness']),
    doc('2', 'Phone black screen: first aid after a drop', ['awareness']),
    doc('3', 'Water damage: what to do first', ['awareness']),
    doc('4', 'Repair prices compared: screen, battery, camera', ['consideration'], ['parent']),
    doc('5', 'Compare repair prices for screen and battery', ['consideration'], ['parent']),
    doc('6', 'Repair or insurance: compare the prices', ['consideration'], ['techie']),
    doc('7', 'Book a repair online in one minute', ['purchase']),
    doc('8', 'Book your repair: drop off in store', ['purchase']),
    doc('9', '修理の予約はオンラインで', ['purchase'], [], 'ja'),
    doc('10', '修理をオンラインで予約する', ['purchase'], [], 'ja'),
    // tagged Awareness, but its words are those of the Consideration entries: the one miss
    doc('11', 'Compare screen repair prices after a drop', ['awareness']),
  ];

  it('suggests the phase of near-duplicates, with them as neighbours', async () => {
    const model = await buildModel(corpus);
    const result = model.suggest('How much does a screen repair cost? Prices compared', 'en');
    expect(result.phases[0].id).toBe('consideration');
    expect(result.phases[0].neighbours.map((n) => n.key).slice(0, 2).sort()).toEqual(['4', '5']);
    expect(result.personas[0].id).toBe('parent');
    expect(model.suggest('スマホ修理をオンライン予約', 'ja').phases[0].id).toBe('purchase');
    expect(model.suggest('the and of', 'en')).toEqual({ phases: [], personas: [] });
  });

  it('measures itself by leaving each entry out: an exact, repeatable count', async () => {
    const model = await buildModel(corpus);
    const misses = corpus.filter((d) => model.suggest(d.title, d.locale, d.key).phases[0]?.id !== d.phases[0]).map((d) => d.key);
    // '11' reads like Consideration; '8' shares "drop" with the Awareness entries and "repair" with all
    expect(misses).toEqual(['8', '11']);
    expect(model.quality).toEqual({ tagged: 11, measured: 11, hits: 9 });
    expect(model.suggest(corpus[10].title, 'en', '11').phases[0].id).toBe('consideration');
    expect((await buildModel([...corpus].reverse())).quality).toEqual(model.quality);
  });

  it('leaves out of a query the words most tagged entries share', async () => {
    const model = await buildModel([
      doc('a', 'Phone battery swap', ['p1']),
      doc('b', 'Phone battery care', ['p1']),
      doc('c', 'Phone screen swap', ['p2']),
      doc('d', 'Phone screen care', ['p2']),
    ]);
    // "phone" is in all four: it alone finds nothing; with "battery" only "battery" counts
    expect(model.suggest('phone', 'en')).toEqual({ phases: [], personas: [] });
    expect(model.suggest('phone battery', 'en').phases.map((v) => [v.id, v.share])).toEqual([['p1', 1]]);
  });

  it('samples at most the given number of entries, evenly and in key order', () => {
    expect(qualitySample(['c', 'a', 'b'], 5)).toEqual(['a', 'b', 'c']);
    expect(qualitySample(['a', 'b', 'c', 'd', 'e', 'f'], 3)).toEqual(['a', 'c', 'e']);
  });
});
