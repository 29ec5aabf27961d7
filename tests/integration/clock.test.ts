import { databaseClient } from '../helpers/database';
import { ARTICLE, adminApi, cellOf, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { INSTANTS } from '../helpers/instants';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

const DAY = 86_400_000;
const STALE_DAYS = 30;

/**
 * Reports, jobs and ingestion read "now" from one clock: at each instant of the table, an entry updated
 * exactly N days before is fresh and one a second older is stale; the daily snapshot and the path window
 * fall on the clock's UTC day; events count for the clock's day.
 */
describe(`one clock for reports, jobs and ingestion on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const ids: Record<'edge' | 'older', string> = { edge: '', older: '' };

  beforeAll(async () => {
    app = await startStrapi('clock');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
    await api.put('/journey-map/settings', { staleAfterDays: STALE_DAYS, rateLimitPerMinute: 100000 }).expect(200);
    for (const key of ['edge', 'older'] as const) {
      ids[key] = await createEntry(app, ARTICLE, { title: `Entry at the ${key} of the stale window` });
      await tagEntry(api, ARTICLE, ids[key], { phases: [d.phases.awareness], personas: [d.personas.parent] }).expect(200);
    }
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'plugin::journey-map.events.ingest', role: role.id } });
  });
  afterAll(async () => {
    clockOf(app)?.reset();
    await app?.stop();
  });

  /** Dates every row of an entry (published version included) at `at`, through the query engine. */
  const dateEntry = (documentId: string, at: Date) =>
    app.strapi.db.query(ARTICLE).updateMany({ where: { documentId }, data: { updatedAt: at, publishedAt: at } });

  it.each(INSTANTS)('at %s, an entry is stale once it is more than N days old, to the second', async (_label, iso) => {
    const now = new Date(iso);
    clockOf(app).freeze(now);
    await dateEntry(ids.edge, new Date(now.getTime() - STALE_DAYS * DAY));
    await dateEntry(ids.older, new Date(now.getTime() - STALE_DAYS * DAY - 1000));

    const audit = (await api.get('/journey-map/audit?flag=stale&pageSize=100').expect(200)).body;
    expect(audit.data.map((r: any) => r.documentId)).toEqual([ids.older]);
    const coverage = (await api.get(`/journey-map/coverage?journey=${d.journey}`).expect(200)).body.data;
    expect(cellOf(coverage, d.phases.awareness, d.personas.parent).count).toBe(1);
  });

  it('takes the daily snapshot on the clock\'s UTC day, on both sides of midnight', async () => {
    await api.put('/journey-map/settings', { dailySnapshot: true }).expect(200);
    const snapshots = app.strapi.plugin('journey-map').service('snapshots');
    clockOf(app).freeze('2026-11-30T23:59:59.999Z');
    expect(await snapshots.runDaily()).toMatchObject({ day: '2026-11-30', enabled: true, skipped: 0 });
    clockOf(app).freeze('2026-12-01T00:00:00.000Z');
    const next = await snapshots.runDaily();
    expect(next).toMatchObject({ day: '2026-12-01', skipped: 0 });
    expect(next.taken).toHaveLength(1);
    const taken = (await api.get(`/journey-map/snapshots/${next.taken[0]}`).expect(200)).body.data;
    expect(taken).toMatchObject({ kind: 'daily', day: '2026-12-01', takenAt: '2026-12-01T00:00:00.000Z' });
    expect(await snapshots.runDaily()).toMatchObject({ day: '2026-12-01', taken: [], skipped: 1 });
  });

  it('counts events for the clock\'s day and reads the last N days up to it', async () => {
    const post = (phase: string, session: string) => app.http().post('/api/journey-map/events').send({ type: 'view', phase, session }).expect(200);
    clockOf(app).freeze('2026-11-30T23:59:59.999Z');
    await post(d.phases.awareness, 'late-session-1');
    clockOf(app).freeze('2026-12-01T00:00:00.000Z');
    await post(d.phases.consideration, 'early-session-1');

    const days = async (n: number) => (await api.get(`/journey-map/measure/paths?journey=${d.slug}&days=${n}`).expect(200)).body.data;
    const today = await days(1);
    expect(today.range).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(today.sessions).toBe(1);
    expect(today.mainEntry.slug).toBe('consideration');
    const twoDays = await days(2);
    expect(twoDays.range).toEqual({ from: '2026-11-30', to: '2026-12-01' });
    expect(twoDays.sessions).toBe(2);
    expect((await api.get(`/journey-map/measure/paths?journey=${d.slug}&days=2&from=2026-11-01`).expect(400)).body.error.message).toMatch(/query\.days/);
    const counters = await app.strapi.db.connection('jm_metric_counters').select('day', 'phase_id').where({ journey_id: d.journey, event_type: 'view' }).orderBy('day');
    expect(counters.map((r: any) => [r.day, r.phase_id])).toEqual([
      ['2026-11-30', d.phases.awareness],
      ['2026-12-01', d.phases.consideration],
    ]);
  });
});
