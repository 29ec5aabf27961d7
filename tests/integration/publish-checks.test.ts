import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, ensureJapanese, tagEntry, type AdminApi } from '../helpers/fixtures';
import { registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

/**
 * Publish checks (Settings → Content types): with 'require', publishing an entry that has no phase tag in
 * a locale it publishes is refused on every path — the document service (publish, create and update with
 * status 'published', locale '*'), the Content Manager's publish and bulk publish; 'warn' and 'off' let it
 * through and the Journey panel says which applies.
 */
describe(`publish checks on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const docs = () => app.strapi.documents(ARTICLE as any);
  const publishedLocales = async (documentId: string) =>
    (await app.strapi.db.query(ARTICLE).findMany({ where: { documentId, publishedAt: { $notNull: true } }, select: ['locale'] })).map((r: any) => r.locale).sort();
  const draft = (title: string, ja?: string) => createEntry(app, ARTICLE, { title }, { publish: false, ...(ja ? { ja: { title: ja } } : {}) });
  const tag = (documentId: string, locale = 'en') => tagEntry(api, ARTICLE, documentId, { phases: [d.phases.decision], personas: [] }, locale).expect(200);
  const setChecks = (publishChecks: Record<string, string>) => api.put('/journey-map/settings', { publishChecks }).expect(200);

  beforeAll(async () => {
    app = await startStrapi('publish-checks');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('validates the setting: a 400 names the type; the content types list and the panel show the check', async () => {
    const unknown = await api.put('/journey-map/settings', { publishChecks: { 'api::nope.nope': 'require' } }).expect(400);
    expect(unknown.body.error.message).toMatch(/body\.publishChecks\.api::nope\.nope/);
    const bad = await api.put('/journey-map/settings', { publishChecks: { [ARTICLE]: 'always' } }).expect(400);
    expect(bad.body.error.message).toMatch(/body\.publishChecks/);
    await setChecks({ [ARTICLE]: 'require', [FAQ]: 'warn' });
    const types = (await api.get('/journey-map/content-types').expect(200)).body.data;
    expect(Object.fromEntries(types.map((t: any) => [t.uid, t.publishCheck]))).toMatchObject({ [ARTICLE]: 'require', [FAQ]: 'warn', 'api::landing-page.landing-page': 'off' });
    const id = await draft('Panel says require');
    expect((await api.get(`/journey-map/panel/${ARTICLE}/${id}?locale=en`).expect(200)).body.data.publishCheck).toBe('require');
  });

  it('require: the document service refuses to publish an untagged locale, and publishes once it is tagged', async () => {
    await setChecks({ [ARTICLE]: 'require' });
    const id = await draft('Untagged draft', '未タグの下書き');
    await expect(docs().publish({ documentId: id, locale: 'en' } as any)).rejects.toThrow(/has no journey phase in en yet.*Tag it with a phase in the Journey panel/);
    expect(await publishedLocales(id)).toEqual([]);

    await tag(id, 'en');
    await docs().publish({ documentId: id, locale: 'en' } as any);
    expect(await publishedLocales(id)).toEqual(['en']);
    // every locale at once: refused while ja has no tag, and nothing of it is published
    await expect(docs().publish({ documentId: id, locale: '*' } as any)).rejects.toThrow(/in ja yet/);
    expect(await publishedLocales(id)).toEqual(['en']);
    await tag(id, 'ja');
    await docs().publish({ documentId: id, locale: '*' } as any);
    expect(await publishedLocales(id)).toEqual(['en', 'ja']);
  });

  it('require: a create or an update with status "published" is checked too', async () => {
    await setChecks({ [ARTICLE]: 'require' });
    await expect(docs().create({ data: { title: 'Born published' }, locale: 'en', status: 'published' } as any)).rejects.toThrow(/has no journey phase in en/);
    expect(await app.strapi.db.query(ARTICLE).count({ where: { title: 'Born published' } })).toBe(0);
    const id = await draft('Updated to published');
    await expect(docs().update({ documentId: id, locale: 'en', data: { title: 'Updated to published!' }, status: 'published' } as any)).rejects.toThrow(/has no journey phase/);
    expect(await publishedLocales(id)).toEqual([]);
    await tag(id);
    await docs().update({ documentId: id, locale: 'en', data: { title: 'Updated to published!' }, status: 'published' } as any);
    expect(await publishedLocales(id)).toEqual(['en']);
  });

  it('require: the Content Manager answers 400 with what to do; a bulk publish with one untagged entry publishes none', async () => {
    await setChecks({ [ARTICLE]: 'require' });
    const [tagged, untagged] = [await draft('CM tagged'), await draft('CM untagged')];
    await tag(tagged);
    const refused = await api.post(`/content-manager/collection-types/${ARTICLE}/${untagged}/actions/publish?locale=en`, {}).expect(400);
    expect(refused.body.error.message).toMatch(/has no journey phase in en yet.*publish again/);
    await api.post(`/content-manager/collection-types/${ARTICLE}/${tagged}/actions/publish?locale=en`, {}).expect(200);
    expect(await publishedLocales(tagged)).toEqual(['en']);

    const more = await draft('CM bulk tagged');
    await tag(more);
    const bulk = await api.post(`/content-manager/collection-types/${ARTICLE}/actions/bulkPublish?locale=en`, { documentIds: [more, untagged] });
    expect(bulk.status).toBe(400);
    expect(bulk.body.error.message).toMatch(/has no journey phase/);
    expect([await publishedLocales(more), await publishedLocales(untagged)]).toEqual([[], []]);
  });

  it('warn and off let the publish through', async () => {
    for (const mode of ['warn', 'off']) {
      await setChecks(mode === 'off' ? {} : { [ARTICLE]: mode });
      const id = await draft(`Published under ${mode}`);
      await docs().publish({ documentId: id, locale: 'en' } as any);
      expect(await publishedLocales(id)).toEqual(['en']);
      expect((await api.get(`/journey-map/panel/${ARTICLE}/${id}?locale=en`).expect(200)).body.data.publishCheck).toBe(mode);
    }
  });

  it('concurrent publishes of tagged and untagged entries, and tag writes racing publishes: exactly the tagged ones are published', async () => {
    await setChecks({ [ARTICLE]: 'require' });
    for (let round = 0; round < 3; round += 1) {
      const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => draft(`Race ${round}.${i}`)));
      const taggedIds = ids.filter((_, i) => i % 2 === 0);
      for (const id of taggedIds) await tag(id);
      // The odd ones are tagged while they are being published: each publish is refused (tag came after)
      // or succeeds (tag came first), never published without a tag at its commit.
      const late = ids.filter((_, i) => i % 4 === 1);
      const results = await Promise.allSettled([
        ...ids.map((id) => docs().publish({ documentId: id, locale: 'en' } as any)),
        ...late.map((id) => tag(id)),
      ]);
      const published = new Set<string>();
      for (const id of ids) if ((await publishedLocales(id)).length) published.add(id);
      const taggedNow = new Set<string>();
      for (const id of ids) {
        const rows = await app.strapi.db.connection('jm_assignments').where({ content_type: ARTICLE, entry_document_id: id, entry_locale: 'en' });
        if (rows.length) taggedNow.add(id);
      }
      // Every tagged-before entry is published; no never-tagged entry is; the late ones are published only if tagged.
      for (const id of taggedIds) expect(published.has(id)).toBe(true);
      for (const id of ids.filter((_, i) => i % 4 === 3)) expect(published.has(id)).toBe(false);
      for (const id of late) if (published.has(id)) expect(taggedNow.has(id)).toBe(true);
      const refusals = results.slice(0, ids.length).filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(refusals.length).toBe(ids.length - published.size);
      for (const r of refusals) expect(String(r.reason?.message)).toMatch(/has no journey phase/);
    }
  });
});
