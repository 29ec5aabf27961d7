import crypto from 'crypto';
import { databaseClient } from '../helpers/database';
import { ARTICLE, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

/*
 * A fuzz test over every route of the plugin (admin and content API), enumerated from the route table so a
 * new route is fuzzed without touching this file: hostile strings (NUL, lone surrogates, 100 kB), huge and
 * negative numbers, wrong types, unknown keys and `__proto__`, in bodies, queries and path parameters.
 * It asserts that nothing answers 5xx and that a refused request (4xx) leaves the database as it was.
 * Deterministic: a seeded generator (FUZZ_SEED to try another), a fixed number of cases per route.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 1352);
const CASES_PER_ROUTE = 6;

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}

const HUGE = 'x'.repeat(100_000);
const BODY_VALUES: unknown[] = [
  'a\u0000b', '\u0000', 'x\uD800', '\uDFFFy', 'ok\uD83D', HUGE, '😀'.repeat(300), '', ' ', "'; DROP TABLE jm_assignments; --",
  '__proto__', 'constructor', 'abcdefghijklmnopqrstuvwx', 'true', '2026-02-30',
  1e308, -1e308, 2147483648, -2147483649, 2 ** 53 + 2, 1000000000, 100000000, 99999999.995, -1, 0, 0.5,
  true, false, null, [], {}, [null], ['a\u0000'], [HUGE], JSON.parse('{"__proto__":{"polluted":true}}'), { nested: { deep: [1, { x: '\u0000' }] } },
];
/** Query values, already URL-encoded: %00 (NUL), %ED%A0%80 (a surrogate encoded as UTF-8, invalid), 3 kB. */
const QUERY_VALUES = ['a%00b', '%00', '%ED%A0%80', 'x'.repeat(3000), '-1', '99999999999999999999', '1e9', '', '%F0%9F%98%80', 'true', '__proto__', '0'];
const EXTRA_KEYS = ['__proto__', 'constructor', 'unknownKey', 'id', 'documentId'];

interface Route {
  method: string;
  path: string;
  handler: string;
  prefix: string;
}

describe(`fuzzing every route on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let token: string;
  let apiToken: string;
  const valid: Record<string, any> = {};

  beforeAll(async () => {
    app = await startStrapi('fuzz');
    token = (await registerSuperAdmin(app)).token;
    api = adminApi(app, token);
    const d = await demoJourney(api);
    const entry = await createEntry(app, ARTICLE, { title: 'Fuzzed article' });
    await tagEntry(api, ARTICLE, entry, { phases: [d.phases.consideration], personas: [d.personas.parent], cta: d.cta }).expect(200);
    const snapshot = (await api.post('/journey-map/snapshots', { journey: d.slug }).expect(200)).body.data.documentId;
    const kpiValue = (await api.put('/journey-map/measure/kpi-values', { cta: d.cta, date: '2026-01-01', value: 1 }).expect(200)).body.data.id;
    const file = (await api.get(`/journey-map/journeys/${d.slug}/export`).expect(200)).body;
    apiToken = (await app.strapi.service('admin::api-token').create({ name: 'fuzz', type: 'full-access', lifespan: null } as any)).accessKey;
    // The first event creates the plugin's stored salt; after it, a refused event changes only its rate window.
    await app.http().post('/api/journey-map/events').set('Authorization', `Bearer ${apiToken}`).send({ type: 'view', phase: d.phases.awareness }).expect(200);

    const phaseIds = Object.values(d.phases);
    Object.assign(valid, {
      d, entry, snapshot, kpiValue,
      params: (path: string): Record<string, string> => ({
        uid: ARTICLE,
        documentId: entry,
        slug: d.slug,
        id: path.startsWith('/phases') ? d.phases.consideration
          : path.startsWith('/personas') ? d.personas.parent
          : path.startsWith('/ctas') ? d.cta
          : path.startsWith('/snapshots') ? snapshot
          : path.startsWith('/measure/kpi-values') ? String(kpiValue)
          : d.journey,
      }),
      // Valid bodies and queries by handler; a route missing here is fuzzed from an empty template.
      bodies: {
        'settings.update': { minPerCell: 1 },
        'tags.replace': { phases: [d.phases.decision], personas: [], cta: null },
        'tags.bulk': { contentType: ARTICLE, documentIds: [entry], locale: 'en', mode: 'add', phases: [d.phases.decision], personas: [], cta: null },
        'drafts.create': { contentType: ARTICLE, locale: 'en', phase: d.phases.decision, title: 'Draft' },
        'snapshots.take': { journey: d.slug, note: 'note' },
        'journeys.createJourney': { name: 'Journey' },
        'journeys.updateJourney': { name: 'Journey renamed' },
        'journeys.createFromPreset': { preset: 'default', name: 'Preset journey' },
        'journeys.importJourney': { ...file, journey: { ...file.journey, slug: 'imported' } },
        'journeys.reorderPhases': { phases: phaseIds },
        'journeys.createPhase': { journey: d.journey, name: 'Phase' },
        'journeys.updatePhase': { name: 'Phase renamed' },
        'journeys.createPersona': { name: 'Persona' },
        'journeys.updatePersona': { name: 'Persona renamed' },
        'journeys.createCta': { label: 'CTA', phase: d.phases.decision },
        'journeys.updateCta': { label: 'CTA renamed', kpiTarget: 10 },
        'measure.putKpiValue': { cta: d.cta, date: '2026-01-02', value: 2 },
        // sent as JSON, without the multipart file: refused (400), nothing written
        'measure.importAnalytics': { source: 'ga4' },
        'measure.previewImport': { source: 'ga4' },
        'events.ingest': { type: 'view', phase: d.phases.awareness },
      } as Record<string, Record<string, unknown>>,
      queries: {
        'tags.list': { documentIds: entry, locale: 'en' },
        'tags.get': { locale: 'en' },
        'tags.replace': { locale: 'en' },
        'coverage.matrix': { journey: d.slug },
        'coverage.performance': { journey: d.slug, days: '30' },
        'nextContent.list': { journey: d.slug, locale: 'en' },
        'nextContent.brief': { journey: d.slug, phase: d.phases.decision, persona: d.personas.parent, locale: 'en' },
        'audit.list': { pageSize: '10' },
        'snapshots.compare': { from: snapshot, to: snapshot },
        'snapshots.list': { journey: d.slug },
        'journeys.listPersonas': { journey: d.slug },
        'journeys.listCtas': { journey: d.slug },
        'measure.kpis': { journey: d.slug },
        'measure.paths': { journey: d.slug },
        'measure.gaps': { journey: d.slug },
        'measure.listKpiValues': { cta: d.cta },
        'content.find': { journey: d.slug, phase: 'consideration' },
      } as Record<string, Record<string, string>>,
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Every route of the plugin, from Strapi's route table (deletes last: they may remove what others use). */
  const routes = (): Route[] => {
    const table = app.strapi.plugin('journey-map').routes as any;
    const all: Route[] = [
      ...table.admin.routes.map((r: any) => ({ ...r, prefix: '/journey-map' })),
      ...table['content-api'].routes.map((r: any) => ({ ...r, prefix: '/api/journey-map' })),
    ];
    return [...all.filter((r) => r.method !== 'DELETE'), ...all.filter((r) => r.method === 'DELETE')];
  };

  /** A digest of the plugin's tables, its stored settings and the site's row counts. */
  async function digest() {
    const k = app.strapi.db.connection;
    const tables: string[] = (await app.strapi.db.dialect.schemaInspector.getTables())
      .filter((t: string) => t.startsWith('jm_'))
      // A refused event still counts towards its client's rate limit (on purpose): its window changes.
      .filter((t: string) => t !== 'jm_rate_windows')
      .sort();
    const hash = crypto.createHash('sha256');
    for (const table of tables) {
      const rows = (await k(table).select('*')).map((r: any) => JSON.stringify(r)).sort();
      hash.update(`${table}:${rows.join('\n')}\n`);
    }
    const store = await k('strapi_core_store_settings').where('key', 'like', 'plugin_journey-map%').select('key', 'value').orderBy('key');
    hash.update(JSON.stringify(store));
    for (const table of ['articles', 'faqs', 'landing_pages']) hash.update(`${table}:${JSON.stringify(await k(table).count({ n: '*' }))}`);
    return hash.digest('hex');
  }

  const encodeQuery = (query: Record<string, string>) =>
    Object.entries(query)
      .map(([key, value]) => `${encodeURIComponent(key)}=${/%[0-9A-F]{2}/.test(value) ? value : encodeURIComponent(value)}`)
      .join('&');

  /** One fuzzed request for a route: a template with one thing broken. */
  function fuzzCase(route: Route, rnd: ReturnType<typeof generator>) {
    const params = valid.params(route.path);
    const body: any = JSON.parse(JSON.stringify(valid.bodies[route.handler] ?? {}));
    const query: Record<string, string> = { ...(valid.queries[route.handler] ?? {}) };
    let rawQuery = '';
    let rawBody: string | null = null;
    let sentBody: unknown = body;
    const mode = rnd.pick(['body', 'body', 'body', 'query', 'query', 'param', 'proto'] as const);
    const keys = [...Object.keys(body), ...EXTRA_KEYS];
    if (mode === 'body') {
      const op = rnd.pick(['set', 'set', 'set', 'drop', 'replace'] as const);
      if (op === 'set') body[rnd.pick(keys)] = rnd.pick(BODY_VALUES);
      else if (op === 'drop' && Object.keys(body).length) delete body[rnd.pick(Object.keys(body))];
      else sentBody = rnd.pick(BODY_VALUES);
    } else if (mode === 'query') {
      const key = rnd.pick([...Object.keys(query), ...EXTRA_KEYS, 'locale', 'journey', 'page']);
      const form = rnd.pick(['value', 'value', 'array', 'object'] as const);
      if (form === 'value') query[key] = rnd.pick(QUERY_VALUES);
      else {
        delete query[key];
        const k = encodeURIComponent(key);
        rawQuery = form === 'array' ? `${k}[]=${rnd.pick(QUERY_VALUES)}&${k}[]=1` : `${k}[__proto__][x]=1&${k}[a]=${rnd.pick(QUERY_VALUES)}`;
      }
    } else if (mode === 'param') {
      const names = Object.keys(params).filter((n) => route.path.includes(`:${n}`));
      if (names.length) params[rnd.pick(names)] = rnd.pick(['%00', '%ED%A0%80', 'x'.repeat(3000), '99999999999999999999', '-1', '__proto__', 'abcdefghijklmnopqrstuvwx']);
      else query[rnd.pick(EXTRA_KEYS)] = rnd.pick(QUERY_VALUES);
    } else {
      rawBody = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}${Object.keys(body).length ? `,${JSON.stringify(body).slice(1)}` : '}'}`;
    }
    const path = route.path.replace(/:(\w+)/g, (_, name) => (/%|^x+$/.test(params[name]) ? params[name] : encodeURIComponent(params[name])));
    const qs = [encodeQuery(query), rawQuery].filter(Boolean).join('&');
    return { url: `${route.prefix}${path}${qs ? `?${qs}` : ''}`, body: rawBody ?? sentBody, raw: rawBody !== null, mode };
  }

  it('answers every fuzzed request without a 5xx, and a refused one changes nothing', async () => {
    const rnd = generator(SEED);
    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    let sent = 0;
    let serverErrors = 0;
    let writes = 0;
    // Strapi logs the bodies its parser refuses (`__proto__`, a bare string); the problems list says what matters.
    app.strapi.log.silent = true;
    let before = await digest();
    for (const route of routes()) {
      for (let i = 0; i < CASES_PER_ROUTE; i += 1) {
        const c = fuzzCase(route, rnd);
        const auth = route.prefix === '/api/journey-map' ? apiToken : token;
        let req = (app.http() as any)[route.method.toLowerCase()](c.url).set('Authorization', `Bearer ${auth}`);
        // Sent as JSON text, so that a bare string, number or null is a body too.
        if (route.method !== 'GET' && route.method !== 'DELETE') req = req.set('Content-Type', 'application/json').send(c.raw ? c.body : JSON.stringify(c.body) ?? 'null');
        const res = await req;
        sent += 1;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const what = `${route.method} ${c.url.slice(0, 160)} (${c.mode}) → ${res.status} ${JSON.stringify(res.body?.error ?? '').slice(0, 200)}`;
        if (res.status >= 500) {
          serverErrors += 1;
          problems.push(what);
        }
        const after = await digest();
        if (res.status >= 400 && res.status < 500) {
          if (after !== before) problems.push(`database changed by a refused request: ${what}`);
          if (res.type === 'application/json' && res.body?.error?.status !== res.status) problems.push(`error body without its status: ${what}`);
        }
        if (res.status < 300 && after !== before) writes += 1;
        before = after;
      }
    }
    app.strapi.log.silent = false;
    expect(({}) as any).not.toHaveProperty('polluted');
    console.log(`fuzz on ${databaseClient()} (seed ${SEED}): ${sent} requests over ${routes().length} routes, ${serverErrors} 5xx, ${writes} writes; statuses ${JSON.stringify(statuses)}`);
    expect(problems).toEqual([]);
    expect(writes).toBeGreaterThan(0); // the digest sees writes: an unchanged one after a 4xx means something
    expect(sent).toBe(routes().length * CASES_PER_ROUTE);
  });

  it('names the field of a NUL byte, a lone surrogate or a number its column cannot hold, on every text route', async () => {
    const { d, entry } = valid;
    const cases: Array<[string, string, unknown, string]> = [
      ['post', '/journey-map/personas', { name: 'a\u0000b' }, 'body.name: must not contain NUL characters'],
      ['post', '/journey-map/journeys', { name: 'Journey', description: 'x\uD800' }, 'body.description: must be valid Unicode text'],
      ['post', '/journey-map/phases', { journey: d.journey, name: 'P', touchpoints: ['ok', '\u0000'] }, 'body.touchpoints.1: must not contain NUL characters'],
      ['post', '/journey-map/ctas', { label: 'L', phase: d.phases.decision, kpiMetric: '\uDC00' }, 'body.kpiMetric: must be valid Unicode text'],
      ['post', '/journey-map/ctas', { label: 'L', phase: d.phases.decision, kpiTarget: 1000000000 }, 'body.kpiTarget: must be between -99999999.99 and 99999999.99'],
      ['post', '/journey-map/drafts', { contentType: ARTICLE, locale: 'en', phase: d.phases.decision, title: 'T\u0000' }, 'body.title: must not contain NUL characters'],
      ['post', '/journey-map/snapshots', { journey: d.slug, note: 'n\u0000' }, 'body.note: must not contain NUL characters'],
      ['put', '/journey-map/measure/kpi-values', { cta: d.cta, date: '2026-01-03', value: 100000000 }, 'body.value: must be between -99999999.99 and 99999999.99'],
      ['put', '/journey-map/measure/kpi-values', { cta: d.cta, date: '2026-01-03', value: 1, note: '\u0000' }, 'body.note: must not contain NUL characters'],
      ['put', '/journey-map/settings', { staleAfterDays: 1e12 }, 'body.staleAfterDays: must be between 1 and 36500'],
      ['put', `/journey-map/phases/${d.phases.decision}`, { emotionScore: -3 }, 'body.emotionScore: must be between -2 and 2'],
      ['post', '/journey-map/journeys/import', { format: 'journey-map/journey@1', journey: { name: 'I', slug: 'i' }, phases: [{ name: 'P\u0000', slug: 'p', funnelBand: 'top' }] }, 'body.phases.0.name: must not contain NUL characters'],
    ];
    const before = await digest();
    for (const [method, path, body, message] of cases) {
      const res = await (api as any)[method === 'post' ? 'post' : 'put'](path, body);
      expect({ path, status: res.status, message: res.body.error?.message?.slice(0, message.length) }).toEqual({ path, status: 400, message });
    }
    expect(await digest()).toBe(before);
    expect((await tagEntry(api, ARTICLE, entry, { phases: ['abc\u0000defghijklmnop'] })).status).toBe(400);
  });
});
