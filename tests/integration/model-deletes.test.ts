import { databaseClient, createTestDatabase } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { bootStrapi, registerSuperAdmin, type TestApp } from '../helpers/strapi';
import { tagsRepository } from '../../server/src/repositories/tags';

const UID = {
  journey: 'plugin::journey-map.journey',
  phase: 'plugin::journey-map.phase',
  persona: 'plugin::journey-map.persona',
  cta: 'plugin::journey-map.cta',
};

/**
 * Deleting a journey, phase, persona or CTA through any path (the document service a site's code calls,
 * `strapi.db.query().delete*`, the plugin's API) takes its tags with it, and the reports equal a recount;
 * tags left by raw SQL are removed at boot.
 */
describe(`deleting the journey model by any path on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const entries: string[] = [];

  const knex = () => app.strapi.db.connection;
  const tagsOf = (documentId: string) =>
    knex()('jm_assignments').where({ entry_document_id: documentId }).select('journey_id', 'phase_id', 'persona_id', 'cta_id', 'first_in_phase').orderBy('phase_id').orderBy('persona_id');

  /** Tags pointing at a journey, phase, persona or CTA that does not exist, read independently of the plugin. */
  async function danglingTags() {
    const ids = async (table: string) => new Set((await knex()(table).select('document_id')).map((r: any) => r.document_id));
    const [journeys, phases, personas, ctas] = await Promise.all(['jm_journeys', 'jm_phases', 'jm_personas', 'jm_ctas'].map(ids));
    const tags = await knex()('jm_assignments').select('journey_id', 'phase_id', 'persona_id', 'cta_id');
    return tags.filter((t: any) => !journeys.has(t.journey_id) || !phases.has(t.phase_id) || (t.persona_id && !personas.has(t.persona_id)) || (t.cta_id && !ctas.has(t.cta_id)));
  }

  const reports = async () => ({
    coverage: (await api.get(`/journey-map/coverage?journey=${d.slug}`).expect(200)).body.data,
    audit: (await api.get('/journey-map/audit?pageSize=100&sort=title:asc').expect(200)).body,
  });

  /** No dangling tag, and coverage and the audit equal what a recount from scratch gives. */
  async function expectConsistent() {
    expect(await danglingTags()).toEqual([]);
    const served = await reports();
    const phases = (await knex()('jm_assignments').distinct('phase_id')).map((r: any) => r.phase_id);
    await tagsRepository(knex()).recomputeFirstInPhase(phases);
    for (const uid of [ARTICLE, FAQ]) await app.strapi.plugin('journey-map').service('entryStates').rebuild(uid);
    expect(await reports()).toEqual(served);
    return served;
  }

  const auditRow = (audit: any, documentId: string) => audit.data.find((r: any) => r.documentId === documentId);
  const phaseEntries = (coverage: any, id: string) => coverage.phases.find((p: any) => p.documentId === id)?.entries;

  beforeAll(async () => {
    db = await createTestDatabase('model_deletes');
    app = await bootStrapi(db.env);
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
    for (let i = 1; i <= 5; i += 1) entries.push(await createEntry(app, ARTICLE, { title: `Article ${i}` }));
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  it('a phase deleted through the document service takes its tags; the entry tagged only there is untagged', async () => {
    const [a1, a2] = entries;
    await tagEntry(api, ARTICLE, a1, { phases: [d.phases.awareness], personas: [] }).expect(200);
    await tagEntry(api, ARTICLE, a2, { phases: [d.phases.awareness, d.phases.decision], personas: [d.personas.parent] }).expect(200);
    const before = await reports();
    expect(before.audit.meta.counts.untagged).toBe(3);

    await app.strapi.documents(UID.phase as any).delete({ documentId: d.phases.awareness } as any);

    expect(await tagsOf(a1)).toEqual([]);
    expect((await tagsOf(a2)).map((t: any) => t.phase_id)).toEqual([d.phases.decision]);
    const after = await expectConsistent();
    expect(after.audit.meta.counts.untagged).toBe(4);
    expect(auditRow(after.audit, a1).flags).toContain('untagged');
    expect(after.coverage.phases.map((p: any) => p.slug)).not.toContain('awareness');
  });

  it('a phase deleted with strapi.db.query().delete takes its tags, CTA and all', async () => {
    const a3 = entries[2];
    await tagEntry(api, ARTICLE, a3, { phases: [d.phases.consideration], personas: [d.personas.techie], cta: d.cta }).expect(200);
    expect(await tagsOf(a3)).toHaveLength(1);

    await app.strapi.db.query(UID.phase as any).delete({ where: { documentId: d.phases.consideration } });

    expect(await tagsOf(a3)).toEqual([]);
    const after = await expectConsistent();
    expect(after.audit.meta.counts.untagged).toBe(4);
    expect(auditRow(after.audit, a3).flags).toContain('untagged');
  });

  it('personas deleted with deleteMany take their tags and leave the remaining tag first in its phase', async () => {
    const a4 = entries[3];
    await tagEntry(api, ARTICLE, a4, { phases: [d.phases.retention], personas: [d.personas.parent, d.personas.techie] }).expect(200);
    const first = [d.personas.parent, d.personas.techie].sort()[0];
    const other = first === d.personas.parent ? d.personas.techie : d.personas.parent;
    expect((await tagsOf(a4)).map((t: any) => [t.persona_id, Boolean(t.first_in_phase)])).toEqual([[first, true], [other, false]]);

    await app.strapi.db.query(UID.persona as any).deleteMany({ where: { documentId: { $in: [first] } } });

    expect((await tagsOf(a4)).map((t: any) => [t.persona_id, Boolean(t.first_in_phase)])).toEqual([[other, true]]);
    const after = await expectConsistent();
    expect(phaseEntries(after.coverage, d.phases.retention)).toBe(1);
    expect(after.coverage.personas.map((p: any) => p.documentId)).toEqual([other]);
  });

  it('a CTA deleted through the document service is cleared from its tags, which stay', async () => {
    const a2 = entries[1];
    const cta = (await api.post('/journey-map/ctas', { label: 'Book a repair', phase: d.phases.decision }).expect(200)).body.data.documentId;
    const persona = (await reports()).coverage.personas[0].documentId;
    await tagEntry(api, ARTICLE, a2, { phases: [d.phases.decision], personas: [persona], cta }).expect(200);
    expect((await tagsOf(a2)).map((t: any) => t.cta_id)).toEqual([cta]);

    await app.strapi.documents(UID.cta as any).delete({ documentId: cta } as any);

    expect((await tagsOf(a2)).map((t: any) => [t.phase_id, t.cta_id])).toEqual([[d.phases.decision, null]]);
    await expectConsistent();
  });

  it('a journey deleted around the plugin takes its phases\' tags; another journey\'s tags stay', async () => {
    const [a1, a5] = [entries[0], entries[4]];
    const second = await demoJourney(api, 'Second journey');
    await tagEntry(api, ARTICLE, a1, { phases: [second.phases.purchase], personas: [] }).expect(200);
    await tagEntry(api, ARTICLE, a5, { phases: [second.phases.purchase, d.phases.purchase], personas: [] }).expect(200);

    await app.strapi.db.query(UID.journey as any).delete({ where: { documentId: second.journey } });

    expect(await tagsOf(a1)).toEqual([]);
    expect((await tagsOf(a5)).map((t: any) => [t.journey_id, t.phase_id])).toEqual([[d.journey, d.phases.purchase]]);
    const after = await expectConsistent();
    expect(auditRow(after.audit, a1).flags).toContain('untagged');
    expect(auditRow(after.audit, a5).flags).not.toContain('untagged');
  });

  it('the plugin\'s API still asks, then moves or removes the tags of a phase and a persona', async () => {
    const a5 = entries[4];
    const conflict = await api.del(`/journey-map/phases/${d.phases.purchase}`).expect(409);
    expect(conflict.body.error).toMatchObject({ name: 'ConflictError', details: { assignments: 1 } });
    await api.del(`/journey-map/phases/${d.phases.purchase}?reassignTo=${d.phases.advocacy}`).expect(200);
    expect((await tagsOf(a5)).map((t: any) => t.phase_id)).toEqual([d.phases.advocacy]);
    await expectConsistent();

    const persona = (await reports()).coverage.personas[0].documentId;
    await tagEntry(api, ARTICLE, a5, { phases: [d.phases.advocacy], personas: [persona] }).expect(200);
    await api.del(`/journey-map/personas/${persona}`).expect(409);
    await api.del(`/journey-map/personas/${persona}?removeAssignments=true`).expect(200);
    expect(await tagsOf(a5)).toEqual([]);
    const after = await expectConsistent();
    expect(auditRow(after.audit, a5).flags).toContain('untagged');
  });

  it('repairs tags left pointing at nothing by raw SQL, at boot and on demand, and says how many', async () => {
    const [, a2] = entries;
    const now = new Date();
    const row = (documentId: string, fields: Record<string, unknown>) => ({
      document_id: documentId, content_type: ARTICLE, entry_document_id: a2, entry_locale: 'en', journey_id: d.journey, phase_id: d.phases.decision,
      persona_id: '', cta_id: null, first_in_phase: false, created_at: now, updated_at: now, published_at: now, ...fields,
    });
    const cta = (await api.post('/journey-map/ctas', { label: 'Call us', phase: d.phases.decision }).expect(200)).body.data.documentId;
    await tagEntry(api, ARTICLE, a2, { phases: [d.phases.decision], personas: [], cta }).expect(200);
    // Raw SQL bypasses every lifecycle: a tag of a missing phase, one of a missing persona, a deleted CTA.
    await knex()('jm_assignments').insert([
      row('rawtagone000000000000000', { phase_id: 'nosuchphase0000000000000' }),
      row('rawtagtwo000000000000000', { persona_id: 'nosuchpersona00000000000' }),
    ]);
    await knex()('jm_ctas').where({ document_id: cta }).del();
    expect(await danglingTags()).toHaveLength(3);

    const warn = jest.spyOn(app.strapi.log, 'warn');
    const result = await app.strapi.plugin('journey-map').service('tagIntegrity').repair();
    expect(result).toEqual({ removed: 2, ctasCleared: 1 });
    expect(warn).toHaveBeenCalledWith(
      '[journey-map] tag check: removed 2 tag(s) pointing at a deleted journey, phase or persona; cleared 1 CTA id(s) of deleted CTAs'
    );
    warn.mockRestore();
    expect(await tagsOf(a2)).toEqual([{ journey_id: d.journey, phase_id: d.phases.decision, persona_id: '', cta_id: null, first_in_phase: expect.anything() }]);
    await expectConsistent();

    // Again by raw SQL, then a restart: the boot removes it before the first request.
    await knex()('jm_assignments').insert(row('rawtagthree0000000000000', { journey_id: 'nosuchjourney00000000000', phase_id: 'anotherphase000000000000' }));
    await app.stop();
    app = await bootStrapi(db.env);
    api = adminApi(app, (await app.http().post('/admin/login').send({ email: 'lead@journey-map.test', password: 'Password1234' }).expect(200)).body.data.token);
    expect(await danglingTags()).toEqual([]);
    expect(await knex()('jm_assignments').where({ document_id: 'rawtagthree0000000000000' })).toEqual([]);
    await expectConsistent();
  });
});
