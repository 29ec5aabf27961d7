import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { clockOf, adminWithPermissions, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

const DAY = 86400000;
const UNKNOWN = 'abcdefghijklmnopqrstuvwx';

describe(`snapshots on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const ids: Record<string, string> = {};
  let before: any;
  let after: any;

  const take = async (body: unknown) => (await api.post('/journey-map/snapshots', body).expect(200)).body.data;
  const service = () => app.strapi.plugin('journey-map').service('snapshots');
  const dailyRows = (day: string) => app.strapi.db.connection('jm_snapshots').where({ kind: 'daily', day });

  beforeAll(async () => {
    app = await startStrapi('snapshots');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
    ids.alpha = await createEntry(app, ARTICLE, { title: 'Alpha: untagged article' });
    ids.beta = await createEntry(app, ARTICLE, { title: 'Beta: untagged article' });
    ids.delta = await createEntry(app, FAQ, { question: 'Delta: untagged question' });
    ids.gamma = await createEntry(app, FAQ, { question: 'Gamma: fresh awareness answer' });
    await tagEntry(api, FAQ, ids.gamma, { phases: [d.phases.awareness] }).expect(200);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('takes a snapshot of the coverage matrix and audit counts, and lists it without the payload', async () => {
    before = await take({ journey: d.slug, note: '  Before the spring audit  ' });
    expect(before).toMatchObject({
      journey: { documentId: d.journey, name: 'Smartphone repair' },
      note: 'Before the spring audit',
      kind: 'manual',
      day: null,
      summary: { counts: { untagged: 3, stale: 0, draftOnly: 0 }, totals: { cells: 12, ok: 2, gap: 10, entries: 4 } },
    });
    expect(Math.abs(clockOf(app).now().getTime() - new Date(before.takenAt).getTime())).toBeLessThan(60000);

    const full = (await api.get(`/journey-map/snapshots/${before.documentId}`).expect(200)).body.data;
    expect(full.coverage.cells).toHaveLength(12);
    expect(full.coverage.phases.map((p: any) => p.name)).toEqual(['Awareness', 'Consideration', 'Decision', 'Purchase', 'Retention', 'Advocacy']);
    expect(full.entries.untagged.map((e: any) => e.title)).toEqual(['Alpha: untagged article', 'Beta: untagged article', 'Delta: untagged question']);
    expect(full.entries.untagged[0]).toEqual({ contentType: ARTICLE, documentId: ids.alpha, locale: 'en', title: 'Alpha: untagged article' });
    expect(full.entries.stale).toEqual([]);
    expect(full.entries.tagged).toBe(1);
  });

  it('compares two snapshots: exactly the gaps closed, new gaps, entries tagged and entries gone stale', async () => {
    await api
      .post('/journey-map/assignments/bulk', { contentType: ARTICLE, documentIds: [ids.alpha, ids.beta], locale: 'en', mode: 'add', phases: [d.phases.decision], personas: [d.personas.parent] })
      .expect(200);
    await app.strapi.db.query('api::faq.faq').updateMany({ where: { documentId: ids.gamma }, data: { updatedAt: new Date(clockOf(app).now().getTime() - 500 * DAY) } });
    after = await take({ journey: d.journey });
    expect(after.note).toBeNull();

    const diff = (await api.get(`/journey-map/snapshots/compare?from=${before.documentId}&to=${after.documentId}`).expect(200)).body.data;
    expect(diff.from.documentId).toBe(before.documentId);
    expect(diff.to.documentId).toBe(after.documentId);
    expect(diff.gapsClosed).toEqual([
      {
        phase: { documentId: d.phases.decision, name: 'Decision' },
        persona: { documentId: d.personas.parent, name: 'Busy parent Smartphone repair' },
        from: { count: 0, state: 'gap' },
        to: { count: 2, state: 'ok' },
      },
    ]);
    // Gamma, the only content of Awareness, went stale: both Awareness cells became gaps.
    expect(diff.newGaps.map((c: any) => [c.phase.name, c.persona.name, c.from.state, c.to.state])).toEqual([
      ['Awareness', 'Busy parent Smartphone repair', 'ok', 'gap'],
      ['Awareness', 'Tech enthusiast Smartphone repair', 'ok', 'gap'],
    ]);
    expect(diff.entriesTagged).toEqual([
      { contentType: ARTICLE, documentId: ids.alpha, locale: 'en', title: 'Alpha: untagged article' },
      { contentType: ARTICLE, documentId: ids.beta, locale: 'en', title: 'Beta: untagged article' },
    ]);
    expect(diff.entriesGoneStale).toEqual([{ contentType: FAQ, documentId: ids.gamma, locale: 'en', title: 'Gamma: fresh awareness answer' }]);
    expect(diff.counts.untagged).toEqual({ from: 3, to: 1, delta: -2 });
    expect(diff.counts.stale).toEqual({ from: 0, to: 1, delta: 1 });
    expect(diff.totals.gap).toEqual({ from: 10, to: 11, delta: 1 });
    expect(diff.totals.ok).toEqual({ from: 2, to: 1, delta: -1 });
    expect(diff.incomplete).toBe(false);

    // The other way round, the same changes read backwards.
    const back = (await api.get(`/journey-map/snapshots/compare?from=${after.documentId}&to=${before.documentId}`).expect(200)).body.data;
    expect(back.gapsClosed.map((c: any) => c.phase.name)).toEqual(['Awareness', 'Awareness']);
    expect(back.newGaps.map((c: any) => c.phase.name)).toEqual(['Decision']);
    expect(back.entriesTagged).toEqual([]);
    expect(back.entriesGoneStale).toEqual([]);
  });

  it('lists the snapshots of a journey, newest first, without the heavy payload', async () => {
    const list = (await api.get(`/journey-map/snapshots?journey=${d.slug}`).expect(200)).body;
    expect(list.data.map((s: any) => s.documentId)).toEqual([after.documentId, before.documentId]);
    expect(list.meta.pagination).toEqual({ page: 1, pageSize: 50, pageCount: 1, total: 2 });
    expect(list.data[0]).not.toHaveProperty('payload');
    expect(list.data[0]).not.toHaveProperty('coverage');
    const paged = (await api.get('/journey-map/snapshots?pageSize=1&page=2').expect(200)).body;
    expect(paged.data.map((s: any) => s.documentId)).toEqual([before.documentId]);
  });

  it('validates every input: 400 naming the field, 404 for unknown ids, 400 across journeys', async () => {
    const message = async (res: Promise<any>) => (await res).body.error.message as string;
    expect(await message(api.post('/journey-map/snapshots', {}).expect(400))).toMatch(/body\.journey/);
    expect(await message(api.post('/journey-map/snapshots', { journey: d.journey, note: 'x'.repeat(501) }).expect(400))).toMatch(/body\.note/);
    expect(await message(api.post('/journey-map/snapshots', { journey: d.journey, kind: 'daily' }).expect(400))).toMatch(/Unrecognized key/);
    await api.post('/journey-map/snapshots', { journey: 'no-such-journey' }).expect(404);
    expect(await message(api.get('/journey-map/snapshots/not-an-id!').expect(400))).toMatch(/params\.id/);
    expect(await message(api.get('/journey-map/snapshots?pageSize=1000').expect(400))).toMatch(/query\.pageSize/);
    await api.get('/journey-map/snapshots?journey=no-such-journey').expect(404);
    await api.get(`/journey-map/snapshots/${UNKNOWN}`).expect(404);
    await api.del(`/journey-map/snapshots/${UNKNOWN}`).expect(404);
    expect(await message(api.get(`/journey-map/snapshots/compare?from=${before.documentId}`).expect(400))).toMatch(/query\.to/);
    await api.get(`/journey-map/snapshots/compare?from=${before.documentId}&to=${UNKNOWN}`).expect(404);

    const other = await demoJourney(api, 'Other journey');
    const elsewhere = await take({ journey: other.journey });
    expect(await message(api.get(`/journey-map/snapshots/compare?from=${before.documentId}&to=${elsewhere.documentId}`).expect(400))).toMatch(/same journey/);
    await api.del(`/journey-map/snapshots/${elsewhere.documentId}`).expect(200);
  });

  it('lets a read-only role list and compare snapshots but not take or delete them', async () => {
    const reader = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }]));
    await reader.get(`/journey-map/snapshots?journey=${d.journey}`).expect(200);
    await reader.get(`/journey-map/snapshots/compare?from=${before.documentId}&to=${after.documentId}`).expect(200);
    await reader.post('/journey-map/snapshots', { journey: d.journey }).expect(403);
    await reader.del(`/journey-map/snapshots/${before.documentId}`).expect(403);
    const manager = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }, { action: 'plugin::journey-map.manage' }]));
    await manager.post('/journey-map/snapshots', { journey: d.journey, note: 'by a manager' }).expect(200);
  });

  it('deletes a snapshot', async () => {
    const extra = await take({ journey: d.journey, note: 'to delete' });
    expect((await api.del(`/journey-map/snapshots/${extra.documentId}`).expect(200)).body.data).toEqual({ deleted: extra.documentId });
    await api.get(`/journey-map/snapshots/${extra.documentId}`).expect(404);
  });

  it('takes the daily snapshot only when switched on, once per journey per day, also when runs overlap', async () => {
    expect(app.strapi.cron.jobs.map((j: any) => j.name)).toContain('journey-map-daily-snapshot');
    const journeys = (await api.get('/journey-map/journeys').expect(200)).body.data.length;
    expect(journeys).toBe(2);

    const off = await service().runDaily(new Date('2030-01-01T03:00:00Z'));
    expect(off).toMatchObject({ enabled: false, taken: [] });
    expect(await dailyRows('2030-01-01')).toHaveLength(0);

    const settings = (await api.put('/journey-map/settings', { dailySnapshot: true }).expect(200)).body.data;
    expect(settings.dailySnapshot).toBe(true);

    const first = await service().runDaily(new Date('2030-01-01T03:00:00Z'));
    expect(first).toMatchObject({ day: '2030-01-01', enabled: true, skipped: 0 });
    expect(first.taken).toHaveLength(2);
    const again = await service().runDaily(new Date('2030-01-01T23:59:00Z'));
    expect(again).toMatchObject({ taken: [], skipped: 2 });
    expect(await dailyRows('2030-01-01')).toHaveLength(2);

    // Three overlapping runs (as from three instances) for the next day: the unique index lets one insert per journey win.
    const runs = await Promise.all([1, 2, 3].map(() => service().runDaily(new Date('2030-01-02T00:07:00Z'))));
    expect(runs.reduce((n, r) => n + r.taken.length, 0)).toBe(2);
    expect(runs.reduce((n, r) => n + r.skipped, 0)).toBe(4);
    const rows = await dailyRows('2030-01-02');
    expect(rows.map((r: any) => r.journey_id).sort()).toEqual([...new Set(rows.map((r: any) => r.journey_id))].sort());
    expect(rows).toHaveLength(2);

    // The database itself refuses a second daily row for the same journey and day.
    const duplicate = { document_id: 'zzzzzzzzzzzzzzzzzzzzzzzz', journey_id: rows[0].journey_id, kind: 'daily', day: '2030-01-02', taken_at: new Date(), summary: '{}', payload: '{}' };
    // (awaited inside try: jest's `rejects` does not always run a knex builder, which is only a thenable)
    const refused = await (async () => {
      try {
        await app.strapi.db.connection('jm_snapshots').insert(duplicate);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refused).toMatch(/unique|duplicate/i);
    expect(await dailyRows('2030-01-02')).toHaveLength(2);
    // …but manual snapshots (no day) are not limited.
    await take({ journey: d.journey });
    await take({ journey: d.journey });

    const daily = (await api.get(`/journey-map/snapshots?journey=${d.journey}`).expect(200)).body.data.filter((s: any) => s.kind === 'daily');
    expect(daily.map((s: any) => s.day)).toEqual(['2030-01-02', '2030-01-01']);
  });
});
