import { databaseClient } from '../helpers/database';
import { clearAnalytics, insertAnalyticsDays, insertAnalyticsEvents } from '../helpers/analytics';
import { ARTICLE, FAQ, adminApi, cellOf, createEntry, demoJourney, ensureJapanese, tagEntry, type AdminApi } from '../helpers/fixtures';
import { adminWithPermissions, clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

/**
 * Imported analytics at work: the content map's performance per cell and per entry, the audit's
 * `unread` flag, and a CTA's KPI actual from an imported event. The rows are written straight into the
 * analytics tables (tests/helpers/analytics.ts); the clock is frozen at 2026-11-30 noon UTC.
 */
describe(`imported analytics: performance, unread entries and KPI actuals on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const ids: Record<string, string> = {};
  const performance = async (query = '') => (await api.get(`/journey-map/coverage/performance?journey=${d.journey}${query}`).expect(200)).body.data;
  const audit = async (query = '') => (await api.get(`/journey-map/audit?journey=${d.journey}&pageSize=100${query}`).expect(200)).body;
  const unreadTitles = (body: any) => body.data.filter((r: any) => r.flags.includes('unread')).map((r: any) => r.title).sort();

  beforeAll(async () => {
    app = await startStrapi('analytics-effect');
    clockOf(app).freeze('2026-11-30T12:00:00.000Z');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
    ids.guide = await createEntry(app, ARTICLE, { title: 'Repair guide' }, { ja: { title: '修理ガイド' } });
    ids.faq = await createEntry(app, FAQ, { question: 'Is my data safe?' });
    ids.draft = await createEntry(app, ARTICLE, { title: 'Draft tips' }, { publish: false });
    ids.quiet = await createEntry(app, ARTICLE, { title: 'Quiet post' });
    ids.untagged = await createEntry(app, ARTICLE, { title: 'Untagged post' });
    await tagEntry(api, ARTICLE, ids.guide, { phases: [d.phases.awareness], personas: [] }).expect(200);
    await tagEntry(api, ARTICLE, ids.guide, { phases: [d.phases.awareness], personas: [] }, 'ja').expect(200);
    await tagEntry(api, FAQ, ids.faq, { phases: [d.phases.awareness], personas: [d.personas.parent] }).expect(200);
    await tagEntry(api, ARTICLE, ids.draft, { phases: [d.phases.awareness], personas: [d.personas.parent] }).expect(200);
    await tagEntry(api, ARTICLE, ids.quiet, { phases: [d.phases.decision], personas: [d.personas.techie] }).expect(200);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('says when nothing is imported: every cell 0, and the audit does not compute unread', async () => {
    const p = await performance();
    expect(p.range).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30 });
    expect(p.analytics).toEqual({ imported: false, sources: [] });
    expect(p.cells).toHaveLength(12);
    expect(p.cells.every((c: any) => c.views === 0 && c.conversions === 0)).toBe(true);
    const a = await audit();
    expect(a.meta.unread).toEqual({ computed: false, from: '2026-11-01', to: '2026-11-30', sources: [] });
    expect(a.meta.counts.unread).toBe(0);
  });

  it('sums the tagged entries of each cell, prorating rows that span more than the period', async () => {
    await insertAnalyticsDays(app, [
      { contentType: ARTICLE, documentId: ids.guide, locale: 'en', start: '2026-11-20', views: 100, conversions: 2 },
      { contentType: ARTICLE, documentId: ids.guide, locale: 'en', start: '2026-11-25', views: 50, conversions: 1 },
      // 61 days, no date per row: 30 of them fall in November
      { contentType: ARTICLE, documentId: ids.guide, locale: 'ja', start: '2026-10-01', end: '2026-11-30', views: 610, conversions: 61 },
      { contentType: FAQ, documentId: ids.faq, locale: 'en', start: '2026-10-15', views: 40 },
      { contentType: FAQ, documentId: ids.faq, locale: 'en', start: '2026-11-29', views: 7 },
      { contentType: ARTICLE, documentId: ids.untagged, locale: 'en', start: '2026-11-28', views: 999 },
      { source: 'plausible', contentType: ARTICLE, documentId: ids.guide, locale: 'en', start: '2026-11-20', views: 5 },
    ]);
    const p = await performance();
    expect(p.analytics).toEqual({
      imported: true,
      sources: [
        { source: 'ga4', first: '2026-10-01', last: '2026-11-30' },
        { source: 'plausible', first: '2026-11-20', last: '2026-11-20' },
      ],
    });
    // the guide (en 155 + ja 300) is tagged for all personas; the FAQ only for the parent
    expect(cellOf(p, d.phases.awareness, d.personas.techie)).toEqual({ phase: d.phases.awareness, persona: d.personas.techie, views: 455, conversions: 33 });
    expect(cellOf(p, d.phases.awareness, d.personas.parent)).toMatchObject({ views: 462, conversions: 33 });
    expect(cellOf(p, d.phases.decision, d.personas.techie)).toMatchObject({ views: 0, conversions: 0 });
    expect(p.phases.find((x: any) => x.phase === d.phases.awareness)).toEqual({ phase: d.phases.awareness, views: 462, conversions: 33 });
    expect(p.totals).toEqual({ views: 462, conversions: 33 });

    expect(cellOf(await performance('&source=ga4'), d.phases.awareness, d.personas.techie)).toMatchObject({ views: 450, conversions: 33 });
    expect(cellOf(await performance('&locale=ja'), d.phases.awareness, d.personas.parent)).toMatchObject({ views: 300, conversions: 30 });
    expect(cellOf(await performance(`&contentType=${FAQ}`), d.phases.awareness, d.personas.parent)).toMatchObject({ views: 7, conversions: 0 });
    // one day: the 61-day row counts a 61st of itself
    const day = await performance('&from=2026-11-20&to=2026-11-20');
    expect(day.range).toEqual({ from: '2026-11-20', to: '2026-11-20', days: 1 });
    expect(cellOf(day, d.phases.awareness, d.personas.techie)).toMatchObject({ views: 115, conversions: 3 });
    const october = await performance('&days=31&to=2026-10-31');
    expect(october.range).toEqual({ from: '2026-10-01', to: '2026-10-31', days: 31 });
    expect(cellOf(october, d.phases.awareness, d.personas.parent)).toMatchObject({ views: 350, conversions: 31 });
  });

  it('ranks the entries of a cell by views, then conversions; entries without views come last', async () => {
    const p = await performance(`&phase=${d.phases.awareness}&persona=${d.personas.parent}`);
    expect(p.cell.total).toBe(4);
    expect(p.cell.entries.map((e: any) => [e.rank, e.title, e.locale, e.views, e.conversions, e.published])).toEqual([
      [1, '修理ガイド', 'ja', 300, 30, true],
      [2, 'Repair guide', 'en', 155, 3, true],
      [3, 'Is my data safe?', 'en', 7, 0, true],
      [4, 'Draft tips', 'en', 0, 0, false],
    ]);
    const techie = await performance(`&phase=${d.phases.awareness}&persona=${d.personas.techie}&source=plausible`);
    expect(techie.cell.entries.map((e: any) => [e.rank, e.title, e.views])).toEqual([
      [1, 'Repair guide', 5],
      [2, '修理ガイド', 0],
    ]);
  });

  it('counts only the entries the caller may read in the Content Manager', async () => {
    const faqReader = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }, { action: 'plugin::content-manager.explorer.read', subject: FAQ, properties: { locales: ['en'] } }]));
    const p = (await faqReader.get(`/journey-map/coverage/performance?journey=${d.journey}&phase=${d.phases.awareness}&persona=${d.personas.parent}`).expect(200)).body.data;
    expect(cellOf(p, d.phases.awareness, d.personas.parent)).toMatchObject({ views: 7 });
    expect(cellOf(p, d.phases.awareness, d.personas.techie)).toMatchObject({ views: 0 });
    expect(p.cell.entries.map((e: any) => e.title)).toEqual(['Is my data safe?']);
    const nobody = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.settings' }]));
    await nobody.get(`/journey-map/coverage/performance?journey=${d.journey}`).expect(403);
  });

  it('refuses bad queries with a 400 naming the field', async () => {
    const bad = async (query: string, field: string) => {
      const res = await api.get(`/journey-map/coverage/performance?journey=${d.journey}${query}`).expect(400);
      expect(res.body.error.message).toContain(field);
    };
    await bad('&days=0', 'query.days');
    await bad('&days=367', 'query.days');
    await bad('&from=2026-11-31', 'query.from');
    await bad('&from=2026-11-10&to=2026-11-01', 'query.from');
    await bad('&days=7&from=2026-11-01', 'query.days');
    await bad(`&persona=${d.personas.parent}`, 'query.persona');
    await bad('&source=ga5', 'query.source');
    await bad('&contentType=api::nope.nope', 'query.contentType');
    await bad('&extra=1', 'extra');
    await api.get('/journey-map/coverage/performance?journey=no-such-journey').expect(404);
    const auditRes = await api.get('/journey-map/audit?days=0').expect(400);
    expect(auditRes.body.error.message).toContain('query.days');
  });

  it('flags tagged, published entries without views in the period as unread, in the list, counts, filter and CSV', async () => {
    const a = await audit();
    expect(a.meta.unread).toEqual({ computed: true, from: '2026-11-01', to: '2026-11-30', sources: ['ga4', 'plausible'] });
    // the draft is not published, the untagged post is not tagged: neither is "unread"
    expect(unreadTitles(a)).toEqual(['Quiet post']);
    expect(a.meta.counts.unread).toBe(1);
    const lastDay = await audit('&from=2026-11-30&to=2026-11-30');
    expect(unreadTitles(lastDay)).toEqual(['Is my data safe?', 'Quiet post', 'Repair guide']);
    expect(lastDay.meta.counts.unread).toBe(3);
    const filtered = await audit('&flag=unread&days=1');
    expect(filtered.data.map((r: any) => r.title).sort()).toEqual(['Is my data safe?', 'Quiet post', 'Repair guide']);
    expect(filtered.meta.pagination.total).toBe(3);
    const csv = (await api.get(`/journey-map/audit?journey=${d.journey}&flag=unread&format=csv`).expect(200)).text;
    expect(csv).toContain('Quiet post');
    expect(csv.trim().split('\n')).toHaveLength(2);
    // across all journeys too
    expect((await api.get('/journey-map/audit?flag=unread').expect(200)).body.meta.counts.unread).toBe(1);
    // a period without imports: not computed, nobody flagged
    const before = await audit('&from=2025-01-01&to=2025-01-31');
    expect(before.meta.unread).toEqual({ computed: false, from: '2025-01-01', to: '2025-01-31', sources: [] });
    expect(before.meta.counts.unread).toBe(0);
  });

  it("takes a CTA's actual from an imported event: added to the snippet's counts or instead of them", async () => {
    const k = app.strapi.db.connection;
    await k('jm_metric_counters').insert({ journey_id: d.journey, phase_id: d.phases.consideration, cta_id: d.cta, day: '2026-11-30', event_type: 'conversion', total: 3 });
    await insertAnalyticsEvents(app, [
      { eventName: 'file_download', link: 'https://example.com/files/Manual.pdf', start: '2026-11-10', total: 40 },
      { eventName: 'file_download', link: 'https://example.com/files/other.pdf', start: '2026-11-10', total: 99 },
      { eventName: 'file_download', link: 'https://example.com/files/Manual.pdf', start: '2026-10-17', end: '2026-11-15', total: 60 },
      { source: 'plausible', eventName: 'file_download', link: '/files/manual.pdf', start: '2026-11-12', total: 5 },
      { eventName: 'click', link: 'https://example.com/files/Manual.pdf', start: '2026-11-10', total: 1000 },
    ]);
    const kpi = async () => (await api.get(`/journey-map/measure/kpis?journey=${d.journey}`).expect(200)).body.data.find((c: any) => c.cta.documentId === d.cta);

    const before = await kpi();
    expect([before.actual, before.origins, before.imported]).toEqual([3, ['snippet'], null]);

    await api.put(`/journey-map/ctas/${d.cta}`, { importEventName: 'file_download', importLink: '/manual.pdf' }).expect(200);
    const added = await kpi();
    // 3 (snippet) + 40 + 30 of the 60 spread over 30 days (15 in November) + 5 (Plausible)
    expect(added.actual).toBe(78);
    expect(added.origins).toEqual(['snippet', 'ga4', 'plausible']);
    expect(added.imported).toEqual({ eventName: 'file_download', link: '/manual.pdf', linkMatch: 'contains', source: null, mode: 'add', value: 75, sources: ['ga4', 'plausible'] });
    expect(added.trend.find((p: any) => p.period === '2026-10')).toMatchObject({ value: 30, source: 'measured' });

    await api.put(`/journey-map/ctas/${d.cta}`, { importSource: 'ga4', importMode: 'replace' }).expect(200);
    const replaced = await kpi();
    expect([replaced.actual, replaced.origins, replaced.imported.value]).toEqual([70, ['ga4'], 70]);

    await api.put(`/journey-map/ctas/${d.cta}`, { importLink: '/files/manual.pdf', importLinkMatch: 'exact', importSource: null }).expect(200);
    const exact = await kpi();
    expect([exact.actual, exact.origins]).toEqual([5, ['plausible']]);

    // a value entered by hand is the period's figure
    await api.put('/journey-map/measure/kpi-values', { cta: d.cta, date: '2026-11-30', value: 480 }).expect(200);
    const manual = await kpi();
    expect([manual.actual, manual.source, manual.origins]).toEqual([480, 'manual', ['manual']]);

    const res = await api.put(`/journey-map/ctas/${d.cta}`, { importLinkMatch: 'fuzzy' }).expect(400);
    expect(res.body.error.message).toContain('body.importLinkMatch');
    await api.put(`/journey-map/ctas/${d.cta}`, { importSource: 'ga5' }).expect(400);
  });

  it('exports the imported actual in the journey file, and imports files with and without it', async () => {
    const file = (await api.get(`/journey-map/journeys/${d.journey}/export`).expect(200)).body;
    const cta = file.phases.find((p: any) => p.slug === 'consideration').ctas[0];
    expect(cta).toMatchObject({ importEventName: 'file_download', importLink: '/files/manual.pdf', importLinkMatch: 'exact', importMode: 'replace' });
    expect(cta).not.toHaveProperty('importSource');
    // CTAs without one are written as before
    await api.post('/journey-map/ctas', { label: 'Book a repair', phase: d.phases.purchase }).expect(200);
    const again = (await api.get(`/journey-map/journeys/${d.journey}/export`).expect(200)).body;
    expect(Object.keys(again.phases.find((p: any) => p.slug === 'purchase').ctas[0]).filter((key) => key.startsWith('import'))).toEqual([]);

    const copy = { ...file, journey: { ...file.journey, slug: 'copied-journey', name: 'Copied' } };
    const imported = (await api.post('/journey-map/journeys/import', copy).expect(200)).body.data;
    expect(imported.phases.find((p: any) => p.slug === 'consideration').ctas[0]).toMatchObject({ importEventName: 'file_download', importLinkMatch: 'exact', importMode: 'replace', importSource: null });
    const old = JSON.parse(JSON.stringify(file));
    for (const phase of old.phases) for (const c of phase.ctas) for (const key of Object.keys(c)) if (key.startsWith('import')) delete c[key];
    old.journey = { ...old.journey, slug: 'old-file', name: 'Old file' };
    const oldImported = (await api.post('/journey-map/journeys/import', old).expect(200)).body.data;
    expect(oldImported.phases.find((p: any) => p.slug === 'consideration').ctas[0]).toMatchObject({ importEventName: null });
    const badFile = JSON.parse(JSON.stringify(copy));
    badFile.journey.slug = 'bad-file';
    badFile.phases.find((p: any) => p.slug === 'consideration').ctas[0].importMode = 'sometimes';
    const bad = await api.post('/journey-map/journeys/import', badFile).expect(400);
    expect(bad.body.error.message).toContain('importMode');
  });

  it('leaves the unread flag and performance empty again once the imports are gone', async () => {
    await clearAnalytics(app);
    expect((await audit()).meta.unread.computed).toBe(false);
    expect((await performance()).analytics.imported).toBe(false);
  });
});
