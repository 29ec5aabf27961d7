import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, ensureJapanese, tagEntry, type AdminApi } from '../helpers/fixtures';
import { registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

describe(`content API on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const ids: Record<string, string> = {};

  /**
   * Grants the Users & Permissions public role the plugin's content API actions and `find` on the site's
   * types, as a site owner would (the content API lists only entries of types the caller may find).
   */
  async function grantPublic() {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    for (const action of ['plugin::journey-map.journey.findOne', 'plugin::journey-map.content.find', `${ARTICLE}.find`, `${FAQ}.find`]) {
      await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
  }

  beforeAll(async () => {
    app = await startStrapi('delivery');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
    const tag = (uid: string, id: string, body: unknown, locale = 'en') => tagEntry(api, uid, id, body, locale).expect(200);
    ids.exact = await createEntry(app, ARTICLE, { title: 'For busy parents', summary: 'exact' }, { ja: { title: '忙しい親へ' } });
    await tag(ARTICLE, ids.exact, { phases: [d.phases.consideration], personas: [d.personas.parent] });
    await tag(ARTICLE, ids.exact, { phases: [d.phases.consideration], personas: [d.personas.parent] }, 'ja');
    ids.all = await createEntry(app, FAQ, { question: 'For everyone in consideration' });
    await tag(FAQ, ids.all, { phases: [d.phases.consideration] });
    ids.draft = await createEntry(app, ARTICLE, { title: 'Unpublished' }, { publish: false });
    await tag(ARTICLE, ids.draft, { phases: [d.phases.consideration], personas: [d.personas.parent] });
    ids.decision = await createEntry(app, ARTICLE, { title: 'Decision for techies' });
    await tag(ARTICLE, ids.decision, { phases: [d.phases.decision], personas: [d.personas.techie] });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is not public until a Users & Permissions role is granted', async () => {
    await app.http().get(`/api/journey-map/journeys/${d.slug}`).expect(403);
    await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=consideration`).expect(403);
    await grantPublic();
  });

  it('serves the journey with ordered phases, personas and CTAs', async () => {
    const body = (await app.http().get(`/api/journey-map/journeys/${d.slug}`).expect(200)).body.data;
    expect(body.phases.map((p: any) => p.slug)).toEqual(['awareness', 'consideration', 'decision', 'purchase', 'retention', 'advocacy']);
    expect(body.personas).toHaveLength(2);
    expect(body.phases[1].ctas[0]).toMatchObject({ label: 'Download the manual on what to do when your smartphone breaks', kpi: { metric: 'manual downloads', target: 500, period: 'month' } });
    await app.http().get('/api/journey-map/journeys/no-such-journey').expect(404);
    expect((await app.http().get('/api/journey-map/journeys/Bad%20Slug').expect(400)).body.error.message).toMatch(/params\.slug/);
  });

  it('returns the published entries of a cell, exact matches first, then the phase for all personas', async () => {
    const slug = (await api.get(`/journey-map/personas?journey=${d.journey}`).expect(200)).body.data.find((p: any) => p.documentId === d.personas.parent).slug;
    const body = (await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=consideration&persona=${slug}`).expect(200)).body.data;
    expect(body.entries.map((e: any) => [e.documentId, e.match])).toEqual([
      [ids.exact, 'exact'],
      [ids.all, 'phase'],
    ]);
    expect(body.entries[0]).toMatchObject({ contentType: ARTICLE, title: 'For busy parents', locale: 'en', fields: { summary: 'exact' } });
    expect(body.cta.label).toBe('Download the manual on what to do when your smartphone breaks');
    expect(body.nextPhase).toMatchObject({ slug: 'decision', cta: null });

    const ja = (await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=consideration&persona=${slug}&locale=ja`).expect(200)).body.data;
    expect(ja.entries.map((e: any) => e.title)).toEqual(['忙しい親へ']);
  });

  it('falls back to the next phase when the cell has nothing, and says so', async () => {
    const techie = (await api.get(`/journey-map/personas?journey=${d.journey}`).expect(200)).body.data.find((p: any) => p.documentId === d.personas.techie).slug;
    const body = (await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=awareness&persona=${techie}`).expect(200)).body.data;
    expect(body.servedPhase.slug).toBe('consideration');
    expect(body.entries.map((e: any) => [e.documentId, e.match])).toEqual([[ids.all, 'next-phase']]);
  });

  it('validates the query and answers 404 for unknown phases or personas', async () => {
    await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=nowhere`).expect(404);
    await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=awareness&persona=nobody`).expect(404);
    expect((await app.http().get(`/api/journey-map/content?journey=${d.slug}`).expect(400)).body.error.message).toMatch(/query\.phase/);
    expect((await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=awareness&limit=5000`).expect(400)).body.error.message).toMatch(/query\.limit/);
  });
});
