import fs from 'fs';
import os from 'os';
import path from 'path';
import { databaseClient } from '../helpers/database';
import { seedSiteContent } from '../../playground/src/seed/site';
import { DEMO_URL_PATTERNS, DEMO_MANUAL_URL } from '../../playground/src/seed/analytics';
import { adminApi, type AdminApi } from '../helpers/fixtures';
import { adminWithPermissions, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'analytics');
const IMPORTS = '/journey-map/measure/imports';
const TYPES = Object.keys(DEMO_URL_PATTERNS);

describe(`Analytics imports on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let token: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-imports-'));

  /** A multipart request: the file and the text fields. */
  const upload = (file: string, fields: Record<string, string> = {}, route = IMPORTS, as = token) => {
    let r = app.http().post(route).set('Authorization', `Bearer ${as}`).attach('file', file);
    for (const [k, v] of Object.entries(fields)) r = r.field(k, v);
    return r;
  };
  const fixture = (name: string) => path.join(FIXTURES, name);
  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };
  

  /** The stored page rows of a source, as comparable objects (entry by slug). */
  const days = async (source: string) => {
    const k = app.strapi.db.connection;
    const rows = await k('jm_analytics_days').where({ source }).orderBy(['period_start', 'content_type', 'entry_document_id', 'entry_locale']);
    const slugs = new Map<string, string>();
    for (const uid of TYPES) {
      for (const e of await app.strapi.documents(uid as any).findMany({ locale: 'en', status: 'draft', fields: ['slug'] } as any)) slugs.set(e.documentId, e.slug);
    }
    return rows
      .map((r: any) => ({
        entry: `${r.content_type.split('.')[1]}:${slugs.get(r.entry_document_id)}:${r.entry_locale}`,
        period: `${r.period_start}..${r.period_end}`,
        views: Number(r.views),
        visitors: Number(r.visitors),
        engagedSeconds: Number(r.engaged_seconds),
        conversions: Number(r.conversions),
      }))
      .sort((a: any, b: any) => (a.period + a.entry).localeCompare(b.period + b.entry));
  };
  const events = async (source: string) =>
    (await app.strapi.db.connection('jm_analytics_events').where({ source }))
      .map((r: any) => ({ name: r.event_name, link: r.link, period: `${r.period_start}..${r.period_end}`, total: Number(r.total), key: r.event_key }))
      .sort((a: any, b: any) => (a.period + a.name + a.link).localeCompare(b.period + b.name + b.link));
  const countAll = async () => {
    const k = app.strapi.db.connection;
    const [d] = await k('jm_analytics_days').count({ n: '*' });
    const [e] = await k('jm_analytics_events').count({ n: '*' });
    return Number(d.n) + Number(e.n);
  };

  beforeAll(async () => {
    app = await startStrapi('analytics-import');
    token = (await registerSuperAdmin(app)).token;
    api = adminApi(app, token);
    await seedSiteContent(app.strapi);
    await api.put('/journey-map/settings', { trackedContentTypes: TYPES, urlPatterns: DEMO_URL_PATTERNS }).expect(200);
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('keeps URL patterns in Settings and refuses placeholders that are not fields of the type', async () => {
    const settings = (await api.get('/journey-map/settings').expect(200)).body.data;
    expect(settings.urlPatterns['api::article.article']).toEqual(DEMO_URL_PATTERNS['api::article.article']);
    const bad = await api.put('/journey-map/settings', { urlPatterns: { 'api::article.article': [{ locale: null, pattern: '/blog/{permalink}' }] } }).expect(400);
    expect(bad.body.error.message).toBe('body.urlPatterns.api::article.article.0.pattern: {permalink} is not a field of api::article.article');
    const noPlaceholder = await api.put('/journey-map/settings', { urlPatterns: { 'api::faq.faq': [{ locale: null, pattern: '/faq' }] } }).expect(400);
    expect(noPlaceholder.body.error.message).toMatch(/needs a placeholder/);
    const notLocale = await api.put('/journey-map/settings', { urlPatterns: { 'api::faq.faq': [{ locale: 'en', pattern: '/faq/{body}' }] } }).expect(400);
    expect(notLocale.body.error.message).toMatch(/body\.urlPatterns\.api::faq\.faq\.0\.pattern: \{body\}/);
  });

  it('previews a GA4 page export without writing: recognised, matched by the URL patterns, unmatched named', async () => {
    const summary = (await upload(fixture('ga4-pages.csv'), {}, `${IMPORTS}/preview`).expect(200)).body.data;
    expect(summary).toMatchObject({
      written: false,
      source: 'ga4',
      kind: 'pages',
      format: 'ga4-pages',
      period: { start: '2026-11-01', end: '2026-11-30' },
      rowsRead: 12,
      matched: 9,
      unmatched: { count: 3, examples: ['/', '/contact', '/search'] },
      rejected: { count: 0, rows: [] },
      stored: 7,
      replaced: 0,
    });
    expect(summary.byType).toEqual([
      { contentType: 'api::article.article', entries: 4, views: 2600 + 640 + 1310 + 1085 },
      { contentType: 'api::case-study.case-study', entries: 1, views: 95 },
      { contentType: 'api::faq.faq', entries: 1, views: 730 },
      { contentType: 'api::landing-page.landing-page', entries: 1, views: 1460 },
    ]);
    expect(await countAll()).toBe(0);
  });

  const GA4_PAGES = [
    { entry: 'article:battery-health-explained:en', views: 1085, visitors: 921, engagedSeconds: 60202, conversions: 3 },
    { entry: 'article:cracked-screen-repair-or-replace:en', views: 1310, visitors: 1102, engagedSeconds: 81548, conversions: 8 },
    { entry: 'article:what-to-do-when-your-smartphone-breaks:en', views: 2600, visitors: 2073, engagedSeconds: 196255, conversions: 43 },
    { entry: 'article:what-to-do-when-your-smartphone-breaks:ja', views: 640, visitors: 512, engagedSeconds: 52480, conversions: 9 },
    { entry: 'case-study:courier-company:en', views: 95, visitors: 88, engagedSeconds: 10560, conversions: 1 },
    { entry: 'faq:how-long-does-a-repair-take:en', views: 730, visitors: 688, engagedSeconds: 15136, conversions: 0 },
    { entry: 'landing-page:broken-phone-manual:en', views: 1460, visitors: 1299, engagedSeconds: 62352, conversions: 463 },
  ].map((r) => ({ ...r, period: '2026-11-01..2026-11-30' }));

  it('imports a GA4 page export: one row per entry for the export range, and a re-import replaces it', async () => {
    const first = (await upload(fixture('ga4-pages.csv')).expect(200)).body.data;
    expect(first).toMatchObject({ written: true, stored: 7, replaced: 0 });
    expect(await days('ga4')).toEqual(GA4_PAGES);
    const again = (await upload(fixture('ga4-pages.csv'), { source: 'ga4' }).expect(200)).body.data;
    expect(again).toMatchObject({ written: true, stored: 7, replaced: 7 });
    expect(await days('ga4')).toEqual(GA4_PAGES);
  });

  it('imports GA4 events per name, link and day (the manual download link as the export spells it, host lowercased, fragment dropped)', async () => {
    const summary = (await upload(fixture('ga4-events.csv')).expect(200)).body.data;
    expect(summary).toMatchObject({ source: 'ga4', kind: 'events', format: 'ga4-events', period: { start: '2026-11-01', end: '2026-11-30' }, rowsRead: 35, matched: 35, stored: 34 });
    const rows = await events('ga4');
    const manual = rows.filter((r: any) => r.link === DEMO_MANUAL_URL);
    expect(manual.slice(0, 3).map((r: any) => [r.period, r.total])).toEqual([
      ['2026-11-01..2026-11-01', 19],
      ['2026-11-02..2026-11-02', 17],
      ['2026-11-03..2026-11-03', 16],
    ]);
    expect(manual).toHaveLength(30);
    expect(manual.reduce((sum: number, r: any) => sum + r.total, 0)).toBe(484);
    const lead = rows.find((r: any) => r.name === 'generate_lead');
    expect(lead).toMatchObject({ link: '', total: 3 });
    const { createHash } = await import('crypto');
    expect(lead?.key).toBe(createHash('sha256').update('generate_lead\n').digest('hex'));
    // the page rows of GA4 stay: an event import replaces events only
    expect(await days('ga4')).toEqual(GA4_PAGES);
  });

  it('imports Plausible exports: the site export (pages and custom events per day) and a dashboard page report with its period', async () => {
    const pages = (await upload(fixture('plausible-pages.csv')).expect(200)).body.data;
    expect(pages).toMatchObject({ source: 'plausible', format: 'plausible-export-pages', period: { start: '2026-11-01', end: '2026-11-02' }, rowsRead: 6, matched: 5, unmatched: { count: 1, examples: ['/contact'] } });
    expect(await days('plausible')).toEqual([
      { entry: 'article:what-to-do-when-your-smartphone-breaks:en', period: '2026-11-01..2026-11-01', views: 84, visitors: 76, engagedSeconds: 6840, conversions: 0 },
      { entry: 'landing-page:broken-phone-manual:en', period: '2026-11-01..2026-11-01', views: 53, visitors: 50, engagedSeconds: 2210, conversions: 0 },
      { entry: 'article:what-to-do-when-your-smartphone-breaks:en', period: '2026-11-02..2026-11-02', views: 97, visitors: 88, engagedSeconds: 7520, conversions: 0 },
      { entry: 'article:what-to-do-when-your-smartphone-breaks:ja', period: '2026-11-02..2026-11-02', views: 23, visitors: 21, engagedSeconds: 2310, conversions: 0 },
      { entry: 'faq:how-long-does-a-repair-take:en', period: '2026-11-02..2026-11-02', views: 31, visitors: 30, engagedSeconds: 660, conversions: 0 },
    ]);
    const ev = (await upload(fixture('plausible-custom-events.csv')).expect(200)).body.data;
    expect(ev).toMatchObject({ format: 'plausible-export-events', stored: 5 });
    expect((await events('plausible')).map((r: any) => [r.name, r.link, r.period, r.total])).toEqual([
      ['File Download', DEMO_MANUAL_URL, '2026-11-01..2026-11-01', 16],
      ['404', '/old-shipping-box', '2026-11-02..2026-11-02', 2],
      ['File Download', DEMO_MANUAL_URL, '2026-11-02..2026-11-02', 18],
      ['Outbound Link: Click', 'https://partner.example/insurance', '2026-11-02..2026-11-02', 6],
      ['Signup', '', '2026-11-02..2026-11-02', 3],
    ]);

    const noPeriod = await upload(fixture('plausible-dashboard-pages.csv')).expect(400);
    expect(noPeriod.body.error.message).toBe('body.periodEnd: this export has no date per row: give periodStart and periodEnd');
    const dashboard = (await upload(fixture('plausible-dashboard-pages.csv'), { periodStart: '2026-10-01', periodEnd: '2026-10-31' }).expect(200)).body.data;
    expect(dashboard).toMatchObject({ format: 'plausible-dashboard-pages', period: { start: '2026-10-01', end: '2026-10-31' }, matched: 3, stored: 3, replaced: 0 });
    const october = (await days('plausible')).filter((r: any) => r.period === '2026-10-01..2026-10-31');
    expect(october.find((r: any) => r.entry === 'landing-page:broken-phone-manual:en')).toEqual({ entry: 'landing-page:broken-phone-manual:en', period: '2026-10-01..2026-10-31', views: 1402, visitors: 1250, engagedSeconds: 1250 * 51, conversions: 0 });
  });

  it('imports Matomo exports (UTF-16 with a BOM, as Matomo writes them): pages by their URL and events', async () => {
    const pages = (await upload(fixture('matomo-pages.csv'), { periodStart: '2026-11-01', periodEnd: '2026-11-30' }).expect(200)).body.data;
    expect(pages).toMatchObject({ source: 'matomo', format: 'matomo-pages', rowsRead: 5, matched: 4, unmatched: { count: 1, examples: ['/contact'] }, stored: 4 });
    expect((await days('matomo')).find((r: any) => r.entry === 'article:what-to-do-when-your-smartphone-breaks:en')).toEqual({
      entry: 'article:what-to-do-when-your-smartphone-breaks:en',
      period: '2026-11-01..2026-11-30',
      views: 2231,
      visitors: 1702,
      engagedSeconds: 198559,
      conversions: 0,
    });
    const ev = (await upload(fixture('matomo-events.csv'), { source: 'matomo', periodStart: '2026-11-01', periodEnd: '2026-11-30' }).expect(200)).body.data;
    expect(ev).toMatchObject({ format: 'matomo-events', stored: 2 });
    expect((await events('matomo')).map((r: any) => [r.name, r.total])).toEqual([
      ['file_download', 70],
      ['video_play', 52],
    ]);
  });

  it('imports a generic file through its column mapping', async () => {
    const file = write(
      'generic.csv',
      ['Day;URL;Hits;People;Seconds;Goals', '2026-09-01;https://kumo.example/lp/trade-in?ref=x;10;8;00:02:00;1', '2026-09-02;/lp/trade-in/;5;5;30;0', '2026-09-02;/nowhere;7;7;1;0'].join('\n')
    );
    const mapping = JSON.stringify({ path: 'URL', date: 'Day', views: 'Hits', visitors: 'People', engagedSeconds: 'Seconds', conversions: 'Goals' });
    const summary = (await upload(file, { source: 'generic', mapping }).expect(200)).body.data;
    expect(summary).toMatchObject({ source: 'generic', format: 'generic', period: { start: '2026-09-01', end: '2026-09-02' }, rowsRead: 3, matched: 2, stored: 2 });
    expect(await days('generic')).toEqual([
      { entry: 'landing-page:trade-in:en', period: '2026-09-01..2026-09-01', views: 10, visitors: 8, engagedSeconds: 120, conversions: 1 },
      { entry: 'landing-page:trade-in:en', period: '2026-09-02..2026-09-02', views: 5, visitors: 5, engagedSeconds: 30, conversions: 0 },
    ]);
    const missing = await upload(file, { source: 'generic', mapping: JSON.stringify({ path: 'Page', views: 'Hits' }) }).expect(400);
    expect(missing.body.error.message).toBe('body.mapping.path: the file has no column "Page"');
  });

  it('refuses a file with a bad cell as a whole, naming the row and the column, and writes nothing', async () => {
    const before = await countAll();
    const lines = fs.readFileSync(fixture('ga4-pages.csv'), 'utf8').split('\n');
    lines[14] = lines[14].replace(',1310,', ',13l0,'); // line 15 of the file: the cracked-screen article
    const bad = write('ga4-bad.csv', lines.join('\n'));
    const res = await upload(bad).expect(400);
    expect(res.body.error.message).toBe('body.file: row 15, column "Views": "13l0" is not a number (nothing was imported)');
    expect(res.body.error.details.rejected).toEqual({ count: 1, rows: [{ row: 15, column: 'Views', message: '"13l0" is not a number' }] });
    const date = write('bad-date.csv', 'date,hostname,page,visits,visitors,pageviews\n2026-11-01,k,/lp/trade-in,1,1,1\n2026-02-30,k,/lp/trade-in,1,1,1\n');
    const res2 = await upload(date).expect(400);
    expect(res2.body.error.message).toMatch(/^body\.file: row 3, column "date": "2026-02-30" is not a date/);
    expect(await countAll()).toBe(before);
    expect(await days('ga4')).toEqual(GA4_PAGES);
    // a preview lists the rejected rows instead of refusing
    const preview = (await upload(bad, {}, `${IMPORTS}/preview`).expect(200)).body.data;
    expect(preview.rejected).toEqual({ count: 1, rows: [{ row: 15, column: 'Views', message: '"13l0" is not a number' }] });
  });

  it('checks the fields: source, period, mapping and the file', async () => {
    expect((await upload(fixture('ga4-pages.csv'), { source: 'omniture' }).expect(400)).body.error.message).toMatch(/^body\.source: /);
    expect((await upload(fixture('ga4-pages.csv'), { periodStart: '2026-11-01' }).expect(400)).body.error.message).toBe('body.periodEnd: give both periodStart and periodEnd, or neither');
    expect((await upload(fixture('ga4-pages.csv'), { source: 'generic' }).expect(400)).body.error.message).toBe('body.mapping: a generic file needs its column mapping');
    expect((await upload(fixture('ga4-pages.csv'), { source: 'generic', mapping: '{' }).expect(400)).body.error.message).toBe('body.mapping: must be JSON');
    expect((await upload(fixture('ga4-pages.csv'), { source: 'matomo' }).expect(400)).body.error.message).toMatch(/^body\.file: the header row \(Page path and screen class, Views/);
    expect((await api.post(IMPORTS, { source: 'ga4' }).expect(400)).body.error.message).toBe('body.file: attach the CSV export as the multipart field "file"');
  });

  it('runs two imports of one source and period at once: the result is exactly one of them', async () => {
    const make = (name: string, factor: number) =>
      write(
        name,
        ['Day,URL,Hits', ...Array.from({ length: 224 }, (_, i) => `2026-08-${String((Math.floor(i / 4) % 28) + 1).padStart(2, '0')},/articles/${['battery-health-explained', 'repair-prices-2026', 'phone-care-habits', 'trade-in-your-old-phone'][i % 4]},${factor}`)].join('\n')
      );
    const a = make('race-a.csv', 1);
    const b = make('race-b.csv', 1000);
    const mapping = JSON.stringify({ path: 'URL', date: 'Day', views: 'Hits' });
    const fields = { source: 'generic', mapping, periodStart: '2026-08-01', periodEnd: '2026-08-31' };
    for (let round = 0; round < 3; round++) {
      const [ra, rb] = await Promise.all([upload(a, fields), upload(b, fields)]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const rows = (await days('generic')).filter((r: any) => r.period.startsWith('2026-08'));
      const views = new Set(rows.map((r: any) => r.views));
      // 28 days × 4 articles, each key twice in a file: every row is 2 (file a) or 2000 (file b), never 2002 or a mix
      expect(rows.length).toBe(112);
      expect(views.size).toBe(1);
      expect([2, 2000]).toContain([...views][0]);
    }
  });

  it('imports 100,000 rows in bounded memory', async () => {
    const file = path.join(tmp, 'big.csv');
    const out = fs.createWriteStream(file);
    const slugs = ['what-to-do-when-your-smartphone-breaks', 'cracked-screen-repair-or-replace', 'battery-health-explained', 'phone-care-habits'];
    out.write('Page path and screen class,Date,Views,Active users,Average engagement time per active user,Key events\n');
    let expectedViews = 0;
    for (let i = 0; i < 100_000; i++) {
      const day = `202607${String((i % 31) + 1).padStart(2, '0')}`;
      const matched = i % 5 !== 0;
      const p = matched ? `/articles/${slugs[i % 4]}?v=${i % 97}` : `/unknown/${i}`;
      const views = (i % 7) + 1;
      if (matched) expectedViews += views;
      out.write(`${p},${day},${views},1,10,0\n`);
    }
    await new Promise((resolve) => out.end(resolve));
    const started = Date.now();
    const summary = (await upload(file, { source: 'ga4' }).expect(200)).body.data;
    expect(summary).toMatchObject({ rowsRead: 100_000, matched: 80_000, unmatched: { count: 20_000 }, period: { start: '2026-07-01', end: '2026-07-31' }, stored: 4 * 31 });
    expect(summary.unmatched.examples).toHaveLength(10);
    const rows = (await days('ga4')).filter((r: any) => r.period.startsWith('2026-07'));
    expect(rows.reduce((s: number, r: any) => s + r.views, 0)).toBe(expectedViews);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 180_000);

  it('is refused to an admin without the manage action (read is not enough)', async () => {
    const reader = await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }]);
    await upload(fixture('ga4-pages.csv'), {}, IMPORTS, reader).expect(403);
    await upload(fixture('ga4-pages.csv'), {}, `${IMPORTS}/preview`, reader).expect(403);
  });
});
