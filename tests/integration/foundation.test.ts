import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';
import { seedSiteContent } from '../../playground/src/seed/site';
import { seedDemoJourney } from '../../playground/src/seed/journey';
import { databaseClient } from '../helpers/database';

const SITE_TYPES = ['api::article.article', 'api::faq.faq', 'api::landing-page.landing-page', 'api::case-study.case-study', 'api::home-page.home-page'];

async function countRows(app: TestApp) {
  const counts: Record<string, number> = {};
  for (const uid of SITE_TYPES) counts[uid] = await app.strapi.db.query(uid as any).count();
  return counts;
}

describe(`foundation on ${databaseClient()}`, () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startStrapi('foundation');
    token = (await registerSuperAdmin(app)).token;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('boots the playground with the plugin and its content types', () => {
    expect(app.strapi.plugin('journey-map')).toBeDefined();
    for (const name of ['journey', 'phase', 'persona', 'cta', 'assignment']) {
      expect(app.strapi.contentTypes[`plugin::journey-map.${name}` as any]).toBeDefined();
    }
    expect(app.strapi.db.config.connection.client).toBe(databaseClient() === 'sqlite' ? 'sqlite' : databaseClient());
  });

  it('hides the journey model from the Content Manager and the Content-Type Builder (the plugin\'s pages edit it)', async () => {
    const auth = (r: any) => r.set('Authorization', `Bearer ${token}`);
    const cm = (await auth(app.http().get('/content-manager/content-types')).expect(200)).body.data;
    const ctb = (await auth(app.http().get('/content-type-builder/content-types')).expect(200)).body.data;
    for (const name of ['journey', 'phase', 'persona', 'cta', 'assignment']) {
      const uid = `plugin::journey-map.${name}`;
      expect(cm.find((t: any) => t.uid === uid)?.isDisplayed).toBe(false);
      expect(ctb.find((t: any) => t.uid === uid)?.schema.visible).toBe(false);
    }
  });

  it('registers the four RBAC actions', async () => {
    const actions = app.strapi.service('admin::permission').actionProvider.values().map((a: any) => a.actionId);
    expect(actions).toEqual(
      expect.arrayContaining(['read', 'tag', 'manage', 'settings'].map((a) => `plugin::journey-map.${a}`))
    );
  });

  it('seeds the demo site content once: a second run adds nothing', async () => {
    const created = await seedSiteContent(app.strapi);
    expect(created).toBe(32);
    const first = await countRows(app);
    const articlesJa = await app.strapi.documents('api::article.article' as any).findMany({ locale: 'ja', status: 'draft' } as any);
    expect(articlesJa.length).toBeGreaterThanOrEqual(5);
    expect(articlesJa.map((a: any) => a.title)).toContain('スマートフォンが壊れたときにすること');

    expect(await seedSiteContent(app.strapi)).toBe(0);
    expect(await countRows(app)).toEqual(first);

    const old = await app.strapi.db.connection('articles').where({ slug: 'kumo-x3-launch' }).first();
    expect(clockOf(app).now().getTime() - new Date(Number(old.updated_at) || old.updated_at).getTime()).toBeGreaterThan(800 * 86400000);
    const oldPublished = await app.strapi.documents('api::article.article' as any).findFirst({ filters: { slug: 'kumo-x3-launch' }, status: 'published' } as any);
    expect(oldPublished?.title).toBe('Meet the Kumo X3');
  });

  it('seeds the demo journey once, with CTAs, tags and gaps left for the content map', async () => {
    expect(await seedDemoJourney(app.strapi)).toBe(true);
    const tags = await app.strapi.db.connection('jm_assignments').count({ count: '*' }).first();
    expect(await seedDemoJourney(app.strapi)).toBe(false);
    expect(await app.strapi.db.connection('jm_assignments').count({ count: '*' }).first()).toEqual(tags);
    expect(Number((tags as any).count)).toBeGreaterThan(15);

    const res = await app.http().get('/journey-map/coverage?journey=smartphone-repair').set('Authorization', `Bearer ${token}`).expect(200);
    const c = res.body.data;
    expect(c.phases.map((p: any) => p.name)).toEqual(['Awareness', 'Consideration', 'Decision', 'Purchase', 'Retention', 'Advocacy']);
    expect(c.personas.map((p: any) => p.name)).toEqual(['Busy parent', 'Tech enthusiast', 'Small business owner']);
    expect(c.totals.gap).toBeGreaterThan(0);
    expect(c.totals.ok).toBeGreaterThan(0);
    expect(c.phases.find((p: any) => p.slug === 'advocacy').flags).toEqual({ lacksContent: true, noCta: true });
    expect(c.phases.find((p: any) => p.slug === 'consideration').ctas[0].label).toBe('Download the manual on what to do when your smartphone breaks');
  });

  it('answers the plugin admin API for an authenticated admin, and 401 without a token', async () => {
    const res = await app.http().get('/journey-map/content-types').set('Authorization', `Bearer ${token}`).expect(200);
    const article = res.body.data.find((t: any) => t.uid === 'api::article.article');
    expect(article).toMatchObject({ displayName: 'Article', localized: true, draftAndPublish: true, tracked: true, mainField: 'title' });
    expect(res.body.data.find((t: any) => t.uid === 'api::home-page.home-page')).toMatchObject({ kind: 'singleType', tracked: false, entries: 1 });
    expect(article.entries).toBe(16);
    await app.http().get('/journey-map/content-types').expect(401);
  });
});
