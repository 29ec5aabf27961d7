import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, ensureJapanese, type AdminApi } from '../helpers/fixtures';
import { registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

describe(`assignments on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const path = (uid: string, id: string, locale = 'en') => `/journey-map/assignments/${uid}/${id}?locale=${locale}`;
  const rowsOf = (uid: string, id: string) =>
    app.strapi.db.connection('jm_assignments').where({ content_type: uid, entry_document_id: id }).orderBy('id');

  beforeAll(async () => {
    app = await startStrapi('assignments');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('replaces an entry\'s tags, reads them back, and removes them with an empty phases list', async () => {
    const id = await createEntry(app, ARTICLE, { title: 'What to do when your smartphone breaks' });
    const put = await api
      .put(path(ARTICLE, id), { phases: [d.phases.consideration], personas: [d.personas.parent], cta: d.cta })
      .expect(200);
    expect(put.body.data).toMatchObject({ contentType: ARTICLE, documentId: id, locale: 'en', phases: [d.phases.consideration], personas: [d.personas.parent], cta: d.cta });

    await api.put(path(ARTICLE, id), { phases: [d.phases.awareness, d.phases.consideration], personas: [] }).expect(200);
    const got = (await api.get(path(ARTICLE, id)).expect(200)).body.data;
    expect(got.phases.sort()).toEqual([d.phases.awareness, d.phases.consideration].sort());
    expect(got.allPersonasPhases.sort()).toEqual(got.phases.sort());
    expect(got.cta).toBeNull();
    expect(await rowsOf(ARTICLE, id)).toHaveLength(2);

    await api.put(path(ARTICLE, id), { phases: [] }).expect(200);
    expect(await rowsOf(ARTICLE, id)).toHaveLength(0);
  });

  it('keeps tags per locale: tagging the Japanese version leaves the English one alone', async () => {
    const id = await createEntry(app, ARTICLE, { title: 'Cracked screen' }, { ja: { title: '画面割れ' } });
    await api.put(path(ARTICLE, id, 'ja'), { phases: [d.phases.decision], personas: [d.personas.techie] }).expect(200);
    expect((await api.get(path(ARTICLE, id, 'en')).expect(200)).body.data.phases).toEqual([]);
    expect((await api.get(path(ARTICLE, id, 'ja')).expect(200)).body.data.phases).toEqual([d.phases.decision]);
  });

  it('refuses untracked types, missing entries, unknown ids and bad bodies without writing anything', async () => {
    const id = await createEntry(app, ARTICLE, { title: 'Refusals' });
    const untracked = await api.put(path('api::case-study.case-study', id), { phases: [d.phases.awareness] }).expect(400);
    expect(untracked.body.error.message).toMatch(/params\.uid/);
    const unknownType = await api.put(path('api::nope.nope', id), { phases: [d.phases.awareness] });
    expect([400, 403]).toContain(unknownType.status);
    await api.put(path(ARTICLE, 'abcdefghijklmnopqrstuvwx'), { phases: [d.phases.awareness] }).expect(404);
    await api.put(path(ARTICLE, id, 'ja'), { phases: [d.phases.awareness] }).expect(404); // no Japanese version
    const badPhase = await api.put(path(ARTICLE, id), { phases: ['abcdefghijklmnopqrstuvwx'] }).expect(400);
    expect(badPhase.body.error.message).toMatch(/body\.phases\.0/);
    const extra = await api.put(path(ARTICLE, id), { phases: [d.phases.awareness], sneaky: true }).expect(400);
    expect(extra.body.error.message).toMatch(/sneaky/);
    const wrongType = await api.put(path(ARTICLE, id), { phases: 'awareness' }).expect(400);
    expect(wrongType.body.error.message).toMatch(/body\.phases/);
    const injection = await api.put(path(ARTICLE, id), { phases: ["x'); DROP TABLE jm_assignments; --"] }).expect(400);
    expect(injection.body.error.message).toMatch(/body\.phases\.0/);
    const ctaElsewhere = await api.put(path(ARTICLE, id), { phases: [d.phases.awareness], cta: d.cta }).expect(400);
    expect(ctaElsewhere.body.error.message).toMatch(/body\.cta/);
    const badLocale = await api.put(`/journey-map/assignments/${ARTICLE}/${id}?locale=<script>`, { phases: [d.phases.awareness] }).expect(400);
    expect(badLocale.body.error.message).toMatch(/query\.locale/);
    expect(await rowsOf(ARTICLE, id)).toHaveLength(0);
  });

  it('enforces one row per (type, entry, locale, phase, persona) in the database, also under concurrent writes', async () => {
    const id = await createEntry(app, ARTICLE, { title: 'Concurrency' });
    const bodies = Array.from({ length: 12 }, (_, i) => ({
      phases: [d.phases.awareness, d.phases.decision],
      personas: i % 2 ? [d.personas.parent] : [d.personas.parent, d.personas.techie],
    }));
    const results = await Promise.all(bodies.map((b) => api.put(path(ARTICLE, id), b)));
    for (const r of results) expect([200, 409]).toContain(r.status);
    expect(results.some((r) => r.status === 200)).toBe(true);
    const rows = await rowsOf(ARTICLE, id);
    const keys = rows.map((r: any) => `${r.phase_id}|${r.persona_id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([2, 4]).toContain(rows.length);

    // Both bodies tag Awareness × Busy parent, so that tag exists whichever request won: writing it again
    // straight into the table must be refused by the database itself.
    const duplicate = {
      document_id: 'duplicaterowxxxxxxxxxxxx',
      content_type: ARTICLE,
      entry_document_id: id,
      entry_locale: 'en',
      journey_id: d.journey,
      phase_id: d.phases.awareness,
      persona_id: d.personas.parent,
    };
    const refused = await app.strapi.db
      .connection('jm_assignments')
      .insert(duplicate)
      .then(() => false, () => true);
    expect({ refused, rows: (await rowsOf(ARTICLE, id)).length }).toEqual({ refused: true, rows: rows.length });
  });

  it('bulk-tags, adds, removes and replaces across many entries in one request', async () => {
    const ids: string[] = [];
    for (const title of ['Bulk A', 'Bulk B', 'Bulk C']) ids.push(await createEntry(app, FAQ, { question: title }));
    const add = await api
      .post('/journey-map/assignments/bulk', { contentType: FAQ, documentIds: ids, locale: 'en', mode: 'add', phases: [d.phases.retention], personas: [d.personas.parent] })
      .expect(200);
    expect(add.body.data).toMatchObject({ entries: 3, tags: 3, mode: 'add' });
    // adding "all personas" to the same phase replaces the specific persona (it already covers it)
    await api.post('/journey-map/assignments/bulk', { contentType: FAQ, documentIds: ids, locale: 'en', mode: 'add', phases: [d.phases.retention, d.phases.advocacy] }).expect(200);
    const afterAdd = (await api.get(path(FAQ, ids[0])).expect(200)).body.data;
    expect(afterAdd.allPersonasPhases.sort()).toEqual([d.phases.retention, d.phases.advocacy].sort());
    expect(afterAdd.personas).toEqual([]);

    await api.post('/journey-map/assignments/bulk', { contentType: FAQ, documentIds: ids, locale: 'en', mode: 'remove', phases: [d.phases.advocacy] }).expect(200);
    expect((await api.get(path(FAQ, ids[1])).expect(200)).body.data.phases).toEqual([d.phases.retention]);

    await api.post('/journey-map/assignments/bulk', { contentType: FAQ, documentIds: ids, locale: 'en', mode: 'replace', phases: [d.phases.decision], personas: [d.personas.techie] }).expect(200);
    for (const id of ids) {
      expect((await api.get(path(FAQ, id)).expect(200)).body.data).toMatchObject({ phases: [d.phases.decision], personas: [d.personas.techie] });
    }

    const missing = await api
      .post('/journey-map/assignments/bulk', { contentType: FAQ, documentIds: [ids[0], 'abcdefghijklmnopqrstuvwx'], mode: 'add', phases: [d.phases.awareness] })
      .expect(404);
    expect(missing.body.error.message).toMatch(/abcdefghijklmnopqrstuvwx/);
    expect((await api.get(path(FAQ, ids[0])).expect(200)).body.data.phases).toEqual([d.phases.decision]);
    const badMode = await api.post('/journey-map/assignments/bulk', { contentType: FAQ, documentIds: ids, mode: 'merge', phases: [] }).expect(400);
    expect(badMode.body.error.message).toMatch(/body\.mode/);
  });

  it('deletes an entry\'s tags when the entry is deleted: one locale, all locales, and through the Content Manager', async () => {
    const docs = app.strapi.documents(ARTICLE as any);
    const both = await createEntry(app, ARTICLE, { title: 'Delete me' }, { ja: { title: '削除' } });
    await api.put(path(ARTICLE, both, 'en'), { phases: [d.phases.awareness] }).expect(200);
    await api.put(path(ARTICLE, both, 'ja'), { phases: [d.phases.awareness] }).expect(200);
    await docs.delete({ documentId: both, locale: 'ja' } as any);
    expect((await rowsOf(ARTICLE, both)).map((r: any) => r.entry_locale)).toEqual(['en']);
    await docs.delete({ documentId: both, locale: '*' } as any);
    expect(await rowsOf(ARTICLE, both)).toHaveLength(0);

    const viaCm = await createEntry(app, ARTICLE, { title: 'Deleted in the Content Manager' });
    await api.put(path(ARTICLE, viaCm), { phases: [d.phases.decision] }).expect(200);
    await api.del(`/content-manager/collection-types/${ARTICLE}/${viaCm}?locale=en`).expect(200);
    expect(await rowsOf(ARTICLE, viaCm)).toHaveLength(0);

    const bulkA = await createEntry(app, ARTICLE, { title: 'Bulk delete A' });
    const bulkB = await createEntry(app, ARTICLE, { title: 'Bulk delete B' });
    await api.post('/journey-map/assignments/bulk', { contentType: ARTICLE, documentIds: [bulkA, bulkB], locale: 'en', mode: 'add', phases: [d.phases.purchase] }).expect(200);
    await api.post(`/content-manager/collection-types/${ARTICLE}/actions/bulkDelete?locale=en`, { documentIds: [bulkA, bulkB] }).expect(200);
    expect(await rowsOf(ARTICLE, bulkA)).toHaveLength(0);
    expect(await rowsOf(ARTICLE, bulkB)).toHaveLength(0);
  });
});
