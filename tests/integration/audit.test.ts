import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, ensureJapanese, tagEntry, type AdminApi } from '../helpers/fixtures';
import { parseCsv } from '../helpers/csv';
import { AUDIT_SORTS } from '../../shared/constants';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

describe(`audit on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startStrapi('audit');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
    const tag = (uid: string, id: string, body: unknown, locale = 'en') => tagEntry(api, uid, id, body, locale).expect(200);
    ids.tagged = await createEntry(app, ARTICLE, { title: 'Tagged with a CTA phase' }, { ja: { title: 'スマホ修理ガイド' } });
    await tag(ARTICLE, ids.tagged, { phases: [d.phases.consideration], personas: [d.personas.parent] });
    ids.noCta = await createEntry(app, ARTICLE, { title: 'Tagged to awareness, which has no CTA' });
    await tag(ARTICLE, ids.noCta, { phases: [d.phases.awareness] });
    ids.draft = await createEntry(app, ARTICLE, { title: 'Draft, never published' }, { publish: false });
    ids.stale = await createEntry(app, FAQ, { question: 'An old question, "quoted", with commas' });
    // Backdated through the query engine (as the playground's seed does): its lifecycles keep the plugin's copy in step.
    await app.strapi.db.query(FAQ).updateMany({ where: { documentId: ids.stale }, data: { updatedAt: new Date(clockOf(app).now().getTime() - 500 * 86400000) } });
    ids.untagged = await createEntry(app, FAQ, { question: 'Untagged question' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const audit = async (query = '') => (await api.get(`/journey-map/audit?pageSize=100${query}`).expect(200)).body;
  const row = (body: any, id: string, locale = 'en') => body.data.find((r: any) => r.documentId === id && r.locale === locale);

  it('lists every entry × locale of the tracked types with title, status, tags and flags', async () => {
    const body = await audit();
    expect(body.meta.pagination.total).toBe(6); // 5 entries, one with a Japanese version
    expect(row(body, ids.tagged)).toMatchObject({
      contentType: ARTICLE,
      title: 'Tagged with a CTA phase',
      status: 'published',
      phases: [{ documentId: d.phases.consideration, name: 'Consideration' }],
      personas: [{ documentId: d.personas.parent }],
      flags: [],
    });
    expect(row(body, ids.tagged, 'ja')).toMatchObject({ title: 'スマホ修理ガイド', flags: ['untagged', 'missingInOtherLocale'] });
    expect(row(body, ids.noCta).flags).toEqual(['phaseWithoutCta']);
    expect(row(body, ids.noCta).personas).toEqual([{ documentId: null, name: 'All personas' }]);
    expect(row(body, ids.draft)).toMatchObject({ status: 'draft', flags: ['untagged', 'draftOnly'] });
    expect(row(body, ids.stale)).toMatchObject({ title: 'An old question, "quoted", with commas', flags: ['untagged', 'stale'] });
    expect(row(body, ids.untagged).flags).toEqual(['untagged']);
    expect(body.meta.counts).toEqual({ untagged: 4, stale: 1, draftOnly: 1, phaseWithoutCta: 1, missingInOtherLocale: 1, unread: 0 });
  });

  it('filters by flag, type, locale, phase and persona, and paginates and sorts in the database', async () => {
    expect((await audit('&flag=untagged')).data.map((r: any) => r.documentId).sort()).toEqual(
      [ids.tagged, ids.draft, ids.stale, ids.untagged].sort()
    );
    expect((await audit(`&contentType=${FAQ}`)).meta.pagination.total).toBe(2);
    expect((await audit('&locale=ja')).data.map((r: any) => r.title)).toEqual(['スマホ修理ガイド']);
    expect((await audit(`&phase=${d.phases.consideration}`)).data.map((r: any) => r.documentId)).toEqual([ids.tagged]);
    expect((await audit(`&persona=${d.personas.techie}`)).data.map((r: any) => r.documentId)).toEqual([ids.noCta]);

    const page1 = (await api.get('/journey-map/audit?page=1&pageSize=4&sort=title:asc').expect(200)).body;
    const page2 = (await api.get('/journey-map/audit?page=2&pageSize=4&sort=title:asc').expect(200)).body;
    expect(page1.meta.pagination).toEqual({ page: 1, pageSize: 4, pageCount: 2, total: 6 });
    expect(page1.data).toHaveLength(4);
    expect(page2.data).toHaveLength(2);
    const titles = [...page1.data, ...page2.data].map((r: any) => r.title);
    expect(new Set(titles).size).toBe(6);
    expect(titles[0]).toBe('An old question, "quoted", with commas');

    const bad = await api.get('/journey-map/audit?pageSize=1000').expect(400);
    expect(bad.body.error.message).toMatch(/query\.pageSize/);
    expect((await api.get('/journey-map/audit?flag=everything').expect(400)).body.error.message).toMatch(/query\.flag/);
    expect((await api.get('/journey-map/audit?sort=id;drop').expect(400)).body.error.message).toMatch(/query\.sort/);
  });

  it('scopes tags and flags to one journey when asked', async () => {
    const other = await demoJourney(api, 'Other journey');
    await api.put(`/journey-map/assignments/${FAQ}/${ids.untagged}?locale=en`, { phases: [other.phases.decision] }).expect(200);
    expect(row(await audit(), ids.untagged).flags).toEqual(['phaseWithoutCta']); // the other journey's Decision has no CTA
    expect(row(await audit(`&journey=${d.journey}`), ids.untagged).flags).toEqual(['untagged']);
    await api.put(`/journey-map/assignments/${FAQ}/${ids.untagged}?locale=en`, { phases: [] }).expect(200);
  });

  it('follows CTAs added and removed anywhere: the phase-without-CTA flag and its count', async () => {
    const counts = async () => (await audit()).meta.counts.phaseWithoutCta;
    const before = await counts();
    expect(row(await audit(), ids.noCta).flags).toEqual(['phaseWithoutCta']);
    // Through the document service, as the Content Manager would: no plugin route is involved.
    const cta = await app.strapi.documents('plugin::journey-map.cta' as any).create({
      data: { label: 'Read the repair guide', phase: d.phases.awareness, actionType: 'visit', kpiMetric: 'clicks', kpiTarget: 10, kpiPeriod: 'month' },
    } as any);
    expect(row(await audit(), ids.noCta).flags).toEqual([]);
    expect(await counts()).toBe(before - 1);
    await api.del(`/journey-map/ctas/${cta.documentId}`).expect(200);
    expect(row(await audit(), ids.noCta).flags).toEqual(['phaseWithoutCta']);
    expect(await counts()).toBe(before);
  });

  it('exports the same rows as a UTF-8 CSV that spreadsheets open with Japanese intact', async () => {
    const res = await api.get('/journey-map/audit?format=csv').buffer(true).parse((r: any, cb: any) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="journey-map-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes: Buffer = res.body;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(['contentType', 'documentId', 'locale', 'title', 'status', 'updatedAt', 'phases', 'personas', 'flags']);
    const json = await audit();
    expect(rows.length - 1).toBe(json.meta.pagination.total);
    const ja = rows.find((r) => r[1] === ids.tagged && r[2] === 'ja')!;
    expect(ja[3]).toBe('スマホ修理ガイド');
    expect(ja[8]).toBe('untagged; missingInOtherLocale');
    expect(rows.find((r) => r[1] === ids.stale)![3]).toBe('An old question, "quoted", with commas');
    expect(rows.find((r) => r[1] === ids.tagged && r[2] === 'en')![6]).toBe('Consideration');

    const filtered = await api.get('/journey-map/audit?format=csv&flag=stale').buffer(true);
    expect(parseCsv(filtered.text.replace(/^\uFEFF/, ''))).toHaveLength(2);
  });

  it('exports in chunks that resume after the last row: the same CSV, in the list\'s order, for every sort, across ties and untitled entries', async () => {
    // Untitled entries (NULL, which each database sorts to its own end) and entries updated in the same
    // millisecond (ties on the sort value, broken by the key) sit on chunk boundaries when chunks are 2 rows.
    const untitled = [await createEntry(app, ARTICLE, { title: 'to be cleared' }), await createEntry(app, ARTICLE, { title: 'to be cleared too' })];
    const sameTime = await createEntry(app, ARTICLE, { title: 'Same time as the untagged question' });
    await app.strapi.db.query(ARTICLE).updateMany({ where: { documentId: { $in: untitled } }, data: { title: null } });
    const when = new Date(clockOf(app).now().getTime() - 3 * 86400000);
    for (const [uid, id] of [[ARTICLE, untitled[0]], [ARTICLE, sameTime], [FAQ, ids.untagged]]) {
      await app.strapi.db.query(uid as any).updateMany({ where: { documentId: id }, data: { updatedAt: when } });
    }
    const service = app.strapi.plugin('journey-map').service('audit');
    const read = async (stream: NodeJS.ReadableStream) => {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    };
    for (const query of [...AUDIT_SORTS.map((sort) => ({ sort })), { flag: 'untagged', sort: 'title:desc' }, { locale: 'en', sort: 'updatedAt:asc' }] as any[]) {
      const whole = await read(await service.csv(query));
      const inChunks = await read(await service.csv(query, undefined, 2));
      expect(inChunks).toBe(whole);
      const rows = parseCsv(whole.replace(/^\uFEFF/, '')).slice(1);
      const list = (await audit(`&${new URLSearchParams(query)}`)).data;
      expect(rows.map((r) => `${r[1]} ${r[2]}`)).toEqual(list.map((r: any) => `${r.documentId} ${r.locale ?? ''}`));
      expect(rows.filter((r) => r[3] === '').map((r) => r[1]).sort()).toEqual([...untitled].sort());
    }
  });
});
