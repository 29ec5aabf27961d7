import path from 'path';
import request from 'supertest';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { createTestDatabase, databaseClient } from '../helpers/database';
import { adminApi } from '../helpers/fixtures';
import { COMPARISON_TABLES, FAQ_ITEMS, PAGES, TESTIMONIALS, UIDS } from '../sites/marketing/src/content';

/**
 * The plugin installed into a site shaped like real ones (tests/sites/marketing): pages from dynamic
 * zones whose Content Manager main field is documentId, types without a title-like field, a single type,
 * a long UID with a custom table name, German as the default of three locales, and every entry written
 * before the plugin was installed. Boots: without the plugin (seed), with it, without it, with it again.
 */
const SITE = path.resolve(__dirname, '..', 'sites', 'marketing');
const TRACKED = Object.values(UIDS);
const LOCALE_CODES = ['de', 'en', 'fr'];

interface Site {
  strapi: any;
  http: () => request.Agent;
  stop: () => Promise<void>;
}

async function bootSite(dbEnv: Record<string, string | undefined>, env: Record<string, string>): Promise<Site> {
  const previous = { ...process.env };
  const database = Object.fromEntries(Object.entries(dbEnv).filter(([, v]) => v !== undefined));
  Object.assign(process.env, database, {
    NODE_ENV: 'test',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_LOG_LEVEL: 'error',
    STRAPI_PLUGIN_I18N_INIT_LOCALE_CODE: 'de',
    JOURNEY_MAP_NOW: '',
    ...env,
  });
  const strapi = await createStrapi({ appDir: SITE, distDir: path.join(SITE, 'dist') }).load();
  strapi.log.level = 'error';
  await strapi.server.mount();
  return {
    strapi,
    http: () => request.agent(strapi.server.httpServer),
    async stop() {
      await strapi.destroy();
      process.env = previous;
    },
  };
}

/** Every row of the site's tables (ids, documentIds, locales, update times): what must never change. */
async function siteRows(site: Site) {
  const rows: Record<string, unknown[]> = {};
  for (const uid of TRACKED) {
    const found = await site.strapi.db.query(uid).findMany({ select: ['id', 'documentId', 'locale', 'updatedAt', 'publishedAt'], orderBy: { id: 'asc' } });
    rows[uid] = found.map((r: any) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString(), publishedAt: r.publishedAt && new Date(r.publishedAt).toISOString() }));
  }
  return rows;
}

const auditOf = async (api: ReturnType<typeof adminApi>, query: string) =>
  (await api.get(`/journey-map/audit?pageSize=100&${query}`).expect(200)).body;
const titlesOf = (rows: Array<{ title: string | null }>) => rows.map((r) => r.title).sort();

describe(`a realistic marketing site on ${databaseClient()}`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let site: Site | undefined;
  let rowsBefore: Awaited<ReturnType<typeof siteRows>>;
  const ids: Record<string, string> = {};

  const shutdown = async () => {
    const running = site;
    site = undefined;
    await running?.stop();
  };
  const boot = async (env: Record<string, string> = {}) => {
    await shutdown();
    site = await bootSite(db.env, env);
    return site;
  };
  const login = async (s: Site) =>
    adminApi(s as any, (await s.http().post('/admin/login').send({ email: 'lead@marketing.test', password: 'Password1234' }).expect(200)).body.data.token);

  beforeAll(async () => {
    await compileStrapi({ appDir: SITE, ignoreDiagnostics: true });
    db = await createTestDatabase('marketing');
  });
  afterAll(async () => {
    await shutdown();
    await db?.drop();
  });

  it('boot 1, before the plugin: the site is written with German as its default locale', async () => {
    const s = await boot({ MARKETING_WITHOUT_PLUGIN: 'true', MARKETING_SEED: 'true' });
    expect(s.strapi.plugin('journey-map')).toBeUndefined();
    expect(await s.strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('de');
    const cm = await s.strapi.plugin('content-manager').service('content-types').findConfiguration({ uid: UIDS.page });
    expect(cm.settings.mainField).toBe('documentId');
    expect(s.strapi.getModel(UIDS.comparisonTable).collectionName).toBe('mkt_cmp_tables');
    rowsBefore = await siteRows(s);
    const registered = await s.http().post('/admin/register-admin').send({ email: 'lead@marketing.test', password: 'Password1234', firstname: 'Lead', lastname: 'Marketer' });
    expect(registered.status).toBe(200);
    await shutdown();
  });

  it('boot 2, with the plugin: titles, the audit, settings, coverage and the content API fit the site', async () => {
    const s = await boot();
    expect(await siteRows(s)).toEqual(rowsBefore);
    const api = await login(s);
    await api.put('/journey-map/settings', { trackedContentTypes: TRACKED }).expect(200);

    // Titles: the automatic rule per type; never a locale code.
    const types = (await api.get('/journey-map/content-types').expect(200)).body.data;
    const byUid = Object.fromEntries(types.map((t: any) => [t.uid, t]));
    expect(Object.fromEntries(TRACKED.map((uid) => [uid, byUid[uid].mainField]))).toEqual({
      [UIDS.page]: 'path',
      [UIDS.faqItem]: 'question',
      [UIDS.testimonial]: 'documentId',
      [UIDS.announcement]: 'documentId',
      [UIDS.comparisonTable]: 'label',
      [UIDS.global]: 'siteName',
    });
    expect(byUid[UIDS.testimonial].titleFieldChoices).toEqual(['quote']);
    expect(byUid[UIDS.announcement].titleFieldChoices).toEqual([]);
    // a private field never titles entries, nor may it be chosen
    expect(byUid[UIDS.comparisonTable].titleFieldChoices).toEqual(['label']);
    expect(byUid[UIDS.page].entries).toBe(PAGES.length);

    const all = await auditOf(api, '');
    expect(all.data.filter((r: any) => LOCALE_CODES.includes(r.title))).toEqual([]);
    const expectedEntries = PAGES.reduce((n, p) => n + Object.keys(p).length, 0) + FAQ_ITEMS.reduce((n, f) => n + Object.keys(f).length, 0) + TESTIMONIALS.length + 2 + COMPARISON_TABLES.length + 2;
    expect(all.meta.pagination.total).toBe(expectedEntries);
    expect(all.meta.counts.untagged).toBe(expectedEntries);

    const pagesDe = await auditOf(api, `contentType=${UIDS.page}&locale=de`);
    expect(titlesOf(pagesDe.data)).toEqual(['/blog', '/kontakt', '/preise', '/ueber-uns']);
    const pagesFr = await auditOf(api, `contentType=${UIDS.page}&locale=fr`);
    expect(titlesOf(pagesFr.data)).toEqual(['/contact', '/tarifs']);
    expect(titlesOf((await auditOf(api, `contentType=${UIDS.comparisonTable}`)).data)).toEqual(COMPARISON_TABLES.map((t) => t.label).sort());
    expect(titlesOf((await auditOf(api, `contentType=${UIDS.global}`)).data)).toEqual(['Musterfirma', 'Sample Corp']);
    const faqEn = await auditOf(api, `contentType=${UIDS.faqItem}&locale=en`);
    expect(titlesOf(faqEn.data)).toEqual(['How do I cancel?', 'Is there a student discount?']);
    const testimonials = await auditOf(api, `contentType=${UIDS.testimonial}`);
    expect(testimonials.data.every((r: any) => r.title === r.documentId)).toBe(true);

    // Settings: a title field per type; refused when it is not a text field of that type.
    const badField = await api.put('/journey-map/settings', { titleFields: { [UIDS.page]: 'sections' } }).expect(400);
    expect(badField.body.error.message).toContain(`body.titleFields.${UIDS.page}`);
    await api.put('/journey-map/settings', { titleFields: { [UIDS.page]: 'locale' } }).expect(400);
    await api.put('/journey-map/settings', { titleFields: { [UIDS.comparisonTable]: 'internalNotes' } }).expect(400);
    await api.put('/journey-map/settings', { titleFields: { 'api::nope.nope': 'title' } }).expect(400);
    const saved = (await api.put('/journey-map/settings', { titleFields: { [UIDS.testimonial]: 'quote' } }).expect(200)).body.data;
    expect(saved.titleFields).toEqual({ [UIDS.testimonial]: 'quote' });
    expect(titlesOf((await auditOf(api, `contentType=${UIDS.testimonial}`)).data)).toEqual(TESTIMONIALS.map((t) => t.quote).sort());

    // Two saves of the title field at once: the copied titles follow the choice that is stored.
    for (let round = 0; round < 4; round += 1) {
      const statuses = (
        await Promise.all([
          api.put('/journey-map/settings', { titleFields: { [UIDS.testimonial]: 'quote' } }),
          api.put('/journey-map/settings', { titleFields: {} }),
        ])
      ).map((r) => r.status);
      // 409: a concurrent settings write refused (never both)
      expect(statuses.every((st) => st === 200 || st === 409) && statuses.includes(200)).toBe(true);
      const stored = (await api.get('/journey-map/settings').expect(200)).body.data.titleFields[UIDS.testimonial] ?? null;
      const rows = (await auditOf(api, `contentType=${UIDS.testimonial}`)).data;
      expect(titlesOf(rows)).toEqual(stored === 'quote' ? TESTIMONIALS.map((t) => t.quote).sort() : rows.map((r: any) => r.documentId).sort());
    }
    await api.put('/journey-map/settings', { titleFields: { [UIDS.testimonial]: 'quote' } }).expect(200);

    // Tag entries written before the install; coverage counts them, the audit names them.
    const journey = (await api.post('/journey-map/journeys/from-preset', { preset: 'default', name: 'Marketing site' }).expect(200)).body.data;
    const phase = (name: string) => journey.phases.find((p: any) => p.name === name).documentId as string;
    const find = (rows: any[], title: string) => rows.find((r) => r.title === title).documentId as string;
    ids.preise = find(pagesDe.data, '/preise');
    ids.basicVsPro = find((await auditOf(api, `contentType=${UIDS.comparisonTable}`)).data, 'Basic vs Pro');
    ids.draftTable = find((await auditOf(api, `contentType=${UIDS.comparisonTable}`)).data, 'Enterprise vs Custom (draft)');
    ids.cancel = find(faqEn.data, 'How do I cancel?');
    ids.sunday = find((await auditOf(api, `contentType=${UIDS.testimonial}`)).data, TESTIMONIALS[1].quote);
    const tag = (uid: string, documentId: string, phases: string[], locale?: string) =>
      api.put(`/journey-map/assignments/${uid}/${documentId}${locale ? `?locale=${locale}` : ''}`, { phases, personas: [] }).expect(200);
    await tag(UIDS.page, ids.preise, [phase('Decision')], 'de');
    await tag(UIDS.page, ids.preise, [phase('Decision')], 'en');
    await tag(UIDS.comparisonTable, ids.basicVsPro, [phase('Decision')]);
    await tag(UIDS.comparisonTable, ids.draftTable, [phase('Decision')]);
    await tag(UIDS.faqItem, ids.cancel, [phase('Retention')], 'de');
    await tag(UIDS.testimonial, ids.sunday, [phase('Advocacy')]);

    const coverageDe = (await api.get(`/journey-map/coverage?journey=${journey.slug}&locale=de`).expect(200)).body.data;
    const entriesOf = (data: any) => Object.fromEntries(data.phases.map((p: any) => [p.name, p.entries]));
    // The draft-only table does not count (drafts off); types without i18n count in every locale.
    expect(entriesOf(coverageDe)).toEqual({ Awareness: 0, Consideration: 0, Decision: 2, Purchase: 0, Retention: 1, Advocacy: 1 });
    const coverageFr = (await api.get(`/journey-map/coverage?journey=${journey.slug}&locale=fr`).expect(200)).body.data;
    expect(entriesOf(coverageFr)).toEqual({ Awareness: 0, Consideration: 0, Decision: 1, Purchase: 0, Retention: 0, Advocacy: 1 });

    const decision = await auditOf(api, `journey=${journey.slug}&phase=${phase('Decision')}`);
    expect(titlesOf(decision.data)).toEqual(['/preise', '/pricing', 'Basic vs Pro', 'Enterprise vs Custom (draft)']);
    const csv = (await api.get(`/journey-map/audit?format=csv&journey=${journey.slug}&phase=${phase('Advocacy')}`).expect(200)).text;
    expect(csv).toContain(TESTIMONIALS[1].quote);

    // Snapshots keep the titles too.
    const snapshot = (await api.post('/journey-map/snapshots', { journey: journey.slug }).expect(200)).body.data;
    const stored = (await api.get(`/journey-map/snapshots/${snapshot.documentId}`).expect(200)).body.data;
    expect(JSON.stringify(stored)).not.toMatch(/"title":"(de|en|fr)"/);

    // The content API: published entries of the cell, titled like the audit, private fields removed.
    const { accessKey } = await s.strapi.service('admin::api-token').create({ name: 'front end', type: 'read-only', lifespan: null, description: '' });
    const content = (
      await s.http().get(`/api/journey-map/content?journey=${journey.slug}&phase=decision&locale=de`).set('Authorization', `Bearer ${accessKey}`).expect(200)
    ).body.data;
    expect(content.entries.map((e: any) => e.title).sort()).toEqual(['/preise', 'Basic vs Pro']);
    const table = content.entries.find((e: any) => e.contentType === UIDS.comparisonTable);
    expect(table.fields.internalNotes).toBeUndefined();

    expect(await siteRows(s)).toEqual(rowsBefore);
    await shutdown();
  });

  it('boot 3, plugin removed: the site is as it was', async () => {
    const s = await boot({ MARKETING_WITHOUT_PLUGIN: 'true' });
    expect(s.strapi.plugin('journey-map')).toBeUndefined();
    expect(await siteRows(s)).toEqual(rowsBefore);
    await shutdown();
  });

  it('boot 4, installed again: the tags, the chosen title field and the titles are back', async () => {
    const s = await boot();
    const api = await login(s);
    const settings = (await api.get('/journey-map/settings').expect(200)).body.data;
    expect(settings.titleFields).toEqual({ [UIDS.testimonial]: 'quote' });
    const tagged = await auditOf(api, 'flag=untagged');
    const all = await auditOf(api, '');
    expect(all.meta.pagination.total - tagged.meta.pagination.total).toBe(6);
    expect(titlesOf(all.data.filter((r: any) => r.phases.length))).toEqual(
      ['/preise', '/pricing', 'Basic vs Pro', 'Enterprise vs Custom (draft)', 'Wie kündige ich?', TESTIMONIALS[1].quote].sort()
    );
    expect(await siteRows(s)).toEqual(rowsBefore);
    await shutdown();
  });
});
