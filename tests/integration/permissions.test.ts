import adminRoutes from '../../server/src/routes/admin';
import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, ensureJapanese, tagEntry } from '../helpers/fixtures';
import { adminWithPermissions, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

/**
 * The permission matrix: every admin route of the route table × roles with each subset of the plugin's
 * actions, plus roles whose Content Manager rights carry conditions (is-creator) and locale limits.
 * Each cell's expected status comes from the route's action and, for routes on site entries, from what
 * the role may do on that entry in the Content Manager (the `may` oracle below mirrors the role's grants).
 * Lists, cell lists, snapshots and CSVs are checked to hold exactly the titles the role may read.
 */

const ACTIONS = ['read', 'tag', 'manage', 'settings'] as const;
type Action = (typeof ACTIONS)[number];
type EntryAction = 'read' | 'update' | 'create';
const LOCALES = ['en', 'ja'] as const;

/** A marked entry: its title in each locale is `MX <name> <locale>`, so responses can be searched for it. */
interface Marked {
  name: string;
  uid: string;
  creator: string;
  documentId: string;
}
interface EntryFacts {
  uid: string;
  locale: string;
  creator: string;
}
interface Role {
  name: string;
  actions: readonly Action[];
  cm: Array<{ action: string; subject: string; properties: Record<string, unknown>; conditions?: string[] }>;
  may: (action: EntryAction, entry: EntryFacts) => boolean;
}
interface Fixture {
  path: string;
  body?: unknown;
  /** routes on one site entry: what the role must be allowed to do on it */
  entry?: EntryFacts & { action: EntryAction };
}

const cm = (action: EntryAction, subject: string, locales: readonly string[], conditions?: string[]) => ({
  action: `plugin::content-manager.explorer.${action}`,
  subject,
  properties: { locales: [...locales] },
  ...(conditions ? { conditions } : {}),
});
const fullContentManager = [ARTICLE, FAQ].flatMap((uid) => (['read', 'update', 'create'] as const).map((a) => cm(a, uid, LOCALES)));

const subsets: Array<readonly Action[]> = Array.from({ length: 16 }, (_, mask) => ACTIONS.filter((_a, i) => mask & (1 << i)));

const conditionRoles: Role[] = [
  {
    name: 'articles only',
    actions: ['read', 'tag'],
    cm: (['read', 'update', 'create'] as const).map((a) => cm(a, ARTICLE, LOCALES)),
    may: (_a, e) => e.uid === ARTICLE,
  },
  {
    name: 'is-creator',
    actions: ['read', 'tag'],
    cm: (['read', 'update', 'create'] as const).map((a) => cm(a, ARTICLE, LOCALES, ['admin::is-creator'])),
    may: (_a, e) => e.uid === ARTICLE && e.creator === 'is-creator',
  },
  {
    name: 'update ja',
    actions: ['read', 'tag'],
    cm: [cm('read', ARTICLE, LOCALES), cm('update', ARTICLE, ['ja']), cm('create', ARTICLE, ['ja'])],
    may: (a, e) => e.uid === ARTICLE && (a === 'read' || e.locale === 'ja'),
  },
  {
    name: 'read ja + own FAQs',
    actions: ['read', 'tag'],
    cm: [cm('read', ARTICLE, ['ja']), cm('update', ARTICLE, ['ja']), cm('read', FAQ, LOCALES, ['admin::is-creator'])],
    may: (a, e) => (a !== 'create' && e.uid === ARTICLE && e.locale === 'ja') || (a === 'read' && e.uid === FAQ && e.creator === 'read ja + own FAQs'),
  },
];

const actionOf = (route: any): Action => String(route.config.policies[1].config.actions[0]).split('.').pop() as Action;
const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const marks = (text: string) => [...new Set(text.match(/MX [AF]\d (?:en|ja)/g) ?? [])].sort();

describe(`permission matrix on ${databaseClient()}`, () => {
  let app: TestApp;
  let superToken: string;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  let routeEntry: string;
  let snapshots: { first: string; second: string };
  const tokens = new Map<string, string>();
  const marked: Marked[] = [];
  let fixtures: Record<string, Fixture>;

  const send = (token: string, method: string, path: string, body?: unknown) => {
    const agent = app.http();
    const req = method === 'GET' ? agent.get(path) : method === 'PUT' ? agent.put(path) : method === 'POST' ? agent.post(path) : agent.delete(path);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body as object);
  };

  const buildFixtures = (): Record<string, Fixture> => {
    const fake = 'abcdefghijklmnopqrstuvwx';
    const onRouteEntry = { uid: ARTICLE, locale: 'en', creator: 'lead' };
    return {
      'GET /settings': { path: '/journey-map/settings' },
      'PUT /settings': { path: '/journey-map/settings', body: { staleAfterDays: 365 } },
      'GET /content-types': { path: '/journey-map/content-types' },
      'GET /assignments/:uid': { path: `/journey-map/assignments/${ARTICLE}?documentIds=${routeEntry}&locale=en` },
      'GET /assignments/:uid/:documentId': { path: `/journey-map/assignments/${ARTICLE}/${routeEntry}?locale=en`, entry: { ...onRouteEntry, action: 'read' } },
      'GET /panel/:uid/:documentId': { path: `/journey-map/panel/${ARTICLE}/${routeEntry}?locale=en`, entry: { ...onRouteEntry, action: 'read' } },
      'GET /tracked-types': { path: '/journey-map/tracked-types' },
      'GET /suggestions/quality': { path: `/journey-map/suggestions/quality?journey=${d.journey}` },
      'GET /suggestions': {
        path: `/journey-map/suggestions?journey=${d.journey}&contentType=${encodeURIComponent(ARTICLE)}&documentId=${routeEntry}&locale=en`,
        entry: { ...onRouteEntry, action: 'read' },
      },
      'PUT /assignments/:uid/:documentId': { path: `/journey-map/assignments/${ARTICLE}/${routeEntry}?locale=en`, body: { phases: [] }, entry: { ...onRouteEntry, action: 'update' } },
      'POST /assignments/bulk': {
        path: '/journey-map/assignments/bulk',
        body: { contentType: ARTICLE, documentIds: [routeEntry], locale: 'en', mode: 'remove', phases: [] },
        entry: { ...onRouteEntry, action: 'update' },
      },
      'GET /coverage': { path: `/journey-map/coverage?journey=${d.journey}` },
      'GET /coverage/history': { path: `/journey-map/coverage/history?journey=${d.journey}&days=30` },
      'GET /coverage/changes': { path: `/journey-map/coverage/changes?journey=${d.journey}&since=2026-01-01` },
      'GET /coverage/performance': { path: `/journey-map/coverage/performance?journey=${d.journey}&days=30` },
      'POST /drafts': {
        path: '/journey-map/drafts',
        body: { contentType: ARTICLE, locale: 'en', phase: d.phases.awareness, title: 'Matrix draft' },
        // the caller becomes the draft's creator
        entry: { uid: ARTICLE, locale: 'en', creator: 'self', action: 'create' },
      },
      'GET /audit': { path: '/journey-map/audit' },
      'GET /snapshots/compare': { path: `/journey-map/snapshots/compare?from=${snapshots.first}&to=${snapshots.second}` },
      'GET /snapshots': { path: `/journey-map/snapshots?journey=${d.journey}` },
      'POST /snapshots': { path: '/journey-map/snapshots', body: { journey: d.journey } },
      'GET /snapshots/:id': { path: `/journey-map/snapshots/${snapshots.first}` },
      'DELETE /snapshots/:id': { path: `/journey-map/snapshots/${fake}` },
      'GET /presets': { path: '/journey-map/presets' },
      'GET /journeys': { path: '/journey-map/journeys' },
      'POST /journeys': { path: '/journey-map/journeys', body: { name: 'Permission test' } },
      'POST /journeys/from-preset': { path: '/journey-map/journeys/from-preset', body: { preset: 'aidma', name: 'Permission preset' } },
      'POST /journeys/import': { path: '/journey-map/journeys/import', body: {} },
      'GET /journeys/:id/export': { path: `/journey-map/journeys/${d.journey}/export` },
      'GET /journeys/:id': { path: `/journey-map/journeys/${d.journey}` },
      'PUT /journeys/:id': { path: `/journey-map/journeys/${d.journey}`, body: { description: 'edited' } },
      'DELETE /journeys/:id': { path: `/journey-map/journeys/${fake}` },
      'PUT /journeys/:id/phase-order': { path: `/journey-map/journeys/${d.journey}/phase-order`, body: { phases: Object.values(d.phases) } },
      'POST /phases': { path: '/journey-map/phases', body: { journey: d.journey, name: 'Extra' } },
      'PUT /phases/:id': { path: `/journey-map/phases/${d.phases.awareness}`, body: { description: 'edited' } },
      'DELETE /phases/:id': { path: `/journey-map/phases/${fake}` },
      'GET /personas': { path: '/journey-map/personas' },
      'POST /personas': { path: '/journey-map/personas', body: { name: 'Permission persona' } },
      'PUT /personas/:id': { path: `/journey-map/personas/${d.personas.parent}`, body: { summary: 'edited' } },
      'DELETE /personas/:id': { path: `/journey-map/personas/${fake}` },
      'GET /ctas': { path: '/journey-map/ctas' },
      'POST /ctas': { path: '/journey-map/ctas', body: { label: 'Permission CTA', phase: d.phases.decision } },
      'PUT /ctas/:id': { path: `/journey-map/ctas/${d.cta}`, body: { kpiTarget: 600 } },
      'DELETE /ctas/:id': { path: `/journey-map/ctas/${fake}` },
      'GET /next-content': { path: `/journey-map/next-content?journey=${d.journey}` },
      'GET /next-content/brief': { path: `/journey-map/next-content/brief?journey=${d.journey}&phase=${d.phases.consideration}` },
      'GET /measure/kpis': { path: `/journey-map/measure/kpis?journey=${d.journey}` },
      'GET /measure/paths': { path: `/journey-map/measure/paths?journey=${d.journey}` },
      'GET /measure/gaps': { path: `/journey-map/measure/gaps?journey=${d.journey}` },
      'GET /measure/kpi-values': { path: `/journey-map/measure/kpi-values?cta=${d.cta}` },
      'PUT /measure/kpi-values': { path: '/journey-map/measure/kpi-values', body: { cta: d.cta, date: '2026-01-15', value: 1 } },
      'DELETE /measure/kpi-values/:id': { path: '/journey-map/measure/kpi-values/999999' },
      // without the multipart file: a 400 past the permission check (analytics-import.test.ts sends files)
      'POST /measure/imports/preview': { path: '/journey-map/measure/imports/preview', body: { source: 'ga4' } },
      'POST /measure/imports': { path: '/journey-map/measure/imports', body: { source: 'ga4' } },
    };
  };

  const allRoles = (): Role[] => [
    ...subsets.map((actions) => ({ name: `plugin: ${actions.join('+') || 'none'}`, actions, cm: fullContentManager, may: () => true })),
    ...conditionRoles,
  ];

  /** Every (role, entry, locale) the role may read, as marked titles. */
  const readableMarks = (role: Role, locales: readonly string[] = LOCALES) =>
    marked.flatMap((m) => locales.filter((locale) => role.may('read', { uid: m.uid, locale, creator: m.creator })).map((locale) => `MX ${m.name} ${locale}`)).sort();

  beforeAll(async () => {
    app = await startStrapi('permissions');
    superToken = (await registerSuperAdmin(app)).token;
    const api = adminApi(app, superToken);
    await ensureJapanese(app);
    d = await demoJourney(api);
    routeEntry = await createEntry(app, ARTICLE, { title: 'Route entry' });

    const userIds = new Map<string, number>([['lead', (await api.get('/admin/users/me').expect(200)).body.data.id]]);
    for (const role of allRoles()) {
      const token = await adminWithPermissions(app, [...role.actions.map((a) => ({ action: `plugin::journey-map.${a}` })), ...role.cm]);
      tokens.set(role.name, token);
      userIds.set(role.name, (await adminApi(app, token).get('/admin/users/me').expect(200)).body.data.id);
    }

    // Two entries of each type: one created by a role with an is-creator condition, one by the lead.
    const specs: Array<Omit<Marked, 'documentId'>> = [
      { name: 'A1', uid: ARTICLE, creator: 'is-creator' },
      { name: 'A2', uid: ARTICLE, creator: 'lead' },
      { name: 'F1', uid: FAQ, creator: 'read ja + own FAQs' },
      { name: 'F2', uid: FAQ, creator: 'lead' },
    ];
    for (const spec of specs) {
      const field = spec.uid === ARTICLE ? 'title' : 'question';
      const by = userIds.get(spec.creator)!;
      const docs = app.strapi.documents(spec.uid as any);
      const created = await docs.create({ locale: 'en', data: { [field]: `MX ${spec.name} en`, createdBy: by, updatedBy: by } } as any);
      await docs.update({ documentId: created.documentId, locale: 'ja', data: { [field]: `MX ${spec.name} ja`, createdBy: by, updatedBy: by } } as any);
      await docs.publish({ documentId: created.documentId, locale: '*' } as any);
      marked.push({ ...spec, documentId: created.documentId });
    }

    // First snapshot: the English versions tagged, the Japanese ones untagged; the second: all tagged.
    const tagAll = async (locale: string) => {
      for (const m of marked) await tagEntry(api, m.uid, m.documentId, { phases: [d.phases.awareness], personas: [] }, locale).expect(200);
    };
    await tagAll('en');
    const first = (await api.post('/journey-map/snapshots', { journey: d.journey }).expect(200)).body.data.documentId;
    await tagAll('ja');
    const second = (await api.post('/journey-map/snapshots', { journey: d.journey }).expect(200)).body.data.documentId;
    snapshots = { first, second };
    fixtures = buildFixtures();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('has a request for every route of the route table', () => {
    expect(Object.keys(fixtures).sort()).toEqual(adminRoutes.routes.map(routeKey).sort());
  });

  it('shows the four actions in Settings → Roles', async () => {
    const res = await send(superToken, 'GET', '/admin/permissions').expect(200);
    const plugins = res.body.data.sections.plugins.filter((p: any) => String(p.action).startsWith('plugin::journey-map.'));
    expect(plugins.map((p: any) => p.action).sort()).toEqual(ACTIONS.map((a) => `plugin::journey-map.${a}`).sort());
  });

  it('answers 401 on every route without a token', async () => {
    const statuses: Array<[string, number]> = [];
    for (const route of adminRoutes.routes) {
      const f = fixtures[routeKey(route)];
      statuses.push([routeKey(route), (await send('', route.method, f.path, f.body)).status]);
    }
    expect(statuses).toEqual(adminRoutes.routes.map((route) => [routeKey(route), 401]));
  });

  /** 403 when the role lacks the route's action or the Content Manager right on the route's entry; else neither 403 nor 5xx. */
  it.each(allRoles().map((role) => [role.name, role] as const))('route × role "%s": the expected status on every route', async (_name, role) => {
    const token = tokens.get(role.name)!;
    const got: Array<[string, string]> = [];
    const expected: Array<[string, string]> = [];
    for (const route of adminRoutes.routes) {
      const f = fixtures[routeKey(route)];
      const res = await send(token, route.method, f.path, f.body);
      const entry = f.entry && { ...f.entry, creator: f.entry.creator === 'self' ? role.name : f.entry.creator };
      const allowed = role.actions.includes(actionOf(route)) && (!entry || role.may(entry.action, entry));
      got.push([routeKey(route), res.status === 403 ? '403' : res.status >= 500 ? `${res.status}: ${res.text}` : 'allowed']);
      expected.push([routeKey(route), allowed ? 'allowed' : '403']);
    }
    expect(got).toEqual(expected);
  });

  describe.each(conditionRoles.map((role) => [role.name, role] as const))('role "%s"', (_name, role) => {
    const api = () => adminApi(app, tokens.get(role.name)!);
    const facts = (m: Marked, locale: string) => ({ uid: m.uid, locale, creator: m.creator });

    it('reads and tags exactly the entries and locales the Content Manager allows, naming a refused entry', async () => {
      const got: string[] = [];
      const expected: string[] = [];
      for (const m of marked) {
        for (const locale of LOCALES) {
          const path = `/journey-map/assignments/${m.uid}/${m.documentId}?locale=${locale}`;
          const read = await api().get(path);
          const write = await api().put(path, { phases: [d.phases.awareness], personas: [] });
          const named = (res: any) => (res.status === 403 ? ` ${res.body.error.message.includes(m.documentId)}` : '');
          got.push(`${m.name} ${locale} GET ${read.status}${named(read)} PUT ${write.status}${named(write)}`);
          const mayRead = role.may('read', facts(m, locale));
          const mayUpdate = role.may('update', facts(m, locale));
          expected.push(`${m.name} ${locale} GET ${mayRead ? '200' : '403 true'} PUT ${mayUpdate ? '200' : '403 true'}`);
        }
      }
      expect(got).toEqual(expected);
    });

    it('refuses a bulk request on a mix whole, naming exactly the refused entries', async () => {
      for (const uid of [ARTICLE, FAQ]) {
        const mine = marked.filter((m) => m.uid === uid);
        for (const locale of LOCALES) {
          const refused = mine.filter((m) => !role.may('update', facts(m, locale))).map((m) => m.documentId);
          const res = await api().post('/journey-map/assignments/bulk', {
            contentType: uid,
            documentIds: mine.map((m) => m.documentId),
            locale,
            mode: 'add',
            phases: [d.phases.awareness],
          });
          const named = res.status === 403 ? res.body.error.details.entries.map((e: any) => e.documentId).sort() : [];
          expect([uid, locale, res.status, named]).toEqual([uid, locale, refused.length ? 403 : 200, [...refused].sort()]);
        }
      }
    });

    it('gives the list column the tags of readable entries only', async () => {
      for (const uid of [ARTICLE, FAQ]) {
        const mine = marked.filter((m) => m.uid === uid);
        for (const locale of LOCALES) {
          const res = await api().get(`/journey-map/assignments/${uid}?documentIds=${mine.map((m) => m.documentId).join(',')}&locale=${locale}`).expect(200);
          const readable = mine.filter((m) => role.may('read', facts(m, locale))).map((m) => m.documentId);
          expect([uid, locale, Object.keys(res.body.data.entries).sort()]).toEqual([uid, locale, readable.sort()]);
        }
      }
    });

    it('lists exactly the readable titles in the audit, a cell, the CSV, snapshots and their comparison; none in coverage', async () => {
      const audit = await api().get('/journey-map/audit?pageSize=100').expect(200);
      const cell = await api().get(`/journey-map/audit?journey=${d.journey}&phase=${d.phases.awareness}&persona=${d.personas.parent}&pageSize=100`).expect(200);
      const csv = await api().get('/journey-map/audit?format=csv').expect(200);
      const snapshot = await api().get(`/journey-map/snapshots/${snapshots.first}`).expect(200);
      const compare = await api().get(`/journey-map/snapshots/compare?from=${snapshots.first}&to=${snapshots.second}`).expect(200);
      const coverage = await api().get(`/journey-map/coverage?journey=${d.journey}`).expect(200);
      const coverageCsv = await api().get(`/journey-map/coverage?journey=${d.journey}&format=csv`).expect(200);
      expect({
        audit: marks(JSON.stringify(audit.body)),
        cell: marks(JSON.stringify(cell.body)),
        csv: marks(csv.text),
        snapshotUntagged: marks(JSON.stringify(snapshot.body.data.entries)),
        entriesTagged: marks(JSON.stringify(compare.body.data.entriesTagged)),
        coverage: marks(coverage.text + coverageCsv.text),
      }).toEqual({
        audit: readableMarks(role),
        cell: readableMarks(role),
        csv: readableMarks(role),
        snapshotUntagged: readableMarks(role, ['ja']),
        entriesTagged: readableMarks(role, ['ja']),
        coverage: [],
      });
      // The audit's total counts the rows the role sees, no more.
      expect(audit.body.meta.pagination.total).toBe(audit.body.data.length);
    });

    it('names only the entries the role may read in a brief (to link from), and none in the ranked list', async () => {
      // The marked entries also in Retention (where no draft of these tests goes), read by Advocacy's brief.
      const lead = adminApi(app, superToken);
      for (const uid of [ARTICLE, FAQ]) {
        for (const locale of LOCALES) {
          const ids = marked.filter((m) => m.uid === uid).map((m) => m.documentId);
          await lead.post('/journey-map/assignments/bulk', { contentType: uid, documentIds: ids, locale, mode: 'add', phases: [d.phases.retention] }).expect(200);
        }
      }
      const brief = await api().get(`/journey-map/next-content/brief?journey=${d.journey}&phase=${d.phases.advocacy}&persona=${d.personas.parent}`).expect(200);
      const list = await api().get(`/journey-map/next-content?journey=${d.journey}`).expect(200);
      expect({ brief: marks(JSON.stringify(brief.body.data)), linkFrom: brief.body.data.linkFrom.entries.length, list: marks(JSON.stringify(list.body)) }).toEqual({
        brief: readableMarks(role),
        linkFrom: readableMarks(role).length,
        list: [],
      });
    });

    it('creates drafts only where the Content Manager allows creating, with the caller as creator', async () => {
      for (const uid of [ARTICLE, FAQ]) {
        for (const locale of LOCALES) {
          const res = await api().post('/journey-map/drafts', { contentType: uid, locale, phase: d.phases.awareness, title: `Draft ${role.name}` });
          const mayCreate = role.may('create', { uid, locale, creator: role.name });
          expect([uid, locale, res.status]).toEqual([uid, locale, mayCreate ? 201 : 403]);
          if (res.status !== 201) continue;
          // The draft's creator is the caller, so an is-creator role may tag it afterwards.
          const again = await tagEntry(api(), uid, res.body.data.documentId, { phases: [d.phases.decision] }, locale);
          expect([uid, locale, again.status]).toEqual([uid, locale, role.may('update', { uid, locale, creator: role.name }) ? 200 : 403]);
        }
      }
    });
  });
});
