import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';
import { backfillCellHistory } from '../../server/src/migrations/backfill-cell-history';

/**
 * Coverage over time: the daily snapshots' cell rows (jm_cell_history), the history and changes routes,
 * gap runs, one row set per journey and day under concurrent daily runs, and the upgrade backfill.
 * The clock is frozen on chosen days across a year boundary; entries are dated by the database's real
 * time (within the stale period of those days).
 */
describe(`coverage history on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  let other: Awaited<ReturnType<typeof demoJourney>>;
  const ids: Record<string, string> = {};

  const snapshots = () => app.strapi.plugin('journey-map').service('snapshots');
  const history = () => app.strapi.plugin('journey-map').service('cellHistory');
  const at = (day: string) => clockOf(app).freeze(`${day}T10:00:00Z`);
  const daily = (day: string) => snapshots().runDaily(new Date(`${day}T00:05:00Z`));
  const rowsOf = (journey: string, day: string) => app.strapi.db.connection('jm_cell_history').where({ journey_id: journey, day });
  const cell = (data: any, phase: string, persona: string | null) => data.cells.find((c: any) => c.phase === phase && c.persona === persona);
  const get = async (url: string) => (await api.get(url).expect(200)).body.data;

  beforeAll(async () => {
    app = await startStrapi('history');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
    other = await demoJourney(api, 'Laptop repair');
    ids.manual = await createEntry(app, ARTICLE, { title: 'Repair guide' });
    ids.faq = await createEntry(app, FAQ, { question: 'Is my phone worth repairing?' });
    await api.put('/journey-map/settings', { dailySnapshot: true }).expect(200);
  });
  afterAll(async () => {
    clockOf(app)?.reset();
    await app?.stop();
  });

  it('writes one row per cell with each daily snapshot, across a year boundary and a missed day', async () => {
    at('2026-12-30');
    expect((await daily('2026-12-30')).taken).toHaveLength(2);
    expect(await rowsOf(d.journey, '2026-12-30')).toHaveLength(12);

    await tagEntry(api, ARTICLE, ids.manual, { phases: [d.phases.decision], personas: [d.personas.parent] }).expect(200);
    at('2026-12-31');
    expect((await daily('2026-12-31')).taken).toHaveLength(2);

    // No snapshot on 2027-01-01.
    await tagEntry(api, FAQ, ids.faq, { phases: [d.phases.awareness] }).expect(200);
    at('2027-01-02');
    expect((await daily('2027-01-02')).taken).toHaveLength(2);

    await tagEntry(api, ARTICLE, ids.manual, { phases: [] }).expect(200);
    at('2027-01-03');
    const rows = await rowsOf(d.journey, '2027-01-02');
    expect(rows.map((r: any) => [r.phase_id, r.persona_id, Number(r.count), r.state]).filter((r: any) => r[3] !== 'gap').sort()).toEqual(
      [
        [d.phases.awareness, d.personas.parent, 1, 'ok'],
        [d.phases.awareness, d.personas.techie, 1, 'ok'],
        [d.phases.decision, d.personas.parent, 1, 'ok'],
      ].sort(),
    );
  });

  it('GET /coverage/history: each cell of today\'s matrix with its exact daily series', async () => {
    const h = await get(`/journey-map/coverage/history?journey=${d.slug}&days=5`);
    expect(h.journey).toEqual({ documentId: d.journey, name: 'Smartphone repair' });
    expect(h.locale).toBeNull();
    expect(h.days).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(h.recordedDays).toBe(3);
    expect(h.cells).toHaveLength(12);
    expect(cell(h, d.phases.decision, d.personas.parent)).toEqual({
      phase: d.phases.decision,
      persona: d.personas.parent,
      counts: [0, 1, null, 1, null],
      states: ['gap', 'ok', null, 'ok', null],
      gapDays: 1,
      // a gap now, recorded as ok on its newest day: the run starts today
      gapSince: '2027-01-03',
    });
    expect(cell(h, d.phases.awareness, d.personas.techie)).toEqual({
      phase: d.phases.awareness,
      persona: d.personas.techie,
      counts: [0, 0, null, 1, null],
      states: ['gap', 'gap', null, 'ok', null],
      gapDays: 2,
      gapSince: null,
    });
    expect(cell(h, d.phases.consideration, d.personas.parent)).toMatchObject({ counts: [0, 0, null, 0, null], gapDays: 3, gapSince: '2026-12-30' });

    // 90 days by default, ending today; days before the first snapshot are null.
    const full = await get(`/journey-map/coverage/history?journey=${d.journey}&locale=en`);
    expect(full.days).toHaveLength(90);
    expect(full.days[0]).toBe('2026-10-06');
    expect(full.days[89]).toBe('2027-01-03');
    expect(cell(full, d.phases.decision, d.personas.parent).counts.slice(84)).toEqual([null, 0, 1, null, 1, null]);
  });

  it('gapSince: the first day of each current gap\'s unbroken run', async () => {
    const runs = await history().gapSince(d.journey);
    expect(runs).toHaveLength(10);
    const of = (phase: string, persona: string) => runs.find((r: any) => r.phase === phase && r.persona === persona)?.since;
    expect(of(d.phases.decision, d.personas.parent)).toBe('2027-01-03');
    expect(of(d.phases.consideration, d.personas.techie)).toBe('2026-12-30');
    expect(of(d.phases.awareness, d.personas.parent)).toBeUndefined();
  });

  it('GET /coverage/changes: exactly the gaps opened and closed since a day (or the nearest later snapshot)', async () => {
    const since = await get(`/journey-map/coverage/changes?journey=${d.journey}&since=2026-12-31`);
    expect(since).toEqual({
      journey: { documentId: d.journey, name: 'Smartphone repair' },
      since: '2026-12-31',
      comparedWith: '2026-12-31',
      today: '2027-01-03',
      opened: [{ phase: d.phases.decision, persona: d.personas.parent, countThen: 1, countNow: 0, stateThen: 'ok' }],
      closed: [
        { phase: d.phases.awareness, persona: d.personas.parent, countThen: 0, countNow: 1, stateNow: 'ok' },
        { phase: d.phases.awareness, persona: d.personas.techie, countThen: 0, countNow: 1, stateNow: 'ok' },
      ],
    });
    const later = await get(`/journey-map/coverage/changes?journey=${d.slug}&since=2027-01-01`);
    expect(later.comparedWith).toBe('2027-01-02');
    expect(later.opened.map((c: any) => [c.phase, c.persona])).toEqual([[d.phases.decision, d.personas.parent]]);
    expect(later.closed).toEqual([]);
    expect(await get(`/journey-map/coverage/changes?journey=${d.journey}&since=2027-01-03`)).toMatchObject({ comparedWith: null, opened: [], closed: [] });
  });

  it('answers 400 naming the field, 404 for an unknown journey', async () => {
    const message = async (url: string) => (await api.get(url).expect(400)).body.error.message as string;
    expect(await message('/journey-map/coverage/history')).toMatch(/query\.journey/);
    expect(await message(`/journey-map/coverage/history?journey=${d.journey}&days=0`)).toMatch(/query\.days/);
    expect(await message(`/journey-map/coverage/history?journey=${d.journey}&days=367`)).toMatch(/query\.days/);
    expect(await message(`/journey-map/coverage/history?journey=${d.journey}&locale=e`)).toMatch(/query\.locale/);
    expect(await message(`/journey-map/coverage/history?journey=${d.journey}&from=2026-01-01`)).toMatch(/Unrecognized key/);
    expect(await message(`/journey-map/coverage/changes?journey=${d.journey}`)).toMatch(/query\.since/);
    expect(await message(`/journey-map/coverage/changes?journey=${d.journey}&since=2026-02-30`)).toMatch(/query\.since/);
    expect(await message(`/journey-map/coverage/changes?journey=${d.journey}&since=30.12.2026`)).toMatch(/query\.since/);
    await api.get('/journey-map/coverage/history?journey=no-such-journey').expect(404);
  });

  it('a manual snapshot refreshes its day\'s rows; a removed phase leaves that day\'s row set', async () => {
    await api.post('/journey-map/snapshots', { journey: d.journey }).expect(200);
    const rows = await rowsOf(d.journey, '2027-01-03');
    expect(rows).toHaveLength(12);
    expect(rows.filter((r: any) => r.state === 'gap')).toHaveLength(10);
    const extra = (await api.post('/journey-map/phases', { journey: d.journey, name: 'Repair booked' }).expect(200)).body.data;
    await api.post('/journey-map/snapshots', { journey: d.journey }).expect(200);
    expect(await rowsOf(d.journey, '2027-01-03')).toHaveLength(14);
    await api.del(`/journey-map/phases/${extra.documentId}`).expect(200);
    await api.post('/journey-map/snapshots', { journey: d.journey }).expect(200);
    expect(await rowsOf(d.journey, '2027-01-03')).toHaveLength(12);
  });

  it('concurrent daily runs (as from several instances) store exactly one row set per journey and day', async () => {
    at('2027-01-04');
    const runs = await Promise.all([1, 2, 3, 4].map(() => daily('2027-01-04')));
    expect(runs.reduce((n, r) => n + r.taken.length, 0)).toBe(2);
    expect(runs.reduce((n, r) => n + r.skipped, 0)).toBe(6);
    expect(await rowsOf(d.journey, '2027-01-04')).toHaveLength(12);
    expect(await rowsOf(other.journey, '2027-01-04')).toHaveLength(12);
    expect(await app.strapi.db.connection('jm_snapshots').where({ kind: 'daily', day: '2027-01-04' })).toHaveLength(2);
    // The index refuses a second row for a cell and day.
    const [row] = await rowsOf(d.journey, '2027-01-04');
    const refused = await (async () => {
      try {
        await app.strapi.db.connection('jm_cell_history').insert({ document_id: 'zzzzzzzzzzzzzzzzzzzzzzzz', journey_id: row.journey_id, day: row.day, phase_id: row.phase_id, persona_id: row.persona_id, count: 5, state: 'ok' });
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refused).toMatch(/unique|duplicate/i);
  });

  it('the upgrade migration fills the table from the daily snapshots\' payloads', async () => {
    const k = app.strapi.db.connection;
    const columns = ['journey_id', 'day', 'phase_id', 'persona_id', 'count', 'state'];
    const order = ['journey_id', 'day', 'phase_id', 'persona_id'];
    // What the manual snapshots wrote for 2027-01-03 is not in a daily payload: leave that day out.
    const before = (await k('jm_cell_history').select(columns).whereNot('day', '2027-01-03').orderBy(order)).map((r: any) => ({ ...r, count: Number(r.count) }));
    expect(before).toHaveLength(2 * 12 * 4);
    await k('jm_cell_history').del();
    const log: string[] = [];
    await backfillCellHistory({ strapi: app.strapi, db: k, dialect: databaseClient(), log: (m) => log.push(m) });
    const after = (await k('jm_cell_history').select(columns).orderBy(order)).map((r: any) => ({ ...r, count: Number(r.count) }));
    expect(after).toEqual(before);
    expect(log).toEqual(['[journey-map] cell history: 96 rows from 8 daily snapshots']);
    // Running it again changes nothing.
    await backfillCellHistory({ strapi: app.strapi, db: k, dialect: databaseClient(), log: () => undefined });
    expect(Number(((await k('jm_cell_history').count({ n: '*' }).first()) as any).n)).toBe(96);
  });
});
