import fs from 'fs';
import path from 'path';
import { adminApi, ARTICLE, createEntry, FAQ } from '../helpers/fixtures';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';
import { databaseClient } from '../helpers/database';
import { insertAnalyticsDays, insertAnalyticsEvents } from '../helpers/analytics';

/**
 * docs/api.md is checked against a booted Strapi: every route of the plugin has an example there, the
 * examples are sent in the order of the page, each request must read exactly as the page shows it, get the
 * documented status, and answer with the documented shape (same keys, same JSON types; arrays compared by
 * their first element). The write examples send back bodies copied from the reads before them, so the
 * page also proves "one shape in and out". `UPDATE_API_DOC=true` rewrites the examples from the answers.
 */
const DOC = path.resolve(__dirname, '..', '..', 'docs', 'api.md');
const ROUTES_DIR = path.resolve(__dirname, '..', '..', 'server', 'src', 'routes');

type Vars = Record<string, string>;
type Auth = 'admin' | 'public' | 'ingest';
interface Step {
  /** the route as declared (method and path pattern), e.g. `PUT /journey-map/ctas/:id` */
  route: string;
  /** the request path, with `{name}` for values captured by earlier steps */
  path: string;
  body?: (v: Vars, last: Record<string, any>) => unknown;
  /** a multipart request: the body's `file` ({ name, content }) is sent as the file part, the other keys as fields */
  multipart?: boolean;
  status?: number;
  auth?: Auth;
  /** names the values of this answer later steps use */
  keep?: (data: any, v: Vars) => void;
  /** prepares the example (what the page says happened before it) */
  before?: (app: TestApp, v: Vars) => Promise<void>;
  /** undoes what `before` added that later examples must not see */
  after?: (app: TestApp, v: Vars) => Promise<void>;
}

const idsOf = (list: any[]) => list.map((x) => x.documentId);

/** The analytics export the import examples upload: a GA4 "Pages and screens" download, cut short. */
const GA4_EXAMPLE = {
  name: 'pages-and-screens.csv',
  content: [
    '# Start date: 20261101',
    '# End date: 20261130',
    'Page path and screen class,Views,Active users,Average engagement time per active user,Key events',
    '/articles/cracked-screen,1310,1102,74,8',
    '/articles/battery-health?utm_source=newsletter,205,190,61,0',
    '/contact,410,377,30,0',
  ].join('\n'),
};

/** The examples, in the order the page shows them. `last[route]` is the last answer to a route. */
const STEPS: Step[] = [
  { route: 'GET /journey-map/settings', path: '/journey-map/settings', keep: (d, v) => (v.settings = JSON.stringify(d)) },
  { route: 'PUT /journey-map/settings', path: '/journey-map/settings', body: (v) => ({ ...JSON.parse(v.settings), trackedContentTypes: [ARTICLE, FAQ], titleFields: { [FAQ]: 'question' }, urlPatterns: { [ARTICLE]: [{ locale: 'en', pattern: '/articles/{slug}' }, { locale: 'ja', pattern: '/{locale}/articles/{slug}' }] } }) },
  { route: 'GET /journey-map/content-types', path: '/journey-map/content-types' },
  { route: 'GET /journey-map/tracked-types', path: '/journey-map/tracked-types' },
  { route: 'GET /journey-map/presets', path: '/journey-map/presets' },
  { route: 'POST /journey-map/personas', path: '/journey-map/personas', body: () => ({ name: 'Busy parent', summary: 'Fixes things between school runs', preferredChannels: ['search', 'email'] }), keep: (d, v) => (v.persona = d.documentId) },
  { route: 'POST /journey-map/journeys/from-preset', path: '/journey-map/journeys/from-preset', body: (v) => ({ preset: 'default', name: 'Smartphone repair', personas: [v.persona] }), keep: (d, v) => {
    v.journey = d.documentId;
    for (const p of d.phases) v[`phase-${p.slug}`] = p.documentId;
  } },
  { route: 'POST /journey-map/journeys', path: '/journey-map/journeys', body: () => ({ name: 'Tablet trade-in', product: 'Tablets' }), keep: (d, v) => (v.journey2 = d.documentId) },
  { route: 'GET /journey-map/journeys', path: '/journey-map/journeys' },
  { route: 'GET /journey-map/journeys/:id', path: '/journey-map/journeys/smartphone-repair', keep: (d, v) => (v.journeyRead = JSON.stringify(d)) },
  { route: 'PUT /journey-map/journeys/:id', path: '/journey-map/journeys/{journey}', body: (v) => ({ ...JSON.parse(v.journeyRead), description: 'From a broken screen to a happy customer' }) },
  { route: 'GET /journey-map/personas', path: '/journey-map/personas?journey=smartphone-repair', keep: (d, v) => (v.personaRead = JSON.stringify(d[0])) },
  { route: 'PUT /journey-map/personas/:id', path: '/journey-map/personas/{persona}', body: (v) => ({ ...JSON.parse(v.personaRead), goals: 'A working phone by tonight' }) },
  { route: 'POST /journey-map/phases', path: '/journey-map/phases', body: (v) => ({ journey: v.journey2, name: 'Valuation', funnelBand: 'middle' }), keep: (d, v) => (v.phase = d.documentId) },
  { route: 'PUT /journey-map/phases/:id', path: '/journey-map/phases/{phase-consideration}', body: (v) => ({ ...JSON.parse(v.journeyRead).phases[1], customerGoal: 'Know whether a repair is worth it' }) },
  { route: 'PUT /journey-map/journeys/:id/phase-order', path: '/journey-map/journeys/{journey}/phase-order', body: (v) => ({ phases: idsOf(JSON.parse(v.journeyRead).phases) }) },
  { route: 'POST /journey-map/ctas', path: '/journey-map/ctas', body: (v) => ({ label: 'Download the repair manual', phase: v['phase-consideration'], actionType: 'download', targetUrl: '/repair-manual', kpi: { metric: 'manual downloads', unit: 'downloads', target: 500, direction: 'higher', period: 'month' } }), keep: (d, v) => (v.cta = d.documentId) },
  { route: 'GET /journey-map/ctas', path: '/journey-map/ctas?journey=smartphone-repair', keep: (d, v) => (v.ctaRead = JSON.stringify(d[0])) },
  { route: 'PUT /journey-map/ctas/:id', path: '/journey-map/ctas/{cta}', body: (v) => ({ ...JSON.parse(v.ctaRead), kpiTarget: 600, importEventName: 'file_download', importLink: '/repair-manual' }) },
  { route: 'GET /journey-map/journeys/:id/export', path: '/journey-map/journeys/smartphone-repair/export', keep: (d, v) => (v.exported = JSON.stringify(d)) },
  { route: 'POST /journey-map/journeys/import', path: '/journey-map/journeys/import', body: (v) => ({ ...JSON.parse(v.exported), journey: { ...JSON.parse(v.exported).journey, name: 'Smartphone repair (copy)', slug: 'smartphone-repair-copy' } }) },
  { route: 'PUT /journey-map/assignments/:uid/:documentId', path: `/journey-map/assignments/${ARTICLE}/{article}?locale=en`, body: (v) => ({ phases: [v['phase-consideration']], personas: [v.persona], cta: v.cta }) },
  { route: 'GET /journey-map/assignments/:uid/:documentId', path: `/journey-map/assignments/${ARTICLE}/{article}?locale=en`, keep: (d, v) => (v.tagsRead = JSON.stringify(d)) },
  { route: 'PUT /journey-map/assignments/:uid/:documentId', path: `/journey-map/assignments/${ARTICLE}/{article}?locale=en`, body: (v) => JSON.parse(v.tagsRead) },
  { route: 'GET /journey-map/panel/:uid/:documentId', path: `/journey-map/panel/${ARTICLE}/{article}?locale=en` },
  {
    route: 'GET /journey-map/suggestions/quality',
    path: '/journey-map/suggestions/quality?journey=smartphone-repair',
    // the page's site has two tagged entries: the minimums are lowered (Settings), and the model built
    before: async (app, v) => {
      await app.strapi.plugin('journey-map').service('settings').update({ suggestionMinTagged: 1, suggestionMinHitRate: 0 });
      v.article3 = await createEntry(app, ARTICLE, { title: 'How much does a cracked screen repair cost?', slug: 'cracked-screen-cost' });
      await app.strapi.plugin('journey-map').service('suggestions').rebuild(v.journey);
    },
  },
  {
    route: 'GET /journey-map/suggestions',
    path: `/journey-map/suggestions?journey=smartphone-repair&contentType=${ARTICLE}&documentId={article3}&locale=en`,
    // the entry was made for this example only: the audit and snapshot examples below do not count it
    after: async (app, v) => {
      await app.strapi.documents(ARTICLE as any).delete({ documentId: v.article3, locale: '*' } as any);
    },
  },
  { route: 'GET /journey-map/assignments/:uid', path: `/journey-map/assignments/${ARTICLE}?documentIds={article},{article2}&locale=en` },
  { route: 'POST /journey-map/assignments/bulk', path: '/journey-map/assignments/bulk', body: (v) => ({ contentType: FAQ, documentIds: [v.faq], locale: 'en', mode: 'add', phases: [v['phase-awareness']], personas: [], cta: null }) },
  { route: 'POST /journey-map/drafts', path: '/journey-map/drafts', body: (v) => ({ contentType: ARTICLE, locale: 'en', phase: v['phase-decision'], persona: v.persona, title: 'Repair or replace: the numbers' }), status: 201 },
  { route: 'GET /journey-map/coverage', path: '/journey-map/coverage?journey=smartphone-repair&locale=en' },
  { route: 'GET /journey-map/next-content', path: '/journey-map/next-content?journey=smartphone-repair&locale=en' },
  { route: 'GET /journey-map/next-content/brief', path: '/journey-map/next-content/brief?journey=smartphone-repair&phase={phase-consideration}&persona={persona}&locale=en' },
  { route: 'GET /journey-map/audit', path: '/journey-map/audit?journey=smartphone-repair&locale=en&pageSize=2' },
  { route: 'POST /journey-map/snapshots', path: '/journey-map/snapshots', body: () => ({ journey: 'smartphone-repair', note: 'Before the spring clean-up' }), keep: (d, v) => (v.snapshot = d.documentId) },
  { route: 'GET /journey-map/snapshots', path: '/journey-map/snapshots?journey=smartphone-repair', keep: (d, v) => (v.snapshotRead = JSON.stringify(d[0])) },
  { route: 'POST /journey-map/snapshots', path: '/journey-map/snapshots', body: (v) => JSON.parse(v.snapshotRead), keep: (d, v) => (v.snapshot2 = d.documentId) },
  { route: 'GET /journey-map/snapshots/:id', path: '/journey-map/snapshots/{snapshot}' },
  { route: 'GET /journey-map/snapshots/compare', path: '/journey-map/snapshots/compare?from={snapshot}&to={snapshot2}' },
  { route: 'DELETE /journey-map/snapshots/:id', path: '/journey-map/snapshots/{snapshot2}' },
  { route: 'GET /journey-map/coverage/history', path: '/journey-map/coverage/history?journey=smartphone-repair&days=3' },
  { route: 'GET /journey-map/coverage/changes', path: '/journey-map/coverage/changes?journey=smartphone-repair&since=2026-11-20' },
  {
    route: 'GET /journey-map/coverage/performance',
    path: '/journey-map/coverage/performance?journey=smartphone-repair&days=7&phase={phase-consideration}&persona={persona}',
    // what an import of a GA4 export would have stored: page views of the tagged article, and the manual's downloads
    before: async (app, v) => {
      await insertAnalyticsDays(app, [
        { contentType: ARTICLE, documentId: v.article, locale: 'en', start: '2026-11-20', views: 320, visitors: 250, engagedSeconds: 41000, conversions: 12 },
        { contentType: ARTICLE, documentId: v.article, locale: 'en', start: '2026-11-21', views: 290, visitors: 231, engagedSeconds: 37500, conversions: 9 },
        { contentType: ARTICLE, documentId: v.article2, locale: 'en', start: '2026-11-01', end: '2026-11-30', views: 600, visitors: 480, engagedSeconds: 52000, conversions: 3 },
      ]);
      await insertAnalyticsEvents(app, [
        { eventName: 'file_download', link: 'https://repair.example/repair-manual', start: '2026-11-20', total: 41 },
        { eventName: 'file_download', link: 'https://repair.example/repair-manual', start: '2026-11-21', total: 37 },
      ]);
    },
  },
  { route: 'PUT /journey-map/measure/kpi-values', path: '/journey-map/measure/kpi-values', body: (v) => ({ cta: v.cta, date: '2026-11-02', value: 412, note: 'from the download server log' }), keep: (d, v) => (v.kpiValue = String(d.id)) },
  { route: 'GET /journey-map/measure/kpi-values', path: '/journey-map/measure/kpi-values?cta={cta}' },
  { route: 'GET /journey-map/measure/kpis', path: '/journey-map/measure/kpis?journey=smartphone-repair&periods=2' },
  { route: 'GET /journey-map/measure/paths', path: '/journey-map/measure/paths?journey=smartphone-repair&days=7' },
  { route: 'GET /journey-map/measure/gaps', path: '/journey-map/measure/gaps?journey=smartphone-repair&days=7' },
  { route: 'DELETE /journey-map/measure/kpi-values/:id', path: '/journey-map/measure/kpi-values/{kpiValue}' },
  { route: 'POST /journey-map/measure/imports/preview', path: '/journey-map/measure/imports/preview', multipart: true, body: () => ({ source: 'auto', file: GA4_EXAMPLE }) },
  { route: 'POST /journey-map/measure/imports', path: '/journey-map/measure/imports', multipart: true, body: () => ({ source: 'ga4', file: GA4_EXAMPLE }) },
  { route: 'GET /api/journey-map/journeys/:slug', path: '/api/journey-map/journeys/smartphone-repair', auth: 'public' },
  { route: 'GET /api/journey-map/content', path: '/api/journey-map/content?journey=smartphone-repair&phase=consideration&persona=busy-parent&locale=en&limit=2', auth: 'public' },
  { route: 'POST /api/journey-map/events', path: '/api/journey-map/events', auth: 'ingest', body: (v) => ({ events: [{ id: 'a1b2c3d4-view-0001', type: 'view', phase: v['phase-consideration'], session: '3f2a9c51d0e84b7c' }, { id: 'a1b2c3d4-conv-0002', type: 'conversion', cta: v.cta, session: '3f2a9c51d0e84b7c' }] }) },
  { route: 'GET /api/journey-map/snippet.js', path: '/api/journey-map/snippet.js', auth: 'public' },
  { route: 'DELETE /journey-map/ctas/:id', path: '/journey-map/ctas/{cta}' },
  { route: 'DELETE /journey-map/phases/:id', path: '/journey-map/phases/{phase-consideration}?removeAssignments=true' },
  { route: 'DELETE /journey-map/personas/:id', path: '/journey-map/personas/{persona}?removeAssignments=true' },
  { route: 'DELETE /journey-map/journeys/:id', path: '/journey-map/journeys/{journey2}?removeAssignments=true' },
];

/** Every route the plugin declares, as `METHOD /prefix/path`. */
function declaredRoutes(): string[] {
  const admin = fs.readFileSync(path.join(ROUTES_DIR, 'admin', 'index.ts'), 'utf8');
  const content = fs.readFileSync(path.join(ROUTES_DIR, 'content-api', 'index.ts'), 'utf8');
  return [
    ...[...admin.matchAll(/route\('(\w+)', '([^']+)'/g)].map((m) => `${m[1]} /journey-map${m[2]}`),
    ...[...content.matchAll(/method: '(\w+)', path: '([^']+)'/g)].map((m) => `${m[1]} /api/journey-map${m[2]}`),
  ];
}

/** Arrays cut to their first element, long strings cut, so the page stays readable. */
function abridge(value: any): any {
  if (Array.isArray(value)) return value.slice(0, 1).map(abridge);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, abridge(v)]));
  if (typeof value === 'string' && value.length > 120) return `${value.slice(0, 117)}...`;
  return value;
}

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Differences in shape between the documented and the live answer ([] when they match). */
function shapeDiff(doc: any, live: any, at = '$'): string[] {
  if (kind(doc) !== kind(live)) return [`${at}: documented ${kind(doc)}, got ${kind(live)}`];
  if (Array.isArray(doc)) return doc.length && live.length ? shapeDiff(doc[0], live[0], `${at}[0]`) : [];
  if (doc && typeof doc === 'object') {
    const keys = [...new Set([...Object.keys(doc), ...Object.keys(live)])];
    return keys.flatMap((k) =>
      !(k in doc) ? [`${at}.${k}: not documented`] : !(k in live) ? [`${at}.${k}: documented, not returned`] : shapeDiff(doc[k], live[k], `${at}.${k}`)
    );
  }
  return [];
}

const withPlaceholders = (text: string, vars: Vars) =>
  Object.entries(vars)
    .filter(([, value]) => /^[a-z0-9]{10,64}$/.test(value))
    .reduce((t, [name, value]) => t.split(value).join(`{${name}}`), text);
/** Instants and numeric row ids differ from run to run (and database to database): compared as such. */
const comparable = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<instant>').replace(/"id": \d+/g, '"id": <id>');
/** A request as compared: its first line, and its body with keys sorted (PostgreSQL's jsonb reorders keys). */
function canonicalRequest(text: string) {
  const [line, ...rest] = comparable(text).split('\n');
  const sortKeys = (v: any): any =>
    Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v;
  const body = rest.join('\n').replace(/"id": <id>/g, '"id": 0');
  return `${line}\n${body ? JSON.stringify(sortKeys(JSON.parse(body))) : ''}`;
}
const fill = (text: string, vars: Vars) => text.replace(/\{([a-z0-9-]+)\}/gi, (m, name) => vars[name] ?? m);

interface Example { request: string; status: number; response: string }
const EXAMPLE = /```http\n([\s\S]*?)\n```\n\n```text\n→ (\d+)\n([\s\S]*?)\n```/g;
const readExamples = (): Example[] =>
  [...fs.readFileSync(DOC, 'utf8').matchAll(EXAMPLE)].map((m) => ({ request: m[1], status: Number(m[2]), response: m[3] }));

describe(`docs/api.md against the API on ${databaseClient()}`, () => {
  let app: TestApp;
  const update = process.env.UPDATE_API_DOC === 'true';

  beforeAll(async () => {
    app = await startStrapi('api_doc');
    clockOf(app).freeze('2026-11-24T09:00:00.000Z');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('has an example for every route the plugin declares', () => {
    const documented = new Set(STEPS.map((s) => s.route));
    expect(declaredRoutes().filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !declaredRoutes().includes(r))).toEqual([]);
  });

  it('sends every example as the page shows it and gets the documented status and shape', async () => {
    const { token } = await registerSuperAdmin(app);
    const api = adminApi(app, token);
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    for (const action of ['journey.findOne', 'content.find', 'events.ingest']) {
      await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: `plugin::journey-map.${action}`, role: role.id } });
    }
    const vars: Vars = {
      article: await createEntry(app, ARTICLE, { title: 'Cracked screen: repair or replace?', slug: 'cracked-screen' }),
      article2: await createEntry(app, ARTICLE, { title: 'Battery health explained', slug: 'battery-health' }),
      faq: await createEntry(app, FAQ, { question: 'How long does a repair take?' }),
    };
    const documented = update ? [] : readExamples();
    if (!update) expect(documented).toHaveLength(STEPS.length);
    const written: Example[] = [];
    const problems: string[] = [];

    for (const [i, step] of STEPS.entries()) {
      const [method] = step.route.split(' ');
      await step.before?.(app, vars);
      const body = step.body?.(vars, {});
      const requestPath = fill(step.path, vars);
      const request =
        `${method} ${step.path}` + (body === undefined ? '' : `\n${withPlaceholders(JSON.stringify(body, null, 2), vars)}`);
      const agent = app.http();
      let req = (agent as any)[method.toLowerCase()](requestPath);
      if (step.auth === undefined || step.auth === 'admin') req = req.set('Authorization', `Bearer ${token}`);
      if (body !== undefined && step.multipart) {
        const { file, ...fields } = body as { file: { name: string; content: string } } & Record<string, string>;
        for (const [k, value] of Object.entries(fields)) req = req.field(k, value);
        req = req.attach('file', Buffer.from(file.content), file.name);
      } else if (body !== undefined) req = req.send(body as object);
      const res = await req;
      const status = step.status ?? 200;
      if (res.status !== status) problems.push(`${step.route} (example ${i + 1}): ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      const isJson = /json/.test(res.headers['content-type'] ?? '');
      const live = isJson ? res.body : res.text.split('\n').slice(0, 3).join('\n');
      if (isJson && res.status < 300) step.keep?.(res.body?.data !== undefined ? res.body.data : res.body, vars);
      const response = isJson ? withPlaceholders(JSON.stringify(abridge(live), null, 2), vars) : live;
      written.push({ request, status: res.status, response });
      await step.after?.(app, vars);

      if (update) continue;
      const doc = documented[i];
      if (canonicalRequest(doc.request) !== canonicalRequest(request)) problems.push(`${step.route} (example ${i + 1}): the page shows\n${doc.request}\nbut the example sends\n${request}`);
      if (doc.status !== status) problems.push(`${step.route} (example ${i + 1}): documented status ${doc.status}`);
      if (isJson) problems.push(...shapeDiff(JSON.parse(fill(doc.response, vars)), live).map((d) => `${step.route} (example ${i + 1}): ${d}`));
    }

    if (update) {
      const text = fs.readFileSync(DOC, 'utf8');
      let n = 0;
      fs.writeFileSync(DOC, text.replace(EXAMPLE, () => {
        const e = written[n++];
        return '```http\n' + e.request + '\n```\n\n```text\n→ ' + e.status + '\n' + e.response + '\n```';
      }));
      expect(n).toBe(STEPS.length);
    }
    expect(problems).toEqual([]);
    void api;
  });
});
