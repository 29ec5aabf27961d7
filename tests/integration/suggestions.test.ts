import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, LANDING, adminApi, createEntry, tagEntry, type AdminApi } from '../helpers/fixtures';
import { adminWithPermissions, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

/**
 * Tag suggestions on the playground's demo (the seed: 19 tagged entries of "Smartphone repair"), through
 * `GET /suggestions` and `GET /suggestions/quality`. The models are built in the background; the tests
 * wait for a build with the service's `rebuild` (what the cron and the tag writes start).
 */
describe(`tag suggestions on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let journey: string;
  let phases: Record<string, string>;
  let near: string;
  let manual: string;

  const rebuild = () => app.strapi.plugin('journey-map').service('suggestions').rebuild(journey);
  const quality = async (as = api) => (await as.get(`/journey-map/suggestions/quality?journey=${journey}`).expect(200)).body.data;
  const suggest = (documentId: string, as = api, uid = ARTICLE) =>
    as.get(`/journey-map/suggestions?journey=${journey}&contentType=${encodeURIComponent(uid)}&documentId=${documentId}&locale=en`);
  const settings = (patch: Record<string, number>) => api.put('/journey-map/settings', patch).expect(200);

  beforeAll(async () => {
    // the demo seed on; the first build after boot waits for the test to start it
    app = await startStrapi('suggestions', { PLAYGROUND_SEED: 'true', JOURNEY_MAP_SUGGESTIONS_AFTER_BOOT_MS: '3600000', JOURNEY_MAP_SUGGESTIONS_DEBOUNCE_MS: '20' });
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    const demo = (await api.get('/journey-map/journeys').expect(200)).body.data.find((j: any) => j.slug === 'smartphone-repair');
    journey = demo.documentId;
    const full = (await api.get(`/journey-map/journeys/${journey}`).expect(200)).body.data;
    phases = Object.fromEntries(full.phases.map((p: any) => [p.slug, p.documentId]));
    // Untagged near-duplicates of tagged demo entries.
    near = await createEntry(app, ARTICLE, { title: 'Cracked screen: should you repair or replace it?', slug: 'cracked-screen-decide', summary: 'How to decide between a screen repair and a new phone, with real prices.' });
    manual = await createEntry(app, ARTICLE, { title: 'The free manual: what to do when your smartphone breaks', slug: 'free-manual-article', summary: 'Download the manual.' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers "building" before the first build (and starts it in the background), never building inside the request', async () => {
    const s = (await suggest(near).expect(200)).body.data;
    expect(s).toMatchObject({ contentType: ARTICLE, documentId: near, locale: 'en', phases: [], personas: [] });
    expect(s.quality).toMatchObject({ status: 'building', tagged: 0, measured: 0, refusal: null, builtAt: null });
  });

  it('measures itself on the demo and refuses below the minimum of tagged entries, saying why', async () => {
    await rebuild();
    const q = await quality();
    // 19 tagged entries (16 English, 3 Japanese), each left out in turn: 4 hits (computed by the model)
    expect(q).toMatchObject({ status: 'ready', journey, tagged: 19, measured: 19, hits: 4, perTen: 2, refusal: 'too-few-tagged', minTagged: 20, minHitRate: 50 });
    expect(q.hitRate).toBeCloseTo(4 / 19, 10);
    const s = (await suggest(near).expect(200)).body.data;
    expect(s.quality.refusal).toBe('too-few-tagged');
    expect(s.phases).toEqual([]);
  });

  it('refuses below the minimum hit rate', async () => {
    await settings({ suggestionMinTagged: 10 });
    try {
      expect((await quality()).refusal).toBe('low-hit-rate');
      expect((await suggest(near).expect(200)).body.data).toMatchObject({ phases: [], personas: [], quality: { refusal: 'low-hit-rate', minTagged: 10 } });
    } finally {
      await settings({ suggestionMinTagged: 20 });
    }
  });

  describe('with the minimums lowered', () => {
    beforeAll(async () => {
      await settings({ suggestionMinTagged: 5, suggestionMinHitRate: 0 });
    });
    afterAll(async () => {
      await settings({ suggestionMinTagged: 20, suggestionMinHitRate: 50 });
    });

    it("suggests the phase of an entry's near-duplicates, with them as the reasons", async () => {
      const s = (await suggest(near).expect(200)).body.data;
      expect(s.quality.refusal).toBeNull();
      expect(s.phases[0]).toMatchObject({ documentId: phases.consideration, name: 'Consideration' });
      expect(s.phases[0].reasons[0]).toMatchObject({ contentType: ARTICLE, locale: 'en', title: 'Cracked screen: repair or replace?' });
      const m = (await suggest(manual).expect(200)).body.data;
      expect(m.phases.map((p: any) => p.name).slice(0, 2)).toEqual(['Consideration', 'Awareness']);
      const reasons = m.phases.flatMap((p: any) => p.reasons.map((r: any) => r.title));
      expect(reasons).toEqual(expect.arrayContaining(['What to do when your smartphone breaks', 'The broken phone manual']));
    });

    it('builds again after tag writes (debounced, off the request): an accepted suggestion is one more tagged entry', async () => {
      const service = app.strapi.plugin('journey-map').service('suggestions');
      const s = (await suggest(near).expect(200)).body.data;
      const before = (await quality()).builtAt;
      await tagEntry(api, ARTICLE, near, { phases: [s.phases[0].documentId], personas: [] }).expect(200);
      await service.settled();
      const after = await quality();
      expect(after.tagged).toBe(20);
      expect(after.builtAt >= before).toBe(true);
      await api.post('/journey-map/assignments/bulk', { contentType: ARTICLE, documentIds: [near], locale: 'en', mode: 'replace', phases: [] }).expect(200);
      await service.settled();
      expect((await quality()).tagged).toBe(19);
    });

    it('names only entries the caller may read as reasons, and refuses an entry the caller may not read', async () => {
      const cm = (action: string, subject: string) => ({ action: `plugin::content-manager.explorer.${action}`, subject, properties: { locales: ['en', 'ja'] } });
      const articlesOnly = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }, cm('read', ARTICLE)]));
      const m = (await suggest(manual, articlesOnly).expect(200)).body.data;
      const reasons = m.phases.flatMap((p: any) => p.reasons);
      expect(reasons.length).toBeGreaterThan(0);
      expect(reasons.filter((r: any) => r.contentType !== ARTICLE)).toEqual([]);
      expect(reasons.map((r: any) => r.title)).toContain('What to do when your smartphone breaks');

      const landingEntry = ((await app.strapi.documents(LANDING as any).findFirst({ filters: { slug: 'trade-in' }, locale: 'en' } as any)) as any).documentId;
      expect(typeof landingEntry).toBe('string');
      const refused = await suggest(landingEntry, articlesOnly, LANDING).expect(403);
      expect(refused.body.error.message).toContain(landingEntry);

      const faqOnly = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }, cm('read', FAQ)]));
      await suggest(near, faqOnly).expect(403);
      const noPlugin = adminApi(app, await adminWithPermissions(app, [cm('read', ARTICLE)]));
      await suggest(near, noPlugin).expect(403);
      await noPlugin.get(`/journey-map/suggestions/quality?journey=${journey}`).expect(403);
    });
  });

  it('answers 400 naming the field, and 404 for an unknown journey', async () => {
    const message = async (path: string) => (await api.get(path).expect(400)).body.error.message;
    expect(await message(`/journey-map/suggestions?contentType=${ARTICLE}&documentId=${near}`)).toMatch(/^query\.journey: /);
    expect(await message(`/journey-map/suggestions?journey=${journey}&contentType=article&documentId=${near}`)).toMatch(/^query\.contentType: /);
    expect(await message(`/journey-map/suggestions?journey=${journey}&contentType=${ARTICLE}&documentId=NOT-AN-ID`)).toMatch(/^query\.documentId: /);
    expect(await message(`/journey-map/suggestions?journey=${journey}&contentType=${ARTICLE}&documentId=${near}&locale=xx!`)).toMatch(/^query\.locale: /);
    expect(await message(`/journey-map/suggestions/quality`)).toMatch(/^query\.journey: /);
    expect(await message(`/journey-map/suggestions/quality?journey=${journey}&page=2`)).toMatch(/^query: /);
    expect((await api.put('/journey-map/settings', { suggestionMinHitRate: 101 }).expect(400)).body.error.message).toMatch(/^body\.suggestionMinHitRate: /);
    expect((await api.put('/journey-map/settings', { suggestionMinTagged: 0 }).expect(400)).body.error.message).toMatch(/^body\.suggestionMinTagged: /);
    await api.get('/journey-map/suggestions/quality?journey=no-such-journey').expect(404);
  });
});
