import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, cellOf, createEntry, demoJourney, ensureJapanese, tagEntry, type AdminApi } from '../helpers/fixtures';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

describe(`coverage on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;

  const tag = (uid: string, documentId: string, body: unknown, locale = 'en') => tagEntry(api, uid, documentId, body, locale);
  const coverage = async (query = '') =>
    (await api.get(`/journey-map/coverage?journey=${d.journey}${query}`).expect(200)).body.data;

  beforeAll(async () => {
    app = await startStrapi('coverage');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('starts with every cell a gap, phases flagged, and the untagged entries counted', async () => {
    await createEntry(app, ARTICLE, { title: 'Untagged one' });
    const c = await coverage();
    expect(c.phases.map((p: any) => p.slug)).toEqual(['awareness', 'consideration', 'decision', 'purchase', 'retention', 'advocacy']);
    expect(c.personas).toHaveLength(2);
    expect(c.cells).toHaveLength(12);
    expect(c.cells.every((cell: any) => cell.count === 0 && cell.state === 'gap')).toBe(true);
    expect(c.phases.find((p: any) => p.slug === 'consideration').flags).toEqual({ lacksContent: true, noCta: false });
    expect(c.phases.find((p: any) => p.slug === 'awareness').flags).toEqual({ lacksContent: true, noCta: true });
    expect(c.totals.untagged).toBeGreaterThanOrEqual(1);
  });

  it('counts an all-personas tag in every persona cell, a persona tag in its own cell, per documentId and locale', async () => {
    const forAll = await createEntry(app, ARTICLE, { title: 'For everyone' }, { ja: { title: '皆さんへ' } });
    const forParent = await createEntry(app, FAQ, { question: 'For parents?' });
    await tag(ARTICLE, forAll, { phases: [d.phases.awareness], personas: [] }).expect(200);
    await tag(ARTICLE, forAll, { phases: [d.phases.awareness], personas: [] }, 'ja').expect(200);
    await tag(FAQ, forParent, { phases: [d.phases.awareness], personas: [d.personas.parent] }).expect(200);

    const c = await coverage();
    // the article counts once per locale (en + ja), the FAQ only for the parent
    expect(cellOf(c, d.phases.awareness, d.personas.parent)).toMatchObject({ count: 3, state: 'ok' });
    expect(cellOf(c, d.phases.awareness, d.personas.techie)).toMatchObject({ count: 2, state: 'ok' });
    expect(c.phases.find((p: any) => p.slug === 'awareness').entries).toBe(3);
    expect(c.phases.find((p: any) => p.slug === 'awareness').flags.lacksContent).toBe(false);

    const en = await coverage('&locale=en');
    expect(cellOf(en, d.phases.awareness, d.personas.techie).count).toBe(1);
    const faqOnly = await coverage(`&contentType=${FAQ}`);
    expect(cellOf(faqOnly, d.phases.awareness, d.personas.parent).count).toBe(1);
    expect(cellOf(faqOnly, d.phases.awareness, d.personas.techie)).toMatchObject({ count: 0, state: 'gap' });
  });

  it('counts only published, fresh entries unless drafts are included; unpublishing keeps the tags', async () => {
    const draft = await createEntry(app, ARTICLE, { title: 'Draft only' }, { publish: false });
    await tag(ARTICLE, draft, { phases: [d.phases.decision], personas: [d.personas.techie] }).expect(200);
    expect(cellOf(await coverage(), d.phases.decision, d.personas.techie).state).toBe('gap');
    expect(cellOf(await coverage('&includeDrafts=true'), d.phases.decision, d.personas.techie)).toMatchObject({ count: 1, state: 'ok' });

    const published = await createEntry(app, ARTICLE, { title: 'Published then unpublished' });
    await tag(ARTICLE, published, { phases: [d.phases.purchase], personas: [d.personas.techie] }).expect(200);
    expect(cellOf(await coverage(), d.phases.purchase, d.personas.techie).count).toBe(1);
    await app.strapi.documents(ARTICLE as any).unpublish({ documentId: published, locale: '*' } as any);
    expect(cellOf(await coverage(), d.phases.purchase, d.personas.techie).count).toBe(0);
    const kept = await api.get(`/journey-map/assignments/${ARTICLE}/${published}?locale=en`);
    expect(kept.body.error).toBeUndefined();
    expect(kept.body.data.phases).toEqual([d.phases.purchase]);

    const old = await createEntry(app, ARTICLE, { title: 'Old news' });
    await tag(ARTICLE, old, { phases: [d.phases.retention], personas: [] }).expect(200);
    expect(cellOf(await coverage(), d.phases.retention, d.personas.parent).count).toBe(1);
    const longAgo = new Date(clockOf(app).now().getTime() - 400 * 24 * 3600 * 1000);
    // A raw write bypasses Strapi's lifecycles: the plugin's copy of the entry still says fresh until the
    // repair (hourly, and once per process) notices the table changed and rebuilds the type.
    await app.strapi.db.connection('articles').where({ document_id: old }).update({ updated_at: longAgo });
    expect(cellOf(await coverage(), d.phases.retention, d.personas.parent).count).toBe(1);
    expect(await app.strapi.plugin('journey-map').service('entryStates').repair()).toEqual(['api::article.article']);
    expect(cellOf(await coverage(), d.phases.retention, d.personas.parent).count).toBe(0);
  });

  it('applies thresholds: thin below the minimum (phase override), excess above the maximum, not applicable when excluded', async () => {
    await api.put(`/journey-map/phases/${d.phases.advocacy}`, { minContentPerPersona: 2 }).expect(200);
    const one = await createEntry(app, ARTICLE, { title: 'Advocacy one' });
    await tag(ARTICLE, one, { phases: [d.phases.advocacy], personas: [] }).expect(200);
    expect(cellOf(await coverage(), d.phases.advocacy, d.personas.parent)).toMatchObject({ count: 1, state: 'thin' });

    await api.put('/journey-map/settings', { maxPerCell: 2 }).expect(200);
    for (const title of ['Advocacy two', 'Advocacy three']) {
      const id = await createEntry(app, ARTICLE, { title });
      await tag(ARTICLE, id, { phases: [d.phases.advocacy], personas: [] }).expect(200);
    }
    expect(cellOf(await coverage(), d.phases.advocacy, d.personas.parent)).toMatchObject({ count: 3, state: 'excess' });
    await api.put('/journey-map/settings', { maxPerCell: null }).expect(200);

    await api
      .put(`/journey-map/journeys/${d.journey}`, { excludedCells: [{ phase: d.phases.purchase, persona: d.personas.parent }] })
      .expect(200);
    const c = await coverage();
    expect(cellOf(c, d.phases.purchase, d.personas.parent).state).toBe('not-applicable');
    expect(c.totals['not-applicable']).toBe(1);
  });

  it('uses a fixed number of queries whatever the number of phases, personas and entries', async () => {
    const queries: string[] = [];
    const listener = (q: any) => queries.push(q.sql);
    const plugin = () => app.strapi.plugin('journey-map');
    // Tag writes start background work (entry-state refreshes, suggestion models rebuilt two seconds later)
    // whose queries would land in the window: wait for it, and keep the fewest of three requests.
    const countQueries = async (journey: string) => {
      await plugin().service('entryStates').settled();
      await plugin().service('suggestions').settled();
      const runs: string[][] = [];
      for (let i = 0; i < 3; i += 1) {
        queries.length = 0;
        app.strapi.db.connection.client.on('query', listener);
        await api.get(`/journey-map/coverage?journey=${journey}`).expect(200);
        app.strapi.db.connection.client.removeListener('query', listener);
        runs.push([...queries]);
      }
      return runs.reduce((a, b) => (b.length < a.length ? b : a));
    };
    const small = await countQueries(d.journey);

    const bigger = await demoJourney(api, 'Bigger journey');
    for (const name of ['Extra one', 'Extra two', 'Extra three']) {
      await api.post('/journey-map/phases', { journey: bigger.journey, name }).expect(200);
      const persona = (await api.post('/journey-map/personas', { name: `${name} persona`, journeys: [bigger.journey] }).expect(200)).body.data;
      expect(persona.documentId).toBeTruthy();
    }
    for (let i = 0; i < 15; i += 1) {
      const id = await createEntry(app, ARTICLE, { title: `Bulk ${i}` });
      await tag(ARTICLE, id, { phases: [bigger.phases.awareness, bigger.phases.decision], personas: [] }).expect(200);
    }
    const big = (await api.get(`/journey-map/coverage?journey=${bigger.journey}`).expect(200)).body.data;
    expect(big.phases).toHaveLength(9);
    expect(big.personas).toHaveLength(5);
    expect(big.cells).toHaveLength(45);
    const bigRun = await countQueries(bigger.journey);
    // on a mismatch, both lists of statements, so the failure shows which one was added
    if (bigRun.length !== small.length) throw new Error(`${small.length} statements became ${bigRun.length}:\n${small.join('\n')}\n---\n${bigRun.join('\n')}`);
    expect(bigRun).toHaveLength(small.length);
    expect(small.length).toBeLessThan(20);
  });

  it('counts an entry once per phase however many personas it serves, also after a persona is removed', async () => {
    const j = await demoJourney(api, 'Once per phase');
    const byPersona = (await api.get(`/journey-map/coverage?journey=${j.journey}`).expect(200)).body.data;
    const untaggedBefore = byPersona.totals.untagged;
    const id = await createEntry(app, ARTICLE, { title: 'For both personas' });
    await tag(ARTICLE, id, { phases: [j.phases.retention], personas: [j.personas.parent, j.personas.techie] }).expect(200);
    const entriesIn = async (slug: string) => {
      const c = (await api.get(`/journey-map/coverage?journey=${j.journey}`).expect(200)).body.data;
      return { entries: c.phases.find((p: any) => p.slug === slug).entries, untagged: c.totals.untagged };
    };
    expect(await entriesIn('retention')).toEqual({ entries: 1, untagged: untaggedBefore });
    // Whichever persona's tag marked the entry first in the phase, removing either keeps it counted once.
    const [first, second] = [j.personas.parent, j.personas.techie].sort();
    await api.del(`/journey-map/personas/${first}?removeAssignments=true`).expect(200);
    expect(await entriesIn('retention')).toEqual({ entries: 1, untagged: untaggedBefore });
    await api.del(`/journey-map/personas/${second}?removeAssignments=true`).expect(200);
    expect(await entriesIn('retention')).toEqual({ entries: 0, untagged: untaggedBefore + 1 });
  });

  it('rejects bad filters with a 400 naming the field, and unknown journeys with 404', async () => {
    const bad = await api.get(`/journey-map/coverage?journey=${d.journey}&includeDrafts=maybe`).expect(400);
    expect(bad.body.error.message).toMatch(/query\.includeDrafts/);
    const untracked = await api.get(`/journey-map/coverage?journey=${d.journey}&contentType=api::case-study.case-study`).expect(400);
    expect(untracked.body.error.message).toMatch(/query\.contentType/);
    expect((await api.get('/journey-map/coverage').expect(400)).body.error.message).toMatch(/query\.journey/);
    await api.get('/journey-map/coverage?journey=no-such-journey').expect(404);
    const injection = await api.get(`/journey-map/coverage?journey=${encodeURIComponent("x' OR 1=1 --")}`).expect(400);
    expect(injection.body.error.message).toMatch(/query\.journey/);
  });

  it('copies titles with the title field of one settings read, even when a save lands in between', async () => {
    // Each read of the settings sees another save: the first says "summary", every later one says nothing.
    const settings = app.strapi.plugin('journey-map').service('settings');
    const { get } = settings;
    let reads = 0;
    settings.get = async () => ({ ...(await get.call(settings)), titleFields: reads++ === 0 ? { [ARTICLE]: 'summary' } : {} });
    try {
      expect(await app.strapi.plugin('journey-map').service('entryStates').rebuild(ARTICLE)).toBe('summary');
    } finally {
      settings.get = get;
    }
    // The copy follows the stored choice again (none: the title).
    expect(await app.strapi.plugin('journey-map').service('entryStates').rebuild(ARTICLE)).toBe('title');
  });
});
