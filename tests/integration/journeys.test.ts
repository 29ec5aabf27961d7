import { databaseClient } from '../helpers/database';
import { ARTICLE, adminApi, createEntry, demoJourney, type AdminApi } from '../helpers/fixtures';
import { registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

describe(`journeys, phases, personas and CTAs on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;

  beforeAll(async () => {
    app = await startStrapi('journeys');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('creates a journey from each preset with ordered phases and funnel bands', async () => {
    const presets = (await api.get('/journey-map/presets').expect(200)).body.data;
    expect(presets.map((p: any) => p.id)).toEqual(['default', 'aidma', 'aisas', '5a', 'see-think-do-care', 'tofu-mofu-bofu']);
    for (const preset of presets) {
      const journey = (await api.post('/journey-map/journeys/from-preset', { preset: preset.id, name: `Journey ${preset.id}` }).expect(200)).body.data;
      expect(journey.phases.map((p: any) => p.name)).toEqual(preset.phases.map((p: any) => p.name));
      expect(journey.phases.map((p: any) => p.position)).toEqual(preset.phases.map((_: any, i: number) => i));
      expect(journey.phases.every((p: any) => ['top', 'middle', 'bottom', 'post-purchase'].includes(p.funnelBand))).toBe(true);
    }
    const again = (await api.post('/journey-map/journeys/from-preset', { preset: 'aidma', name: 'Journey aidma' }).expect(200)).body.data;
    expect(again.slug).toBe('journey-aidma-2');
    await api.post('/journey-map/journeys/from-preset', { preset: 'aidma', name: 'X', slug: 'journey-aidma' }).expect(409);
    const bad = await api.post('/journey-map/journeys/from-preset', { preset: 'nope', name: 'X' }).expect(400);
    expect(bad.body.error.message).toMatch(/body\.preset/);
  });

  it('creates, edits and lists journeys, personas, phases and CTAs with validation', async () => {
    const persona = (await api.post('/journey-map/personas', { name: 'Small business owner', painPoints: 'No time', preferredChannels: ['email'] }).expect(200)).body.data;
    const journey = (await api.post('/journey-map/journeys', { name: 'Kumo Care', product: 'Kumo Care insurance', personas: [persona.documentId] }).expect(200)).body.data;
    expect(journey).toMatchObject({ name: 'Kumo Care', slug: 'kumo-care', phases: [], personas: [{ documentId: persona.documentId }] });

    const first = (await api.post('/journey-map/phases', { journey: journey.documentId, name: 'Learn', emotionScore: -1, touchpoints: ['blog', 'search'] }).expect(200)).body.data;
    const second = (await api.post('/journey-map/phases', { journey: journey.documentId, name: 'Buy', funnelBand: 'bottom' }).expect(200)).body.data;
    expect([first.position, second.position]).toEqual([0, 1]);
    await api.put(`/journey-map/phases/${first.documentId}`, { customerGoal: 'Know what is covered', emotionLabel: 'Worried' }).expect(200);
    const badScore = await api.put(`/journey-map/phases/${first.documentId}`, { emotionScore: 3 }).expect(400);
    expect(badScore.body.error.message).toMatch(/body\.emotionScore/);
    const badBand = await api.post('/journey-map/phases', { journey: journey.documentId, name: 'X', funnelBand: 'sideways' }).expect(400);
    expect(badBand.body.error.message).toMatch(/body\.funnelBand/);
    await api.post('/journey-map/phases', { journey: 'abcdefghijklmnopqrstuvwx', name: 'X' }).expect(404);

    const cta = (await api.post('/journey-map/ctas', { label: 'Get a quote', phase: second.documentId, actionType: 'contact', kpiMetric: 'quotes', kpiTarget: 40, targetUrl: '/quote' }).expect(200)).body.data;
    expect(cta).toMatchObject({ label: 'Get a quote', actionType: 'contact', kpiDirection: 'higher', kpiPeriod: 'month' });
    const badUrl = await api.post('/journey-map/ctas', { label: 'X', phase: second.documentId, targetUrl: 'javascript:alert(1)' }).expect(400);
    expect(badUrl.body.error.message).toMatch(/body\.targetUrl/);
    const longLabel = await api.post('/journey-map/ctas', { label: 'x'.repeat(201), phase: second.documentId }).expect(400);
    expect(longLabel.body.error.message).toMatch(/body\.label/);

    const full = (await api.get(`/journey-map/journeys/${journey.documentId}`).expect(200)).body.data;
    expect(full.phases.map((p: any) => p.name)).toEqual(['Learn', 'Buy']);
    expect(full.phases[0]).toMatchObject({ customerGoal: 'Know what is covered', emotionLabel: 'Worried', emotionScore: -1, touchpoints: ['blog', 'search'] });
    expect(full.phases[1].ctas.map((c: any) => c.label)).toEqual(['Get a quote']);
    expect((await api.get(`/journey-map/journeys/${journey.slug}`).expect(200)).body.data.documentId).toBe(journey.documentId);
    expect((await api.get(`/journey-map/ctas?journey=${journey.slug}`).expect(200)).body.data).toHaveLength(1);
    expect((await api.get(`/journey-map/personas?journey=${journey.documentId}`).expect(200)).body.data).toHaveLength(1);
    await api.get('/journey-map/journeys/abcdefghijklmnopqrstuvwx').expect(404);
    await api.put('/journey-map/journeys/abcdefghijklmnopqrstuvwx', { name: 'X' }).expect(404);
    const unknownField = await api.put(`/journey-map/journeys/${journey.documentId}`, { owner: 'me' }).expect(400);
    expect(unknownField.body.error.message).toMatch(/owner/);
  });

  it('reorders phases and keeps the order', async () => {
    const journey = (await api.post('/journey-map/journeys/from-preset', { preset: 'see-think-do-care', name: 'Reorder me' }).expect(200)).body.data;
    const ids = journey.phases.map((p: any) => p.documentId);
    const swapped = [ids[1], ids[0], ids[2], ids[3]];
    const res = (await api.put(`/journey-map/journeys/${journey.documentId}/phase-order`, { phases: swapped }).expect(200)).body.data;
    expect(res.phases.map((p: any) => p.name)).toEqual(['Think', 'See', 'Do', 'Care']);
    const incomplete = await api.put(`/journey-map/journeys/${journey.documentId}/phase-order`, { phases: swapped.slice(0, 3) }).expect(400);
    expect(incomplete.body.error.message).toMatch(/body\.phases/);
    await api.put(`/journey-map/journeys/${journey.documentId}/phase-order`, { phases: [ids[0], ids[0], ids[2], ids[3]] }).expect(400);
    const reloaded = (await api.get(`/journey-map/journeys/${journey.documentId}`).expect(200)).body.data;
    expect(reloaded.phases.map((p: any) => p.name)).toEqual(['Think', 'See', 'Do', 'Care']);
  });

  it('refuses to delete a phase or persona with tags unless told to reassign or remove them', async () => {
    const d = await demoJourney(api, 'Deletions');
    const a = await createEntry(app, ARTICLE, { title: 'Tagged for awareness' });
    const b = await createEntry(app, ARTICLE, { title: 'Tagged for both' });
    const tag = (id: string, body: unknown) => api.put(`/journey-map/assignments/${ARTICLE}/${id}?locale=en`, body).expect(200);
    await tag(a, { phases: [d.phases.awareness], personas: [d.personas.parent] });
    await tag(b, { phases: [d.phases.awareness, d.phases.consideration], personas: [d.personas.parent] });

    const blocked = await api.del(`/journey-map/phases/${d.phases.awareness}`).expect(409);
    expect(blocked.body.error.details).toEqual({ assignments: 2 });
    const otherJourney = (await api.post('/journey-map/journeys/from-preset', { preset: 'aidma', name: 'Elsewhere' }).expect(200)).body.data;
    const wrongTarget = await api.del(`/journey-map/phases/${d.phases.awareness}?reassignTo=${otherJourney.phases[0].documentId}`).expect(400);
    expect(wrongTarget.body.error.message).toMatch(/query\.reassignTo/);

    // b already has consideration × parent: the moved tag merges instead of breaking the unique index
    const moved = (await api.del(`/journey-map/phases/${d.phases.awareness}?reassignTo=${d.phases.consideration}`).expect(200)).body.data;
    expect(moved).toMatchObject({ assignmentsMoved: 2 });
    expect((await api.get(`/journey-map/assignments/${ARTICLE}/${a}?locale=en`)).body.data.phases).toEqual([d.phases.consideration]);
    expect((await api.get(`/journey-map/assignments/${ARTICLE}/${b}?locale=en`)).body.data.phases).toEqual([d.phases.consideration]);
    const journey = (await api.get(`/journey-map/journeys/${d.journey}`).expect(200)).body.data;
    expect(journey.phases.map((p: any) => p.position)).toEqual([0, 1, 2, 3, 4]);

    await api.del(`/journey-map/personas/${d.personas.parent}`).expect(409);
    await api.del(`/journey-map/personas/${d.personas.parent}?reassignTo=${d.personas.techie}`).expect(200);
    expect((await api.get(`/journey-map/assignments/${ARTICLE}/${a}?locale=en`)).body.data.personas).toEqual([d.personas.techie]);
    await api.del(`/journey-map/personas/${d.personas.techie}?removeAssignments=true`).expect(200);
    expect((await api.get(`/journey-map/assignments/${ARTICLE}/${a}?locale=en`)).body.data.phases).toEqual([]);
    await api.del(`/journey-map/personas/${d.personas.techie}`).expect(404);
    const badFlag = await api.del(`/journey-map/phases/${d.phases.decision}?removeAssignments=yes`).expect(400);
    expect(badFlag.body.error.message).toMatch(/query\.removeAssignments/);
  });

  it('deletes a journey only with an explicit choice, with its phases and CTAs', async () => {
    const d = await demoJourney(api, 'Doomed');
    const id = await createEntry(app, ARTICLE, { title: 'Doomed entry' });
    await api.put(`/journey-map/assignments/${ARTICLE}/${id}?locale=en`, { phases: [d.phases.consideration], cta: d.cta }).expect(200);
    await api.del(`/journey-map/journeys/${d.journey}`).expect(409);
    await api.del(`/journey-map/journeys/${d.journey}?reassignTo=${d.phases.awareness}`).expect(400);
    const res = (await api.del(`/journey-map/journeys/${d.journey}?removeAssignments=true`).expect(200)).body.data;
    expect(res).toMatchObject({ assignmentsRemoved: 1 });
    await api.get(`/journey-map/journeys/${d.journey}`).expect(404);
    expect(await app.strapi.documents('plugin::journey-map.phase' as any).findOne({ documentId: d.phases.consideration } as any)).toBeNull();
    expect(await app.strapi.documents('plugin::journey-map.cta' as any).findOne({ documentId: d.cta } as any)).toBeNull();
    expect(await app.strapi.db.connection('jm_assignments').where({ journey_id: d.journey })).toHaveLength(0);
  });
});
