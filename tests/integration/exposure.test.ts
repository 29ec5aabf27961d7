import { createHash, createHmac } from 'crypto';
import { parseCsv } from '../helpers/csv';
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
      expect(tables).toEqual(expect.arrayContaining(['jm_visitor_sessions', 'jm_rate_windows', 'jm_event_receipts']));
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

  it('refuses CTA target URLs that leave the site as a path, on create, update and import (400 naming the field)', async () => {
    const message = /^body\.targetUrl: must be an http\(s\) URL or a site path/;
    for (const targetUrl of ['//evil.example/phish', '/\\evil.example', '/\t/evil.example']) {
      expect((await api.post('/journey-map/ctas', { label: 'Phish', phase: d.phases.decision, targetUrl }).expect(400)).body.error.message).toMatch(message);
      expect((await api.put(`/journey-map/ctas/${d.cta}`, { targetUrl }).expect(400)).body.error.message).toMatch(message);
    }
    const cta = (await api.get(`/journey-map/ctas?journey=${d.journey}`).expect(200)).body.data.find((c: any) => c.documentId === d.cta);
    expect(cta.targetUrl ?? null).toBeNull();
    const file = (await api.get(`/journey-map/journeys/${d.slug}/export`).expect(200)).body;
    file.journey = { ...file.journey, slug: 'imported-phish', name: 'Imported' };
    const phase = file.phases.find((p: any) => p.ctas?.length);
    phase.ctas[0].targetUrl = '//evil.example/phish';
    expect((await api.post('/journey-map/journeys/import', file).expect(400)).body.error.message).toMatch(/targetUrl: must be an http\(s\) URL/);

    // A URL stored before these rules (0.1.0 took `//host`) is not served by the content API.
    await app.strapi.db.query('plugin::journey-map.cta').updateMany({ where: { documentId: d.cta }, data: { targetUrl: '//evil.example/phish' } });
    const reader = (await api.post('/admin/api-tokens', { name: 'journey reader', type: 'read-only', lifespan: null, description: '' }).expect(201)).body.data.accessKey;
    const journey = (await app.http().get(`/api/journey-map/journeys/${d.slug}`).set('Authorization', `Bearer ${reader}`).expect(200)).body.data;
    const served = journey.phases.flatMap((p: any) => p.ctas).find((c: any) => c.documentId === d.cta);
    expect(served.targetUrl).toBeNull();
    await app.strapi.db.query('plugin::journey-map.cta').updateMany({ where: { documentId: d.cta }, data: { targetUrl: null } });
  });

  describe('CSV exports', () => {
    // OWASP's list: a spreadsheet reads a cell starting with one of these as a formula.
    const DANGEROUS = ['=', '+', '-', '@', '\t', '\r'];
    const PHASES = ['awareness', 'consideration', 'decision', 'purchase', 'retention', 'advocacy'];
    const titles = DANGEROUS.map((c) => `${c}HYPERLINK("http://x.example","y")`);
    const phaseNames = DANGEROUS.map((c, i) => `${c}cmd|' /C calc'!A${i}`);
    const personaNames = DANGEROUS.map((c, i) => `${c}SUM(${i})`);
    const articles: string[] = [];

    const download = async (path: string) => {
      const res = await api.get(path).buffer(true).parse((r: any, cb: any) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      return parseCsv((res.body as Buffer).toString('utf8').replace(/^\uFEFF/, ''));
    };
    /** No cell of the file may start a formula, whatever else it holds. */
    const expectNoFormula = (rows: string[][]) => {
      for (const cell of rows.flat()) expect(DANGEROUS.some((c) => cell.startsWith(c))).toBe(false);
    };

    beforeAll(async () => {
      // Names through the admin API where its validation allows them; tab and carriage return through
      // the database, as an import or an older version could have left them.
      const personas: string[] = [];
      for (const [i, name] of personaNames.entries()) {
        const created = (await api.post('/journey-map/personas', { name: `persona ${i}`, journeys: [d.journey] }).expect(200)).body.data;
        personas.push(created.documentId);
        await app.strapi.db.query('plugin::journey-map.persona').updateMany({ where: { documentId: created.documentId }, data: { name } });
      }
      for (const [i, name] of phaseNames.entries()) {
        await app.strapi.db.query('plugin::journey-map.phase').updateMany({ where: { documentId: d.phases[PHASES[i]] }, data: { name } });
      }
      for (const [i, title] of titles.entries()) {
        articles.push(await createEntry(app, ARTICLE, { title }));
        await tagEntry(api, ARTICLE, articles[i], { phases: [d.phases[PHASES[i]]], personas: [personas[i]] }).expect(200);
      }
      // Through the API too: the four printable ones are accepted as names and escaped on the way out.
      await api.put(`/journey-map/personas/${personas[0]}`, { name: personaNames[0] }).expect(200);
    });

    it('prefixes every dangerous cell of the audit export with a quote', async () => {
      const rows = await download(`/journey-map/audit?format=csv&contentType=${ARTICLE}`);
      expectNoFormula(rows);
      const byId = new Map(rows.map((r) => [r[1], r]));
      for (const [i, id] of articles.entries()) {
        const row = byId.get(id)!;
        expect([row[3], row[6], row[7]]).toEqual([`'${titles[i]}`, `'${phaseNames[i]}`, `'${personaNames[i]}`]);
      }
    });

    it('prefixes every dangerous cell of the coverage export with a quote', async () => {
      const rows = await download(`/journey-map/coverage?journey=${d.journey}&format=csv&includeDrafts=true`);
      expectNoFormula(rows);
      const header = rows[0];
      const cells = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h.replace(/^\uFEFF/, ''), r[i]])));
      expect(new Set(cells.map((c) => c.phase))).toEqual(new Set(phaseNames.map((n) => `'${n}`)));
      expect(new Set(cells.map((c) => c.persona))).toEqual(new Set([...personaNames.map((n) => `'${n}`), `Busy parent Smartphone repair`, `Tech enthusiast Smartphone repair`]));
      // Each phase's article for its persona, plus on Consideration the article and FAQ tagged for all personas.
      for (const [i, name] of phaseNames.entries()) {
        const count = PHASES[i] === 'consideration' ? 3 : 1;
        expect(cells.find((c) => c.phase === `'${name}` && c.persona === `'${personaNames[i]}`)).toMatchObject({ count: String(count) });
      }
    });
  });

  describe('GraphQL', () => {
    const DELIBERATE_GRAPHQL = [
      'JourneyMapContent', 'JourneyMapCta', 'JourneyMapCtaKpi', 'JourneyMapEntry', 'JourneyMapEntryRefInput', 'JourneyMapEventInput',
      'JourneyMapIngestResult', 'JourneyMapJourney', 'JourneyMapJourneyRef', 'JourneyMapNextPhase', 'JourneyMapPersona',
      'JourneyMapPersonaRef', 'JourneyMapPhase', 'JourneyMapPhaseRef', 'JourneyMapRejectedEvent', 'JourneyMapSiteEntry',
      'journeyMapContent', 'journeyMapIngestEvents', 'journeyMapJourney',
    ];
    const INTROSPECTION = `{ __schema {
      queryType { fields { name } } mutationType { fields { name } }
      types { name fields { name } inputFields { name } enumValues { name } } } }`;
    const graphql = (bearer: string | null, query: string) => {
      const req = app.http().post('/graphql').send({ query });
      return bearer ? req.set('Authorization', `Bearer ${bearer}`) : req;
    };
    const token = async (name: string, type: 'read-only' | 'full-access') =>
      (await api.post('/admin/api-tokens', { name, type, lifespan: null, description: '' }).expect(201)).body.data.accessKey as string;

    it('has none of the plugin\'s content types, queries or mutations, only the content API\'s, for the public role, read-only and full-access tokens', async () => {
      const callers: Array<[string, string | null]> = [
        ['public', null],
        ['read-only', await token('graphql read-only', 'read-only')],
        ['full-access', await token('graphql full-access', 'full-access')],
      ];
      for (const [, bearer] of callers) {
        const res = await graphql(bearer, INTROSPECTION).expect(200);
        expect(res.body.errors).toBeUndefined();
        const schema = res.body.data.__schema;
        const queries = schema.queryType.fields.map((f: any) => f.name);
        const mutations = (schema.mutationType?.fields ?? []).map((f: any) => f.name);
        // The site's own types are there, so the schema looked at is the real one.
        expect(queries).toEqual(expect.arrayContaining(['articles', 'article', 'faqs']));
        expect(mutations).toEqual(expect.arrayContaining(['createArticle', 'deleteArticle']));
        const names = [
          ...queries,
          ...mutations,
          ...schema.types.flatMap((t: any) => [t.name, ...[...(t.fields ?? []), ...(t.inputFields ?? []), ...(t.enumValues ?? [])].map((f: any) => f.name)]),
        ];
        // Only the content API's deliberate queries, mutation and their types (graphql.test.ts).
        expect([...new Set(names.filter((n: string) => /journey.?map|JourneyMap/i.test(n)))].sort()).toEqual(DELIBERATE_GRAPHQL);
      }

      // The queries of the report are refused by validation, before any resolver runs.
      const full = callers[2][1];
      const read = await graphql(full, '{ journeyMapEntryStates(pagination:{limit:3}) { contentType title } }');
      expect(read.body.data ?? null).toBeNull();
      // (GraphQL suggests the content API's queries, the only ones of the plugin.)
      expect(read.body.errors[0].message).toBe('Cannot query field "journeyMapEntryStates" on type "Query". Did you mean "journeyMapContent" or "journeyMapJourney"?');
      const tag = (await app.strapi.db.connection('jm_assignments').first('document_id')) as { document_id: string };
      const write = await graphql(full, `mutation { deleteJourneyMapAssignment(documentId: "${tag.document_id}") { documentId } }`);
      expect(write.body.errors[0].message).toMatch(/^Cannot query field "deleteJourneyMapAssignment" on type "Mutation"\./);
      expect(await app.strapi.db.connection('jm_assignments').where({ document_id: tag.document_id }).first()).toBeDefined();
    });
  });
});
