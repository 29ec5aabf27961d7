import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { createTestDatabase, databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, ensureJapanese, tagEntry, type AdminApi } from '../helpers/fixtures';
import { PLAYGROUND, bootStrapi, clockOf, type TestApp } from '../helpers/strapi';

/**
 * A site installs the released 0.1.0 (the tarball in tests/fixtures), fills it through its API, then
 * switches to this build and boots on the same database. Everything a user sees must be what it was:
 * settings, the model, tags, coverage, the audit, snapshots and the KPI report. A second boot changes
 * nothing; data of a newer release is refused before Strapi touches a table.
 *
 * One instant for both sides: 0.1.0 reads `Date.now()` directly, so its process runs with `Date` faked
 * at NOW; this build's clock is frozen at NOW. NOW is the last millisecond of a Wednesday that is not
 * the last day of its month: 0.1.0 measured a running period's elapsed share in whole days up to the
 * end of today, this build to the millisecond, and at the end of a day (before the period's last day)
 * both give the same share, so the same projections.
 */
const NOW = '2026-11-18T23:59:59.999Z';
const DAY = 86_400_000;
/** Settings this release added: not in what 0.1.0 showed. */
const ADDED_SETTINGS = ['publishChecks', 'suggestionMinTagged', 'suggestionMinHitRate', 'nextContentWeights', 'briefFields', 'urlPatterns'];
const daysBefore = (days: number, hour = 10) => new Date(Date.parse(NOW) - days * DAY - (23 - hour) * 3600_000).toISOString();
const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'strapi-plugin-journey-map-0.1.0.tgz');
const ROOT = path.resolve(__dirname, '..', '..');
const APP = path.join(ROOT, '.tmp', `upgrade-app-${process.pid}`);
const INGESTION_KEY = 'upgrade-test-ingestion-key';
const ONLY_DATE: Array<keyof FakeableAPI> = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'];
type FakeableAPI = Record<'hrtime' | 'nextTick' | 'performance' | 'queueMicrotask' | 'requestAnimationFrame' | 'cancelAnimationFrame' | 'requestIdleCallback' | 'cancelIdleCallback' | 'setImmediate' | 'clearImmediate' | 'setInterval' | 'clearInterval' | 'setTimeout' | 'clearTimeout' | 'Date', unknown>;

/** A Strapi 5 app that depends on the released 0.1.0, as `npm install strapi-plugin-journey-map@0.1.0` leaves it. */
async function appWithRelease() {
  fs.rmSync(APP, { recursive: true, force: true });
  const target = path.join(APP, 'node_modules', 'strapi-plugin-journey-map');
  fs.mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'tsconfig.json', 'favicon.png', 'src', 'config', 'public']) {
    fs.cpSync(path.join(PLAYGROUND, entry), path.join(APP, entry), { recursive: true });
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(APP, 'package.json'), 'utf8'));
  pkg.dependencies['strapi-plugin-journey-map'] = '0.1.0';
  fs.writeFileSync(path.join(APP, 'package.json'), JSON.stringify(pkg, null, 2));
  fs.writeFileSync(
    path.join(APP, 'config', 'plugins.ts'),
    // The path is spelled out: inside jest, the package's own name resolves to this repository (the
    // current build), not to the unpacked release.
    "export default ({ env }) => ({\n  'journey-map': { enabled: true, resolve: './node_modules/strapi-plugin-journey-map' },\n  'users-permissions': { config: { jwtSecret: env('JWT_SECRET', 'playground-users-permissions-jwt-secret') } },\n});\n"
  );
  execFileSync('tar', ['-xzf', FIXTURE, '-C', target, '--strip-components=1']);
  expect(JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8')).version).toBe('0.1.0');
  await compileStrapi({ appDir: APP, ignoreDiagnostics: true });
}

/** Boots the separate app that has the released 0.1.0 installed. */
const bootRelease = (dbEnv: Record<string, string | undefined>): Promise<TestApp> => bootStrapi(dbEnv, {}, APP);

const login = async (app: TestApp) =>
  (await app.http().post('/admin/login').send({ email: 'lead@journey-map.test', password: 'Password1234' }).expect(200)).body.data.token as string;

/**
 * The audit and an entry's tags list an entry's phases and personas in the order the database returns
 * its tags, which PostgreSQL changes when rows are rewritten (as the migration does): compare them as sets.
 */
const byId = (list: any[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const unordered = (row: any) => ({ ...row, ...Object.fromEntries(['phases', 'personas', 'allPersonasPhases', 'rows'].filter((k) => Array.isArray(row[k])).map((k) => [k, byId(row[k])])) });

/** Every page of the audit (pageSize 100), with its counts. */
async function wholeAudit(api: AdminApi, query: string) {
  const rows: any[] = [];
  let meta: any;
  for (let page = 1; page <= 20; page += 1) {
    const body = (await api.get(`/journey-map/audit?pageSize=100&page=${page}&sort=title:asc${query}`).expect(200)).body;
    rows.push(...body.data.map(unordered));
    meta = body.meta;
    if (page >= meta.pagination.pageCount) break;
  }
  return { rows, counts: meta.counts, total: meta.pagination.total };
}

interface Site {
  journeys: Array<{ slug: string; documentId: string }>;
  entries: Array<{ uid: string; documentId: string; locale: string }>;
  snapshots: string[];
  ctas: string[];
}

/**
 * What a user can see, through the admin API, at the frozen instant. (The CSV exports are left out: they
 * render the same rows, and 0.1.0 loads its CSV writer with a dynamic import that jest cannot run from a
 * package under node_modules.)
 */
/**
 * Fields this release adds to answers 0.1.0 also gave (a CTA's imported actual, where a KPI's actual comes
 * from, the audit's `unread` flag and its period): left out of the comparison with 0.1.0, and checked on
 * their own after the upgrade.
 */
const ADDED_FIELDS = new Set(['importEventName', 'importLink', 'importLinkMatch', 'importMode', 'importSource', 'origins', 'imported', 'unread']);
const withoutAdded = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutAdded)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([k]) => !ADDED_FIELDS.has(k)).map(([k, v]) => [k, withoutAdded(v)]))
      : value;

async function everything(api: AdminApi, site: Site) {
  const out: Record<string, unknown> = {};
  // Fields added since 0.1.0 (the save version, per-type title fields) are compared where they exist on both.
  // Settings added since 0.1.0 are compared on their own (they take their defaults on upgrade).
  const { version: _version, titleFields: _titleFields, ...all } = (await api.get('/journey-map/settings').expect(200)).body.data;
  const settings = Object.fromEntries(Object.entries(all).filter(([k]) => !ADDED_SETTINGS.includes(k)));
  out.settings = settings;
  out.journeys = (await api.get('/journey-map/journeys').expect(200)).body.data;
  out.personas = (await api.get('/journey-map/personas').expect(200)).body.data;
  out.ctas = (await api.get('/journey-map/ctas').expect(200)).body.data;
  for (const j of site.journeys) {
    out[`journey ${j.slug}`] = (await api.get(`/journey-map/journeys/${j.slug}`).expect(200)).body.data;
    out[`export ${j.slug}`] = (await api.get(`/journey-map/journeys/${j.slug}/export`).expect(200)).body;
    for (const q of ['', '&locale=ja', '&includeDrafts=true', `&contentType=${FAQ}`]) {
      out[`coverage ${j.slug}${q}`] = (await api.get(`/journey-map/coverage?journey=${j.slug}${q}`).expect(200)).body.data;
    }
    out[`audit ${j.slug}`] = await wholeAudit(api, `&journey=${j.slug}`);
    out[`kpis ${j.slug}`] = (await api.get(`/journey-map/measure/kpis?journey=${j.slug}&periods=6`).expect(200)).body.data;
    const window = `from=2026-11-01&to=${NOW.slice(0, 10)}`;
    out[`paths ${j.slug}`] = (await api.get(`/journey-map/measure/paths?journey=${j.slug}&${window}`).expect(200)).body.data;
    out[`gaps ${j.slug}`] = (await api.get(`/journey-map/measure/gaps?journey=${j.slug}&${window}`).expect(200)).body.data;
    out[`snapshots ${j.slug}`] = (await api.get(`/journey-map/snapshots?journey=${j.documentId}`).expect(200)).body;
  }
  out.audit = await wholeAudit(api, '');
  out['audit stale ja'] = await wholeAudit(api, '&flag=stale&locale=ja');
  for (const id of site.snapshots) out[`snapshot ${id}`] = (await api.get(`/journey-map/snapshots/${id}`).expect(200)).body.data;
  out.compare = (await api.get(`/journey-map/snapshots/compare?from=${site.snapshots[0]}&to=${site.snapshots[1]}`).expect(200)).body.data;
  // 0.1.0 gave a value's updatedAt as epoch milliseconds on SQLite; this release gives ISO strings everywhere.
  const iso = (v: unknown) => new Date(typeof v === 'number' || /^\d+$/.test(String(v)) ? Number(v) : String(v)).toISOString();
  for (const cta of site.ctas) {
    const values = (await api.get(`/journey-map/measure/kpi-values?cta=${cta}`).expect(200)).body.data;
    out[`kpi values ${cta}`] = values.map((v: any) => ({ ...v, updatedAt: iso(v.updatedAt) }));
  }
  for (const e of site.entries) {
    out[`tags ${e.uid} ${e.documentId} ${e.locale}`] = unordered((await api.get(`/journey-map/assignments/${e.uid}/${e.documentId}?locale=${e.locale}`).expect(200)).body.data);
  }
  return withoutAdded(out) as Record<string, unknown>;
}

/** The source-of-truth rows of the plugin's tables (derived columns left out: the migration recomputes them). */
async function sourceRows(app: TestApp) {
  const k = app.strapi.db.connection;
  const rows = async (table: string, columns: string[], order: string[]) =>
    (await k(table).select(columns).orderBy(order)).map((r: any) => JSON.stringify(columns.map((c) => (r[c] instanceof Date ? r[c].toISOString() : r[c] === null ? null : String(r[c])))));
  return {
    tags: await rows('jm_assignments', ['document_id', 'content_type', 'entry_document_id', 'entry_locale', 'journey_id', 'phase_id', 'persona_id', 'cta_id'], ['document_id']),
    counters: await rows('jm_metric_counters', ['journey_id', 'phase_id', 'cta_id', 'day', 'event_type', 'total'], ['journey_id', 'phase_id', 'cta_id', 'day', 'event_type']),
    transitions: await rows('jm_path_transitions', ['journey_id', 'from_phase_id', 'to_phase_id', 'day', 'total'], ['journey_id', 'from_phase_id', 'to_phase_id', 'day']),
    kpiValues: await rows('jm_kpi_values', ['document_id', 'cta_id', 'value_date', 'value', 'note'], ['document_id']),
    snapshots: await rows('jm_snapshots', ['document_id', 'journey_id', 'kind', 'day', 'note'], ['document_id']),
  };
}

/** Tables whose rows expire by design (visitor sessions after their TTL, rate windows after two minutes, event receipts after two days). */
const EXPIRING = ['jm_visitor_sessions', 'jm_rate_windows', 'jm_event_receipts'];

/** Every row of every plugin table but the expiring ones, for "a second boot changes nothing". */
async function allPluginRows(app: TestApp) {
  const k = app.strapi.db.connection;
  const tables = ((await app.strapi.db.dialect.schemaInspector.getTables()) as string[]).filter((t) => t.startsWith('jm_') && !EXPIRING.includes(t)).sort();
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    out[t] = (await k(t).select('*')).map((r: any) => JSON.stringify(Object.keys(r).sort().map((c) => [c, r[c] instanceof Date ? r[c].toISOString() : r[c]]))).sort();
  }
  return out;
}

/** A plain connection to the test database, for looking at it while no Strapi runs. */
function rawConnection(env: Record<string, string | undefined>) {
  const knex = require('knex');
  if (env.DATABASE_CLIENT === 'sqlite') return knex({ client: 'better-sqlite3', connection: { filename: env.DATABASE_FILENAME }, useNullAsDefault: true });
  return knex({
    client: env.DATABASE_CLIENT === 'postgres' ? 'pg' : 'mysql2',
    connection: { host: env.DATABASE_HOST, port: Number(env.DATABASE_PORT), user: env.DATABASE_USERNAME, password: env.DATABASE_PASSWORD, database: env.DATABASE_NAME },
  });
}

describe(`upgrading from 0.1.0 on ${databaseClient()}`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp | undefined;
  const site: Site = { journeys: [], entries: [], snapshots: [], ctas: [] };
  let before: Record<string, unknown>;
  let sourceBefore: Awaited<ReturnType<typeof sourceRows>>;
  let afterUpgrade: Record<string, unknown>;
  let rowsAfterUpgrade: Awaited<ReturnType<typeof allPluginRows>>;

  const stop = async () => {
    const running = app;
    app = undefined;
    await running?.stop();
  };

  beforeAll(async () => {
    db = await createTestDatabase('upgrade');
    await appWithRelease();
  });
  afterAll(async () => {
    jest.useRealTimers();
    await stop();
    await db?.drop();
    fs.rmSync(APP, { recursive: true, force: true });
  });

  it('0.1.0 runs a site filled through its API', async () => {
    jest.useFakeTimers({ now: new Date(NOW), doNotFake: ONLY_DATE as any });
    app = await bootRelease(db.env);
    expect(app.strapi.plugin('journey-map')).toBeDefined();
    expect(require(require.resolve('strapi-plugin-journey-map/package.json', { paths: [APP] })).version).toBe('0.1.0');
    expect(app.strapi.service('plugin::journey-map.clock')).toBeUndefined(); // really 0.1.0: no clock service yet
    const credentials = { email: 'lead@journey-map.test', password: 'Password1234', firstname: 'Lead', lastname: 'Marketer' };
    const api = adminApi(app, (await app.http().post('/admin/register-admin').send(credentials).expect(200)).body.data.token);
    await ensureJapanese(app);

    await api.put('/journey-map/settings', {
      trackedContentTypes: [ARTICLE, FAQ], minPerCell: 1, maxPerCell: 3, staleAfterDays: 200, includeDrafts: false, dailySnapshot: true,
      ingestionKey: INGESTION_KEY, rateLimitPerMinute: 5000, sessionTtlMinutes: 45, pathConversionThreshold: 40,
    }).expect(200);
    const parent = (await api.post('/journey-map/personas', { name: 'Busy parent', painPoints: 'No time' }).expect(200)).body.data.documentId;
    const techie = (await api.post('/journey-map/personas', { name: 'Tech enthusiast' }).expect(200)).body.data.documentId;
    const owner = (await api.post('/journey-map/personas', { name: 'Small business owner' }).expect(200)).body.data.documentId;
    const repair = (await api.post('/journey-map/journeys/from-preset', { preset: 'default', name: 'Smartphone repair', product: 'Kumo phones', personas: [parent, techie] }).expect(200)).body.data;
    const phase = Object.fromEntries(repair.phases.map((p: any) => [p.slug, p.documentId])) as Record<string, string>;
    const care = (await api.post('/journey-map/journeys', { name: 'Kumo Care', slug: 'kumo-care', personas: [techie, owner] }).expect(200)).body.data;
    const careFirst = (await api.post('/journey-map/phases', { journey: care.documentId, name: 'Discover', funnelBand: 'top', emotionScore: 1, minContentPerPersona: 2 }).expect(200)).body.data.documentId;
    const careSecond = (await api.post('/journey-map/phases', { journey: care.documentId, name: 'Subscribe', funnelBand: 'bottom', touchpoints: ['shop', 'web'] }).expect(200)).body.data.documentId;
    await api.put(`/journey-map/journeys/${repair.documentId}`, { excludedCells: [{ phase: phase.advocacy, persona: techie }] }).expect(200);
    site.journeys = [{ slug: repair.slug, documentId: repair.documentId }, { slug: 'kumo-care', documentId: care.documentId }];

    const manual = (await api.post('/journey-map/ctas', { label: 'Download the manual', phase: phase.consideration, actionType: 'download', kpiMetric: 'manual downloads', kpiTarget: 40, kpiPeriod: 'month' }).expect(200)).body.data.documentId;
    const book = (await api.post('/journey-map/ctas', { label: 'Book a repair', phase: phase.purchase, persona: parent, kpiMetric: 'bookings', kpiBaseline: 5, kpiTarget: 12, kpiPeriod: 'week' }).expect(200)).body.data.documentId;
    const signUp = (await api.post('/journey-map/ctas', { label: 'Join Kumo Care', phase: careSecond, kpiMetric: 'sign-ups', kpiTarget: 3, kpiPeriod: 'quarter', kpiDirection: 'higher' }).expect(200)).body.data.documentId;
    site.ctas = [manual, book, signUp];

    // Entries: published with a Japanese version, drafts, and two last updated long ago (stale).
    const articles: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      articles.push(await createEntry(app, ARTICLE, { title: `Article ${i}`, slug: `article-${i}` }, { publish: i !== 5, ja: i < 3 ? { title: `記事 ${i}`, slug: `article-${i}` } : undefined }));
    }
    const faqs: string[] = [];
    for (let i = 0; i < 3; i += 1) faqs.push(await createEntry(app, FAQ, { question: `Question ${i}?`, slug: `question-${i}` }, { ja: i === 0 ? { question: `質問 ${i}?`, slug: `question-${i}` } : undefined }));
    const k = app.strapi.db.connection;
    await k(app.strapi.db.metadata.get(ARTICLE as any).tableName).whereIn('document_id', articles.slice(3, 5)).update({ updated_at: new Date(daysBefore(300)) });
    site.entries = [...articles.map((documentId) => ({ uid: ARTICLE, documentId, locale: 'en' })), ...articles.slice(0, 3).map((documentId) => ({ uid: ARTICLE, documentId, locale: 'ja' })), ...faqs.map((documentId) => ({ uid: FAQ, documentId, locale: 'en' }))];

    // Tags in two locales: per persona, for all personas, with CTAs, in both journeys, by bulk.
    await tagEntry(api, ARTICLE, articles[0], { phases: [phase.consideration, careFirst], personas: [parent, techie], cta: manual }).expect(200);
    await tagEntry(api, ARTICLE, articles[0], { phases: [phase.consideration], personas: [] }, 'ja').expect(200);
    await tagEntry(api, ARTICLE, articles[1], { phases: [phase.awareness, phase.purchase], personas: [parent], cta: book }).expect(200);
    await tagEntry(api, ARTICLE, articles[2], { phases: [phase.decision], personas: [] }, 'ja').expect(200);
    await tagEntry(api, ARTICLE, articles[3], { phases: [phase.retention, careSecond], personas: [techie] }).expect(200);
    await tagEntry(api, ARTICLE, articles[5], { phases: [phase.advocacy], personas: [parent] }).expect(200);
    await api.post('/journey-map/assignments/bulk', { contentType: FAQ, documentIds: faqs, locale: 'en', mode: 'add', phases: [phase.consideration, careFirst], personas: [] }).expect(200);

    const first = (await api.post('/journey-map/snapshots', { journey: repair.slug, note: 'Before the clean-up' }).expect(200)).body.data.documentId;
    await tagEntry(api, ARTICLE, articles[4], { phases: [phase.awareness], personas: [techie] }).expect(200);
    await api.post('/journey-map/assignments/bulk', { contentType: FAQ, documentIds: [faqs[2]], locale: 'en', mode: 'remove', phases: [careFirst] }).expect(200);
    const second = (await api.post('/journey-map/snapshots', { journey: repair.slug, note: 'After the clean-up' }).expect(200)).body.data.documentId;
    const careSnapshot = (await api.post('/journey-map/snapshots', { journey: care.documentId }).expect(200)).body.data.documentId;
    expect((await app.strapi.plugin('journey-map').service('snapshots').runDaily()).taken).toHaveLength(2);
    site.snapshots = [first, second, careSnapshot];

    // Measures: events over the last week (with the ingestion key), and KPI values entered by hand.
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'plugin::journey-map.events.ingest', role: role.id } });
    const events: any[] = [];
    for (let s = 0; s < 12; s += 1) {
      const session = `visitor-session-${s}`;
      const at = daysBefore(s % 6, 8 + (s % 5));
      events.push({ type: 'view', phase: phase.awareness, session, at });
      if (s % 3 !== 0) events.push({ type: 'view', phase: phase.consideration, session, at: daysBefore(s % 6, 14) });
      if (s % 2 === 0) events.push({ type: 'click', cta: manual, session, at: daysBefore(s % 6, 15) }, { type: 'conversion', cta: manual, session, at: daysBefore(s % 6, 16) });
      if (s % 4 === 1) events.push({ type: 'conversion', cta: book, session, at: daysBefore(s % 3, 17) });
      if (s % 5 === 0) events.push({ type: 'view', phase: careFirst, at: daysBefore(1) }, { type: 'conversion', cta: signUp, at: daysBefore(2) });
    }
    const posted = (await app.http().post('/api/journey-map/events').set('X-Journey-Map-Key', INGESTION_KEY).send({ events }).expect(200)).body.data;
    expect(posted).toEqual({ received: events.length, accepted: events.length, rejected: [] });
    await api.put('/journey-map/measure/kpi-values', { cta: signUp, date: '2026-10-31', value: 7, note: 'from the shop system' }).expect(200);
    await api.put('/journey-map/measure/kpi-values', { cta: book, date: '2026-11-09', value: 11 }).expect(200);

    before = await everything(api, site);
    sourceBefore = await sourceRows(app);
    expect(await app.strapi.db.connection('strapi_core_store_settings').where({ key: 'plugin_journey-map_secret' }).count({ n: '*' }).first().then((r: any) => Number(r.n))).toBe(1);
    // The report must show real data, or the comparison would prove nothing.
    const coverage = before[`coverage ${repair.slug}`] as any;
    expect(coverage.totals).toMatchObject({ cells: 12, 'not-applicable': 1 });
    expect(coverage.cells.filter((c: any) => c.count > 0).length).toBeGreaterThan(3);
    expect((before.audit as any).counts).toMatchObject({ stale: 2, draftOnly: 1 });
    expect((before[`kpis ${repair.slug}`] as any[]).map((c) => [c.actual, c.projected, c.currentPeriod.partial])).toEqual([[6, 10, true], [3, 7, true]]);
    expect((before.compare as any).entriesTagged).toHaveLength(1);
    await stop();
    jest.useRealTimers();

    // A 0.1.0 site's derived copies are rebuilt by the upgrade, not trusted: spoil them here.
    const spoil = await bootStrapi(db.env, { PLAYGROUND_WITHOUT_PLUGIN: 'true' });
    await spoil.strapi.db.connection('jm_assignments').update({ first_in_phase: false, entry_live_at: null });
    await spoil.strapi.db.connection('jm_entry_states').update({ tagged: false, other_locale_tagged: false, title: 'stale copy' });
    await spoil.stop();
  });

  it('this build boots on it, migrates once, and shows exactly what 0.1.0 showed', async () => {
    jest.useRealTimers();
    await stop();
    app = await bootStrapi(db.env, { JOURNEY_MAP_NOW: NOW });
    clockOf(app).freeze(NOW);
    const ledger = await app.strapi.db.connection('jm_migrations').select('migration', 'version', 'status').orderBy('migration');
    expect(ledger).toEqual([
      { migration: '0.2.0 backfill-cell-history', version: '0.2.0', status: 'done' },
      { migration: '0.2.0 forget-visitor-salt', version: '0.2.0', status: 'done' },
      { migration: '0.2.0 rebuild-derived-tables', version: '0.2.0', status: 'done' },
    ]);
    // The cell history (new) was filled from the daily snapshots 0.1.0 took: one row per cell of each.
    const dailies = await app.strapi.db.connection('jm_snapshots').where({ kind: 'daily' }).select('journey_id', 'day', 'payload');
    expect(dailies).toHaveLength(2);
    for (const s of dailies) {
      const cells = (typeof s.payload === 'string' ? JSON.parse(s.payload) : s.payload).cells;
      const rows = await app.strapi.db.connection('jm_cell_history').where({ journey_id: s.journey_id, day: s.day }).select('phase_id', 'persona_id', 'count', 'state');
      const key = (x: any[]) => x.map((c) => [c[0], c[1] ?? '', Number(c[2]), c[3]].join(' ')).sort();
      expect(key(rows.map((r: any) => [r.phase_id, r.persona_id, r.count, r.state]))).toEqual(key(cells.map((c: any) => [c.phase, c.persona, c.count, c.state])));
    }
    // 0.1.0 kept a salt for visitor hashes in the database; this release keys them outside it.
    expect(await app.strapi.db.connection('strapi_core_store_settings').where({ key: 'plugin_journey-map_secret' }).count({ n: '*' }).first().then((r: any) => Number(r.n))).toBe(0);
    expect(await sourceRows(app)).toEqual(sourceBefore);
    afterUpgrade = await everything(adminApi(app, await login(app)), site);
    for (const key of Object.keys(before)) expect([key, afterUpgrade[key]]).toEqual([key, before[key]]);
    expect(Object.keys(afterUpgrade)).toEqual(Object.keys(before));
    const added = (await adminApi(app, await login(app)).get('/journey-map/settings').expect(200)).body.data;
    expect(Object.fromEntries(ADDED_SETTINGS.map((k) => [k, added[k]]))).toEqual({
      publishChecks: {},
      suggestionMinTagged: 20,
      suggestionMinHitRate: 50,
      nextContentWeights: { persona: 3, cta: 3, emotion: 2, dropOff: 3, gapAge: 1 },
      briefFields: {},
      urlPatterns: {},
    });
    // The CTAs of 0.1.0 take no imported actual; the audit has no imported analytics to judge `unread` by.
    const api = adminApi(app, await login(app));
    for (const cta of (await api.get('/journey-map/ctas').expect(200)).body.data) {
      expect([cta.importEventName, cta.importLink, cta.importLinkMatch, cta.importMode, cta.importSource]).toEqual([null, null, null, null, null]);
    }
    const audit = (await api.get('/journey-map/audit').expect(200)).body.meta;
    expect([audit.counts.unread, audit.unread.computed]).toEqual([0, false]);
    // The coverage counts (new in this release) were built at the first boot: coverage above read them.
    const counted = await app!.strapi.db.connection('jm_cell_counts').count({ n: '*' }).first();
    expect(Number((counted as any).n)).toBeGreaterThan(0);
    expect((await app!.strapi.plugin('journey-map').service('consistency').check()).countsWrong).toBe(0);
    rowsAfterUpgrade = await allPluginRows(app);
    await stop();
  });

  it('a second boot changes nothing', async () => {
    await stop();
    app = await bootStrapi(db.env, { JOURNEY_MAP_NOW: NOW });
    clockOf(app).freeze(NOW);
    expect(await allPluginRows(app)).toEqual(rowsAfterUpgrade);
    const again = await everything(adminApi(app, await login(app)), site);
    expect(again).toEqual(afterUpgrade);
    // Reading reports (and logging in) wrote nothing to the plugin's tables either.
    expect(await allPluginRows(app)).toEqual(rowsAfterUpgrade);
    await stop();
  });

  it('refuses to start on data of a newer release, before Strapi syncs a table', async () => {
    await stop();
    // The last boot without the plugin stores a schema without its tables: a boot with the plugin
    // that got as far as the sync would store a new one.
    await (await bootStrapi(db.env, { PLAYGROUND_WITHOUT_PLUGIN: 'true' })).stop();
    const k = rawConnection(db.env);
    try {
      await k('jm_migrations').insert({ migration: '9.1.0 from-the-future', version: '9.1.0', name: 'from-the-future', status: 'done', claimed_by: 'newer', heartbeat_ms: 0 });
      const schemaBefore = await k('strapi_database_schema').select('*');
      const pluginRowsBefore = await k('jm_assignments').count({ n: '*' }).first();

      const previous = { ...process.env };
      Object.assign(process.env, Object.fromEntries(Object.entries(db.env).filter(([, v]) => v !== undefined)), { NODE_ENV: 'test', PLAYGROUND_SEED: 'false', CRON_ENABLED: 'false', STRAPI_LOG_LEVEL: 'error' });
      const refused = createStrapi({ appDir: PLAYGROUND, distDir: path.join(PLAYGROUND, 'dist') });
      const logged = jest.spyOn(refused.log, 'error').mockImplementation(() => refused.log);
      const expected =
        '[journey-map] Refusing to start: this database holds Journey Map data of version 9.1.0, newer than this code handles ' +
        '(data version 0.2.0). Downgrading is not supported: install strapi-plugin-journey-map 9.1.0 or later again, or restore ' +
        'the database backup taken before the upgrade.';
      try {
        await expect(refused.load()).rejects.toThrow(expected);
        expect(logged).toHaveBeenCalledWith(expected);
      } finally {
        await refused.destroy().catch(() => undefined);
        process.env = previous;
      }
      expect(await k('strapi_database_schema').select('*')).toEqual(schemaBefore);
      expect(await k('jm_assignments').count({ n: '*' }).first()).toEqual(pluginRowsBefore);
      expect((await k('jm_migrations').select('migration').orderBy('migration')).map((r: any) => r.migration)).toEqual(['0.2.0 backfill-cell-history', '0.2.0 forget-visitor-salt', '0.2.0 rebuild-derived-tables', '9.1.0 from-the-future']);
    } finally {
      await k.destroy();
    }
  });
});
