import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, cellOf, createEntry, demoJourney, ensureJapanese, tagEntry, type AdminApi } from '../helpers/fixtures';
import { parseCsv } from '../helpers/csv';
import { adminWithPermissions, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

/** The journey map and content map tools: export/import of a journey model, the matrix CSV, drafts for gaps. */
describe(`journey tools on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;

  beforeAll(async () => {
    app = await startStrapi('journey-tools');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
    await api.put(`/journey-map/phases/${d.phases.awareness}`, { customerGoal: 'Know what to do', emotionScore: -1, touchpoints: ['Search', 'Forum'] }).expect(200);
    await api.put(`/journey-map/journeys/${d.journey}`, { excludedCells: [{ phase: d.phases.advocacy, persona: d.personas.techie }] }).expect(200);
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('export and import of a journey model', () => {
    it('exports a portable file (slugs, no ids) and imports it back as a new journey, the same map', async () => {
      const res = await api.get(`/journey-map/journeys/${d.slug}/export`).expect(200);
      expect(res.headers['content-disposition']).toContain(`journey-${d.slug}.json`);
      const file = res.body;
      expect(file.format).toBe('journey-map/journey@1');
      expect(JSON.stringify(file)).not.toContain(d.journey);
      expect(file.phases.map((p: any) => p.slug)).toEqual(['awareness', 'consideration', 'decision', 'purchase', 'retention', 'advocacy']);
      expect(file.phases[0]).toMatchObject({ customerGoal: 'Know what to do', emotionScore: -1, touchpoints: ['Search', 'Forum'] });
      expect(file.phases[1].ctas).toEqual([expect.objectContaining({ label: expect.stringContaining('Download the manual'), kpiTarget: 500, persona: null })]);
      expect(file.excludedCells).toHaveLength(1);

      file.journey.slug = 'smartphone-repair-copy';
      file.journey.name = 'Smartphone repair (copy)';
      const imported = (await api.post('/journey-map/journeys/import', file).expect(200)).body.data;
      expect(imported.documentId).not.toBe(d.journey);
      expect(imported.phases.map((p: any) => [p.slug, p.position])).toEqual(file.phases.map((p: any, i: number) => [p.slug, i]));
      expect(imported.phases[1].ctas[0]).toMatchObject({ label: file.phases[1].ctas[0].label, kpiTarget: 500 });
      // Personas are shared: the file's personas already exist here, so they are linked, not duplicated.
      expect(imported.personas.map((p: any) => p.documentId).sort()).toEqual([d.personas.parent, d.personas.techie].sort());
      const advocacy = imported.phases.find((p: any) => p.slug === 'advocacy').documentId;
      expect(imported.excludedCells).toEqual([{ phase: advocacy, persona: d.personas.techie }]);
      const again = (await api.get('/journey-map/journeys/smartphone-repair-copy/export').expect(200)).body;
      expect(again).toEqual({ ...file });
    });

    it('refuses a bad file with a 400 naming the field, and creates nothing', async () => {
      const before = (await api.get('/journey-map/journeys').expect(200)).body.data.length;
      const personasBefore = (await api.get('/journey-map/personas').expect(200)).body.data.length;
      const file = (await api.get(`/journey-map/journeys/${d.slug}/export`).expect(200)).body;
      const bad = {
        ...file,
        journey: { ...file.journey, slug: 'another-copy' },
        personas: [...file.personas, { name: 'New persona', slug: 'new-persona' }],
        phases: file.phases.map((p: any, i: number) => (i === 2 ? { ...p, emotionScore: 7 } : p)),
      };
      const res = await api.post('/journey-map/journeys/import', bad).expect(400);
      expect(res.body.error.message).toContain('body.phases.2.emotionScore');

      const unknownPersona = { ...file, journey: { ...file.journey, slug: 'another-copy' }, excludedCells: [{ phase: 'awareness', persona: 'nobody' }] };
      expect((await api.post('/journey-map/journeys/import', unknownPersona).expect(400)).body.error.message).toContain('body.excludedCells.0.persona');
      expect((await api.post('/journey-map/journeys/import', { format: 'something-else' }).expect(400)).body.error.message).toContain('body.format');

      expect((await api.get('/journey-map/journeys').expect(200)).body.data).toHaveLength(before);
      expect((await api.get('/journey-map/personas').expect(200)).body.data).toHaveLength(personasBefore);
    });

    it('answers 409 when the journey slug exists', async () => {
      const file = (await api.get(`/journey-map/journeys/${d.slug}/export`).expect(200)).body;
      const res = await api.post('/journey-map/journeys/import', file).expect(409);
      expect(res.body.error.message).toContain(`"${d.slug}" already exists`);
    });
  });

  describe('coverage matrix as CSV', () => {
    it('has one row per cell with the same counts and states as the JSON report', async () => {
      const article = await createEntry(app, ARTICLE, { title: 'Is my phone worth repairing?' });
      await tagEntry(api, ARTICLE, article, { phases: [d.phases.consideration], personas: [d.personas.parent] }).expect(200);
      const json = (await api.get(`/journey-map/coverage?journey=${d.slug}`).expect(200)).body.data;
      const res = await api.get(`/journey-map/coverage?journey=${d.slug}&format=csv`).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...rows] = parseCsv(res.text.slice(1));
      expect(header).toEqual(['phasePosition', 'phase', 'persona', 'count', 'state', 'minimum', 'maximum', 'phaseLacksContent', 'phaseHasNoCta']);
      expect(rows).toHaveLength(json.cells.length);
      const name = (id: string) => json.personas.find((p: any) => p.documentId === id).name;
      const consideration = rows.find((r) => r[1] === 'Consideration' && r[2] === name(d.personas.parent))!;
      expect(consideration.slice(3, 5)).toEqual(['1', cellOf(json, d.phases.consideration, d.personas.parent).state]);
      expect(rows.find((r) => r[1] === 'Advocacy' && r[2] === name(d.personas.techie))![4]).toBe('not-applicable');
      expect(rows.find((r) => r[1] === 'Awareness')![8]).toBe('yes');
    });

    it('rejects an unknown format', async () => {
      expect((await api.get(`/journey-map/coverage?journey=${d.slug}&format=xml`).expect(400)).body.error.message).toContain('query.format');
    });
  });

  describe('create a draft for a gap', () => {
    it('creates a draft entry already tagged with the cell, which fills the gap once published', async () => {
      const before = cellOf((await api.get(`/journey-map/coverage?journey=${d.slug}`).expect(200)).body.data, d.phases.retention, d.personas.techie);
      expect(before.state).toBe('gap');
      const res = await api
        .post('/journey-map/drafts', { contentType: ARTICLE, locale: 'ja', phase: d.phases.retention, persona: d.personas.techie, title: 'バッテリーを長持ちさせるには' })
        .expect(201);
      const draft = res.body.data;
      expect(draft).toMatchObject({ contentType: ARTICLE, locale: 'ja', title: 'バッテリーを長持ちさせるには' });
      const stored = await app.strapi.documents(ARTICLE as any).findOne({ documentId: draft.documentId, locale: 'ja', status: 'draft' } as any);
      expect(stored).toMatchObject({ title: 'バッテリーを長持ちさせるには', locale: 'ja', publishedAt: null });
      const tags = (await api.get(`/journey-map/assignments/${ARTICLE}/${draft.documentId}?locale=ja`).expect(200)).body.data;
      expect(tags.rows).toEqual([expect.objectContaining({ phase: d.phases.retention, persona: d.personas.techie })]);

      // A draft does not count until it is published.
      const cell = (q = '') => api.get(`/journey-map/coverage?journey=${d.slug}${q}`).expect(200).then((r: any) => cellOf(r.body.data, d.phases.retention, d.personas.techie));
      expect((await cell()).state).toBe('gap');
      expect((await cell('&includeDrafts=true')).count).toBe(1);
      await app.strapi.documents(ARTICLE as any).publish({ documentId: draft.documentId, locale: 'ja' } as any);
      expect(await cell()).toMatchObject({ count: 1, state: 'ok' });
    });

    it('validates the body and writes nothing when the tag is refused', async () => {
      const count = async () => Number((await app.strapi.db.connection('articles').count({ n: '*' }).first())!.n);
      const before = await count();
      const bad = (body: unknown) => api.post('/journey-map/drafts', body).expect(400).then((r: any) => r.body.error.message as string);
      expect(await bad({ contentType: ARTICLE, phase: d.phases.retention, title: '' })).toContain('body.title');
      expect(await bad({ contentType: 'api::landing-page.landing-page', phase: d.phases.retention, title: 'x' })).toContain('body.contentType');
      expect(await bad({ contentType: ARTICLE, phase: 'unknownphase000000000000', title: 'x' })).toContain('body.phases.0');
      expect(await bad({ contentType: ARTICLE, phase: d.phases.retention, title: 'x', extra: 1 })).toContain('body');
      expect(await count()).toBe(before);
    });

    it('needs the Content Manager create permission on the type', async () => {
      const tagOnly = adminApi(
        app,
        await adminWithPermissions(app, [
          { action: 'plugin::journey-map.read' },
          { action: 'plugin::journey-map.tag' },
          { action: 'plugin::content-manager.explorer.read', subject: FAQ },
          { action: 'plugin::content-manager.explorer.update', subject: FAQ },
        ])
      );
      const res = await tagOnly.post('/journey-map/drafts', { contentType: FAQ, locale: 'en', phase: d.phases.retention, title: 'New FAQ' }).expect(403);
      expect(res.body.error.message).toContain(`may not create ${FAQ}`);
      const reader = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }]));
      await reader.post('/journey-map/drafts', { contentType: FAQ, phase: d.phases.retention, title: 'New FAQ' }).expect(403);
      await reader.post('/journey-map/journeys/import', {}).expect(403);
      await reader.get(`/journey-map/journeys/${d.slug}/export`).expect(200);
    });
  });
});
