import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { seedSiteContent } from '../../playground/src/seed/site';
import { createTestDatabase, databaseClient } from '../helpers/database';
import { ARTICLE, adminApi } from '../helpers/fixtures';
import { PLAYGROUND, bootStrapi, registerSuperAdmin, type TestApp } from '../helpers/strapi';

/**
 * Installing the plugin into a site that already has content, and removing it again, must leave the site
 * exactly as it was: one database sees three boots (without the plugin, with it, without it again).
 */
const SITE_TYPES = [ARTICLE, 'api::faq.faq', 'api::landing-page.landing-page', 'api::case-study.case-study', 'api::home-page.home-page'];
const WITHOUT_PLUGIN = { PLAYGROUND_WITHOUT_PLUGIN: 'true' };
const SRC = path.join(PLAYGROUND, 'src');

/** sha256 over every file under `dir`: relative path and content, in sorted path order. */
function hashTree(dir: string) {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  const hash = crypto.createHash('sha256');
  for (const rel of files.sort()) {
    hash.update(rel).update('\0').update(fs.readFileSync(path.join(dir, rel))).update('\0');
  }
  return { digest: hash.digest('hex'), files: files.length };
}

async function countRows(app: TestApp) {
  const counts: Record<string, number> = {};
  for (const uid of SITE_TYPES) counts[uid] = await app.strapi.db.query(uid as any).count();
  return counts;
}

/** Every article row (each locale, draft and published), in a stable order. */
async function articleRows(app: TestApp) {
  const rows = await app.strapi.db.query(ARTICLE as any).findMany({
    select: ['id', 'documentId', 'locale', 'title', 'publishedAt', 'updatedAt'],
    orderBy: { id: 'asc' },
  });
  return rows.map((r: any) => ({
    id: r.id,
    documentId: r.documentId,
    locale: r.locale,
    title: r.title,
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}

const titlesOf = (rows: Array<{ title: string }>) => rows.map((r) => r.title).sort();
const entryKeys = (rows: Array<{ documentId: string; locale: string | null }>) =>
  [...new Set(rows.map((r) => `${r.documentId}|${r.locale}`))].sort();

describe(`install into an existing site and uninstall on ${databaseClient()}`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp | undefined;
  let srcHash: ReturnType<typeof hashTree>;
  let countsBefore: Record<string, number>;
  let rowsBefore: Awaited<ReturnType<typeof articleRows>>;

  const shutdown = async () => {
    const running = app;
    app = undefined;
    await running?.stop();
  };
  /** One Strapi at a time: a boot left running by a failed step is stopped first. */
  const boot = async (env: Record<string, string> = {}) => {
    await shutdown();
    app = await bootStrapi(db.env, env);
    return app;
  };

  beforeAll(async () => {
    srcHash = hashTree(SRC);
    db = await createTestDatabase('install_uninstall');
  });
  afterAll(async () => {
    await shutdown();
    await db?.drop();
  });

  it('boot 1, without the plugin: the site is seeded and has no trace of the plugin', async () => {
    const site = await boot(WITHOUT_PLUGIN);
    expect(site.strapi.plugin('journey-map')).toBeUndefined();
    expect(Object.keys(site.strapi.contentTypes).filter((uid) => uid.startsWith('plugin::journey-map.'))).toEqual([]);

    expect(await seedSiteContent(site.strapi)).toBeGreaterThan(0);
    countsBefore = await countRows(site);
    rowsBefore = await articleRows(site);
    for (const uid of SITE_TYPES) expect(countsBefore[uid]).toBeGreaterThan(0);
    expect(rowsBefore.length).toBe(countsBefore[ARTICLE]);
    expect(entryKeys(rowsBefore).length).toBeGreaterThan(1);

    const res = await site.http().get('/api/articles');
    expect([200, 403]).toContain(res.status);
    await shutdown();
  });

  it('boot 2, with the plugin: every existing article is in the audit, untagged; nothing of the site changes', async () => {
    const site = await boot();
    expect(site.strapi.plugin('journey-map')).toBeDefined();
    expect(await countRows(site)).toEqual(countsBefore);
    expect(await articleRows(site)).toEqual(rowsBefore);

    const api = adminApi(site, (await registerSuperAdmin(site)).token);
    await api.put('/journey-map/settings', { trackedContentTypes: [ARTICLE] }).expect(200);

    const expected = entryKeys(rowsBefore);
    expect(expected.length).toBeLessThanOrEqual(100);
    const audit = (await api.get(`/journey-map/audit?pageSize=100&contentType=${ARTICLE}`).expect(200)).body;
    expect(audit.meta.pagination.total).toBe(expected.length);
    expect(audit.data).toHaveLength(expected.length);
    expect(entryKeys(audit.data)).toEqual(expected);
    for (const row of audit.data) {
      expect(row.contentType).toBe(ARTICLE);
      expect(row.flags).toContain('untagged');
      expect(row.phases).toEqual([]);
    }
    expect(audit.meta.counts.untagged).toBe(expected.length);

    // Give the plugin data of its own before it is removed: a journey and one tagged article.
    const journey = (await api.post('/journey-map/journeys/from-preset', { preset: 'default', name: 'Install test' }).expect(200)).body.data;
    const phase = journey.phases[0].documentId as string;
    const article = rowsBefore.find((r) => r.locale === 'en')!;
    await api
      .put(`/journey-map/assignments/${ARTICLE}/${article.documentId}?locale=en`, { phases: [phase], personas: [] })
      .expect(200);
    const tagged = (await api.get(`/journey-map/audit?pageSize=100&contentType=${ARTICLE}`).expect(200)).body;
    expect(tagged.meta.counts.untagged).toBe(expected.length - 1);
    expect(tagged.data.find((r: any) => r.documentId === article.documentId && r.locale === 'en').flags).not.toContain('untagged');
    const assignments = await site.strapi.db.connection('jm_assignments').count({ n: '*' }).first();
    expect(Number((assignments as any).n)).toBe(1);

    expect(await countRows(site)).toEqual(countsBefore);
    expect(await articleRows(site)).toEqual(rowsBefore);
    await shutdown();
  });

  it('boot 3, plugin removed again: the site boots with its content exactly as before and still serves it', async () => {
    const site = await boot(WITHOUT_PLUGIN);
    expect(site.strapi.plugin('journey-map')).toBeUndefined();
    expect(await countRows(site)).toEqual(countsBefore);
    const rows = await articleRows(site);
    expect(titlesOf(rows)).toEqual(titlesOf(rowsBefore));
    expect(rows).toEqual(rowsBefore);

    const res = await site.http().get('/api/articles');
    expect(res.status).not.toBe(500);
    expect([200, 403]).toContain(res.status);
    // The plugin's tables are kept (listed in persisted_tables), so its data survives the removal.
    const kept = await site.strapi.db.connection('jm_assignments').count({ n: '*' }).first();
    expect(Number((kept as any).n)).toBe(1);
    await shutdown();
  });

  it('boot 4, plugin installed again: the journey and the tag are back', async () => {
    const site = await boot();
    const token = (await site.http().post('/admin/login').send({ email: 'lead@journey-map.test', password: 'Password1234' }).expect(200)).body.data.token;
    const api = adminApi(site, token);
    const journeys = (await api.get('/journey-map/journeys').expect(200)).body.data;
    expect(journeys.map((j: any) => j.name)).toEqual(['Install test']);
    const audit = (await api.get(`/journey-map/audit?pageSize=100&contentType=${ARTICLE}&flag=untagged`).expect(200)).body;
    expect(audit.meta.pagination.total).toBe(entryKeys(rowsBefore).length - 1);
    expect(await countRows(site)).toEqual(countsBefore);
    await shutdown();
  });

  it('never writes to the site\'s source files', () => {
    expect(hashTree(SRC)).toEqual(srcHash);
  });
});
