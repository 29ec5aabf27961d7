import { databaseClient } from '../helpers/database';
import { ARTICLE, LANDING, adminApi, createEntry, demoJourney, ensureJapanese, tagEntry, type AdminApi } from '../helpers/fixtures';
import { adminWithPermissions, clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

const DAY = 24 * 60 * 60 * 1000;

/** `GET /journey-map/panel/:uid/:documentId`: what the Content Manager's Journey panel says about one entry. */
describe(`the Journey panel's explanation on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;

  const panel = async (documentId: string, locale = 'en') =>
    (await api.get(`/journey-map/panel/${ARTICLE}/${documentId}?locale=${locale}`).expect(200)).body.data;
  const cell = (p: any, phase: string, persona: string) => p.cells.find((c: any) => c.phase === phase && c.persona === persona);

  beforeAll(async () => {
    app = await startStrapi('panel');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('says a published, fresh entry counts, and what each cell has without it', async () => {
    const fresh = await createEntry(app, ARTICLE, { title: 'Fresh and published' });
    const other = await createEntry(app, ARTICLE, { title: 'Another entry' });
    await tagEntry(api, ARTICLE, other, { phases: [d.phases.awareness], personas: [] }).expect(200);

    const before = await panel(fresh);
    expect(before.entry).toMatchObject({ title: 'Fresh and published', exists: true, published: true, counts: true, reason: null, otherLocales: [] });
    expect(before.tags).toEqual({ phases: [], personas: [], allPersonasPhases: [], cta: null });
    expect(before.journeys.map((j: any) => j.documentId)).toEqual([d.journey]);
    expect(before.cells).toHaveLength(12);
    expect(cell(before, d.phases.awareness, d.personas.parent)).toMatchObject({ others: 1, min: 1, state: 'ok', stateWith: 'ok' });
    expect(cell(before, d.phases.decision, d.personas.parent)).toMatchObject({ others: 0, min: 1, state: 'gap', stateWith: 'ok' });

    // Its own saved tags are left out: the cell still says what the other entries give it.
    await tagEntry(api, ARTICLE, fresh, { phases: [d.phases.decision], personas: [d.personas.parent] }).expect(200);
    const after = await panel(fresh);
    expect(after.tags).toMatchObject({ phases: [d.phases.decision], personas: [d.personas.parent] });
    expect(cell(after, d.phases.decision, d.personas.parent)).toMatchObject({ others: 0, state: 'gap', stateWith: 'ok' });
    const coverage = (await api.get(`/journey-map/coverage?journey=${d.journey}&locale=en`).expect(200)).body.data;
    expect(coverage.cells.find((c: any) => c.phase === d.phases.decision && c.persona === d.personas.parent).count).toBe(1);
  });

  it('says a draft does not count yet, and that it counts when drafts count', async () => {
    const draft = await createEntry(app, ARTICLE, { title: 'Only a draft' }, { publish: false });
    await tagEntry(api, ARTICLE, draft, { phases: [d.phases.purchase], personas: [] }).expect(200);
    const p = await panel(draft);
    expect(p.entry).toMatchObject({ exists: true, published: false, publishedUpdatedAt: null, counts: false, reason: 'draft', staleSince: null });
    expect(cell(p, d.phases.purchase, d.personas.techie)).toMatchObject({ others: 0, state: 'gap', stateWith: 'ok' });

    await api.put('/journey-map/settings', { includeDrafts: true }).expect(200);
    try {
      const counted = await panel(draft);
      expect(counted.rules).toEqual({ includeDrafts: true, staleAfterDays: 365 });
      expect(counted.entry).toMatchObject({ counts: true, reason: null });
      // now it counts, so its own tag is taken out of the cell's other entries
      expect(cell(counted, d.phases.purchase, d.personas.techie)).toMatchObject({ others: 0, state: 'gap' });
    } finally {
      await api.put('/journey-map/settings', { includeDrafts: false }).expect(200);
    }
  });

  it('says since when a stale entry no longer counts', async () => {
    const old = await createEntry(app, ARTICLE, { title: 'Old article' });
    await tagEntry(api, ARTICLE, old, { phases: [d.phases.advocacy], personas: [d.personas.techie] }).expect(200);
    const updated = new Date(clockOf(app).now().getTime() - 400 * DAY);
    await app.strapi.db.connection('articles').where({ document_id: old }).update({ updated_at: updated });
    await app.strapi.plugin('journey-map').service('entryStates').repair();

    const p = await panel(old);
    expect(p.entry).toMatchObject({ published: true, counts: false, reason: 'stale', publishedUpdatedAt: updated.toISOString() });
    expect(p.entry.staleSince).toBe(new Date(updated.getTime() + 365 * DAY).toISOString());
    // the stale entry's tag does not count, so nothing is taken out: the cell is a gap it would close
    expect(cell(p, d.phases.advocacy, d.personas.techie)).toMatchObject({ others: 0, state: 'gap', stateWith: 'ok' });
  });

  it('names the locale: a locale without a version, and a draft locale next to a published one', async () => {
    const enOnly = await createEntry(app, ARTICLE, { title: 'English only' });
    const p = await panel(enOnly, 'ja');
    expect(p.locale).toBe('ja');
    expect(p.entry).toMatchObject({ exists: false, counts: false, reason: 'missing-locale', otherLocales: [{ locale: 'en', counts: true, reason: null }] });

    const both = await createEntry(app, ARTICLE, { title: 'Published in English' }, { publish: false, ja: { title: '日本語の下書き' } });
    await app.strapi.documents(ARTICLE as any).publish({ documentId: both, locale: 'en' } as any);
    const ja = await panel(both, 'ja');
    expect(ja.entry).toMatchObject({ title: '日本語の下書き', counts: false, reason: 'draft', otherLocales: [{ locale: 'en', counts: true, reason: null }] });
  });

  it('counts thin cells against the phase minimum and marks cells the journey excludes', async () => {
    await api.put(`/journey-map/phases/${d.phases.retention}`, { minContentPerPersona: 3 }).expect(200);
    await api.put(`/journey-map/journeys/${d.journey}`, { excludedCells: [{ phase: d.phases.retention, persona: d.personas.techie }] }).expect(200);
    const one = await createEntry(app, ARTICLE, { title: 'Retention one' });
    await tagEntry(api, ARTICLE, one, { phases: [d.phases.retention], personas: [] }).expect(200);
    const probe = await createEntry(app, ARTICLE, { title: 'Probe' });
    const p = await panel(probe);
    expect(cell(p, d.phases.retention, d.personas.parent)).toMatchObject({ others: 1, min: 3, state: 'thin', stateWith: 'thin' });
    expect(cell(p, d.phases.retention, d.personas.techie)).toMatchObject({ state: 'not-applicable', stateWith: 'not-applicable' });
  });

  it('refuses untracked types, unknown locales and entries with 400/404 naming the field', async () => {
    const article = await createEntry(app, ARTICLE, { title: 'Any' });
    const untracked = await api.get(`/journey-map/panel/${LANDING}/${article}`).expect(400);
    expect(untracked.body.error.message).toMatch(/^params\.uid: /);
    const locale = await api.get(`/journey-map/panel/${ARTICLE}/${article}?locale=xx`).expect(400);
    expect(locale.body.error.message).toMatch(/^query\.locale: /);
    const extra = await api.get(`/journey-map/panel/${ARTICLE}/${article}?page=2`).expect(400);
    expect(extra.body.error.message).toMatch(/query/);
    await api.get(`/journey-map/panel/${ARTICLE}/abcdefghijklmnopqrstuvwx`).expect(404);
  });

  it('needs the "read" action and the right to read that type in the Content Manager', async () => {
    const article = await createEntry(app, ARTICLE, { title: 'Guarded' });
    const path = `/journey-map/panel/${ARTICLE}/${article}?locale=en`;
    const noRead = await adminWithPermissions(app, [{ action: 'plugin::journey-map.tag' }, { action: 'plugin::content-manager.explorer.read', subject: ARTICLE }]);
    await app.http().get(path).set('Authorization', `Bearer ${noRead}`).expect(403);
    const noCm = await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }]);
    await app.http().get(path).set('Authorization', `Bearer ${noCm}`).expect(403);
    // Read on the article in its locale, as the Content Manager grants it (a localized type's permission names its locales).
    const reader = await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }, { action: 'plugin::content-manager.explorer.read', subject: ARTICLE, properties: { locales: ['en'] } }]);
    const res = await app.http().get(path).set('Authorization', `Bearer ${reader}`).expect(200);
    expect(res.body.data.entry.title).toBe('Guarded');
  });

  it('gives the list column each entry\'s personas next to its phases', async () => {
    const a = await createEntry(app, ARTICLE, { title: 'For the parent' });
    const b = await createEntry(app, ARTICLE, { title: 'For everyone' });
    await tagEntry(api, ARTICLE, a, { phases: [d.phases.awareness, d.phases.decision], personas: [d.personas.parent] }).expect(200);
    await tagEntry(api, ARTICLE, b, { phases: [d.phases.awareness], personas: [] }).expect(200);
    const list = (await api.get(`/journey-map/assignments/${ARTICLE}?documentIds=${a},${b}&locale=en`).expect(200)).body.data;
    expect(list.entries[a].map((p: any) => p.documentId).sort()).toEqual([d.phases.awareness, d.phases.decision].sort());
    expect(list.personas).toEqual({ [a]: [{ documentId: d.personas.parent, name: 'Busy parent Smartphone repair' }], [b]: [] });
  });
});
