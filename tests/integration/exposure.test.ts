import { createHash, createHmac } from 'crypto';
import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';
import { dayKey, visitorHash, visitorSecret } from '../../server/src/measure/visitor-key';

/**
 * What the plugin exposes to the site's API callers and what it leaves behind: the content API answers
 * only what the caller could read through the site's own API. One booted Strapi for every section.
 */
describe(`exposure on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startStrapi('exposure');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
    ids.article = await createEntry(app, ARTICLE, {
      title: 'Cracked screen: repair or replace?',
      summary: 'What a repair costs',
      readingMinutes: 4,
      internalNotes: 'Legal has not approved the price table yet',
    });
    ids.faq = await createEntry(app, FAQ, { question: 'Is water damage covered?', answer: 'Only with Kumo Care.' });
    for (const [uid, id] of [[ARTICLE, ids.article], [FAQ, ids.faq]]) {
      await tagEntry(api, uid, id, { phases: [d.phases.consideration], personas: [] }).expect(200);
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('content API', () => {
    /** A Users & Permissions role's grants, as Settings → Users & Permissions → Roles would write them. */
    async function grant(roleType: string, actions: string[]) {
      const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } });
      for (const action of actions) await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
    /** An API token made through the admin API, as Settings → API Tokens would. */
    async function apiToken(name: string, type: 'read-only' | 'full-access' | 'custom', permissions: string[] = []) {
      const res = await api.post('/admin/api-tokens', { name, type, lifespan: null, description: '', ...(type === 'custom' ? { permissions } : {}) }).expect(201);
      return res.body.data.accessKey as string;
    }
    /** A Users & Permissions user of a new role holding `actions`, logged in through the site's auth route. */
    async function siteUser(actions: string[]) {
      const role = await app.strapi.db.query('plugin::users-permissions.role').create({ data: { name: 'Partner', type: 'partner', description: 'FAQ only' } });
      for (const action of actions) await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
      await app.strapi.plugin('users-permissions').service('user').add({
        username: 'partner', email: 'partner@journey-map.test', password: 'Password1234', provider: 'local', confirmed: true, blocked: false, role: role.id,
      });
      const res = await app.http().post('/api/auth/local').send({ identifier: 'partner@journey-map.test', password: 'Password1234' }).expect(200);
      return res.body.jwt as string;
    }

    const CONTENT = 'plugin::journey-map.content.find';
    const SITE_LIST = { [ARTICLE]: '/api/articles', [FAQ]: '/api/faqs' } as Record<string, string>;

    /**
     * Calls the content API and the site's own list route of each tracked type as the same caller, and
     * checks that the entries of exactly `readable` types come back, each with the fields the site returns.
     */
    async function compare(bearer: string | null, readable: string[]) {
      const as = (r: any) => (bearer ? r.set('Authorization', `Bearer ${bearer}`) : r);
      const res = await as(app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=consideration`)).expect(200);
      const entries = res.body.data.entries as Array<{ contentType: string; documentId: string; fields: Record<string, unknown> }>;
      expect(entries.map((e) => e.contentType).sort()).toEqual([...readable].sort());
      for (const uid of [ARTICLE, FAQ]) {
        const site = await as(app.http().get(`${SITE_LIST[uid]}?locale=en`));
        if (!readable.includes(uid)) {
          expect(site.status).toBe(403);
          continue;
        }
        expect(site.status).toBe(200);
        const ours = entries.find((e) => e.contentType === uid)!;
        const theirs = site.body.data.find((e: any) => e.documentId === ours.documentId);
        expect(Object.keys(ours.fields).sort()).toEqual(Object.keys(theirs).sort());
        expect(ours.fields).toEqual(theirs);
      }
      return entries;
    }

    it('leaves out types the public role may not find, and private fields', async () => {
      await grant('public', [CONTENT]);
      expect(await compare(null, [])).toEqual([]);
      await grant('public', [`${ARTICLE}.find`]);
      const [article] = await compare(null, [ARTICLE]);
      expect(article.fields).toMatchObject({ title: 'Cracked screen: repair or replace?', summary: 'What a repair costs', readingMinutes: 4 });
      expect(article.fields).not.toHaveProperty('internalNotes');
      const stored = await app.strapi.documents(ARTICLE as any).findOne({ documentId: ids.article, locale: 'en' } as any);
      expect((stored as any).internalNotes).toBe('Legal has not approved the price table yet');
    });

    it('follows a Users & Permissions role of a signed-in user', async () => {
      const jwt = await siteUser([CONTENT, `${FAQ}.find`]);
      await compare(jwt, [FAQ]);
    });

    it('follows API tokens: read-only and full access read every type, a custom token its scopes', async () => {
      await compare(await apiToken('read-only', 'read-only'), [ARTICLE, FAQ]);
      await compare(await apiToken('full-access', 'full-access'), [ARTICLE, FAQ]);
      await compare(await apiToken('faq', 'custom', [CONTENT, `${FAQ}.find`]), [FAQ]);
      // findOne alone does not list a type through the site's API, so it does not here either.
      await compare(await apiToken('article one', 'custom', [CONTENT, `${ARTICLE}.findOne`]), []);
      const none = await apiToken('events', 'custom', ['plugin::journey-map.events.ingest']);
      await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=consideration`).set('Authorization', `Bearer ${none}`).expect(403);
    });
  });

  describe('visitor data', () => {
    const k = () => app.strapi.db.connection;
    const SESSION = 'visitor-session-7f3a9c51d0e84b7c';
    // supertest connects over loopback; Strapi sees one of these as the client address.
    const ADDRESSES = ['127.0.0.1', '::ffff:127.0.0.1', '::1'];
    let address: string | undefined;
    const post = (body: unknown) => app.http().post('/api/journey-map/events').send(body as object).expect(200);

    /** Every row of the plugin's tables and of Strapi's core store (where plugins keep their settings). */
    async function dump() {
      const tables: string[] = (await app.strapi.db.dialect.schemaInspector.getTables()).filter((t: string) => t.startsWith('jm_'));
      expect(tables).toEqual(expect.arrayContaining(['jm_visitor_sessions', 'jm_rate_windows']));
      const rows: unknown[] = [];
      for (const table of [...tables, 'strapi_core_store_settings']) rows.push(...(await k()(table).select('*')));
      return JSON.stringify(rows);
    }

    afterAll(() => clockOf(app).reset());

    it('stores client addresses and sessions only as hashes keyed with a secret that is not in the database', async () => {
      const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
      await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'plugin::journey-map.events.ingest', role: role.id } });
      const today = clockOf(app).now();
      await post({ events: [{ type: 'view', phase: d.phases.awareness, session: SESSION }, { type: 'view', phase: d.phases.consideration, session: SESSION }] });
      const text = await dump();

      // The stored hashes are the keyed ones (so the checks below look at real data).
      const key = dayKey(visitorSecret(app.strapi), today.toISOString().slice(0, 10));
      const windows = await k()('jm_rate_windows').select('client_hash');
      address = ADDRESSES.find((a) => windows.some((w: any) => w.client_hash === visitorHash(key, `client:${a}`)));
      expect(address).toBeDefined();
      expect((await k()('jm_visitor_sessions').select('session_hash')).map((r: any) => r.session_hash)).toEqual([visitorHash(key, `session:${SESSION}`)]);

      // Nothing in clear, no unkeyed hash, and no hash keyed or salted with anything the dump holds.
      const values = [...ADDRESSES, `client:${address}`, SESSION, `session:${SESSION}`];
      for (const value of values) expect(text).not.toContain(value);
      const digests = (value: string, salt = '') =>
        ['sha256', 'sha1', 'md5', 'sha512'].flatMap((algorithm) =>
          [
            createHash(algorithm).update(salt + value),
            createHash(algorithm).update(value + salt),
            createHash(algorithm).update(salt).update('\0').update(value),
            ...(salt ? [createHmac(algorithm, salt).update(value)] : []),
          ].flatMap((h) => {
            const bytes = h.digest();
            return [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')];
          })
        );
      // Every token of the dump: each is looked for as a digest, and tried as a salt or key.
      const tokens = new Set<string>(text.match(/[A-Za-z0-9+/=_-]{16,}/g) ?? []);
      expect(tokens.size).toBeGreaterThan(10);
      for (const value of values) {
        for (const salt of ['', ...tokens]) {
          const found = digests(value, salt).find((digest) => tokens.has(digest) || tokens.has(digest.toUpperCase()));
          if (found) throw new Error(`a hash of ${value} with ${JSON.stringify(salt)} is in the dump: ${found}`);
        }
      }
      // Neither the secret, the site's APP_KEYS nor the old salt entry is stored.
      expect(text).not.toContain(visitorSecret(app.strapi).toString('hex'));
      for (const appKey of app.strapi.config.get('server.app.keys') as string[]) expect(text).not.toContain(appKey);
      expect(await k()('strapi_core_store_settings').where({ key: 'plugin_journey-map_secret' }).first()).toBeUndefined();
    });

    it('rotates the key every UTC day', async () => {
      const day = (at: Date) => at.toISOString().slice(0, 10);
      const today = clockOf(app).now();
      const tomorrow = new Date(today.getTime() + 86_400_000);
      clockOf(app).freeze(tomorrow);
      await post({ type: 'view', phase: d.phases.awareness, session: SESSION });
      const todayKey = dayKey(visitorSecret(app.strapi), day(today));
      const tomorrowKey = dayKey(visitorSecret(app.strapi), day(tomorrow));
      expect(tomorrowKey.equals(todayKey)).toBe(false);
      const sessions = (await k()('jm_visitor_sessions').select('session_hash')).map((r: any) => r.session_hash);
      expect(sessions).toContain(visitorHash(tomorrowKey, `session:${SESSION}`));
      const windows = (await k()('jm_rate_windows').select('client_hash')).map((r: any) => r.client_hash);
      expect(windows).toContain(visitorHash(tomorrowKey, `client:${address}`));
    });
  });
});
