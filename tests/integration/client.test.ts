import { createTestDatabase, databaseClient } from '../helpers/database';
import { ARTICLE, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';
import { bootStrapi, clockOf, registerSuperAdmin, type TestApp } from '../helpers/strapi';
// The built package, as a site would import it.
const { createJourneyMapClient } = require('../../packages/client/dist/index.cjs') as typeof import('../../packages/client/src/index');

describe(`front-end client against the playground on ${databaseClient()}`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let second: SecondInstance | null = null;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  let baseUrl: string;
  const k = () => app.strapi.db.connection;
  const counter = async (where: Record<string, string>) => Number((await k()('jm_metric_counters').sum({ total: 'total' }).where(where).first())?.total ?? 0);

  beforeAll(async () => {
    db = await createTestDatabase('client');
    app = await bootStrapi(db.env);
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
    const id = await createEntry(app, ARTICLE, { title: 'Client article', summary: 'from the client' });
    await tagEntry(api, ARTICLE, id, { phases: [d.phases.consideration] }).expect(200);
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    for (const action of ['plugin::journey-map.journey.findOne', 'plugin::journey-map.content.find', 'plugin::journey-map.events.ingest', `${ARTICLE}.find`]) {
      await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
    await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${(app.strapi.server.httpServer.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    if (app) clockOf(app).reset();
    await second?.stop();
    await app?.stop();
    await db?.drop();
  });

  it('getJourney and getContent answer what the REST routes answer', async () => {
    const client = createJourneyMapClient({ baseUrl });
    expect(await client.getJourney(d.slug)).toEqual((await app.http().get(`/api/journey-map/journeys/${d.slug}`).expect(200)).body.data);
    const content = await client.getContent({ journey: d.slug, phase: 'consideration', limit: 5 });
    expect(content).toEqual((await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=consideration&limit=5`).expect(200)).body.data);
    expect(content.entries.map((e) => [e.title, e.match])).toEqual([['Client article', 'exact']]);
    await expect(client.getJourney('no-such-journey')).rejects.toMatchObject({ status: 404 });
  });

  it('sendEvents counts exactly, in batches of 100', async () => {
    await k()('jm_metric_counters').del();
    const client = createJourneyMapClient({ baseUrl });
    const events = Array.from({ length: 230 }, (_, i) => (i % 2 ? { type: 'click' as const, cta: d.cta } : { type: 'view' as const, phase: d.phases.awareness, session: `client-session-${i % 7}` }));
    const sent = await client.sendEvents(events);
    expect(sent.queued).toBe(0);
    expect(sent.results.map((r) => [r.received, r.accepted, r.rejected.length])).toEqual([[100, 100, 0], [100, 100, 0], [30, 30, 0]]);
    expect(await counter({ event_type: 'view' })).toBe(115);
    expect(await counter({ event_type: 'click' })).toBe(115);
    await expect(client.sendEvents({ type: 'view', phase: 'nosuchphasedocumentid00' })).rejects.toMatchObject({ status: 400 });
  });

  it('a batch refused with 429 is sent again after Retry-After and counts once', async () => {
    await k()('jm_metric_counters').del();
    await api.put('/journey-map/settings', { rateLimitPerMinute: 1 }).expect(200);
    const clock = clockOf(app);
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 1_000);
    clock.freeze(start);
    const waits: number[] = [];
    const statuses: number[] = [];
    const realFetch = globalThis.fetch;
    const client = createJourneyMapClient({
      baseUrl,
      fetch: async (url: string, init: any) => {
        const res = await realFetch(url, init);
        statuses.push(res.status);
        return res;
      },
      // The client waits what the server asked; the plugin clock moves on by as much.
      sleep: async (ms) => {
        waits.push(ms);
        clock.freeze(new Date(clock.now().getTime() + ms));
      },
    });
    await client.sendEvents({ type: 'view', phase: d.phases.decision }); // uses the minute's one request
    const sent = await client.sendEvents([{ type: 'conversion', cta: d.cta }, { type: 'view', phase: d.phases.decision }]);
    expect(statuses).toEqual([200, 429, 200]);
    expect(waits).toEqual([59_000]);
    expect(sent.results).toEqual([{ received: 2, accepted: 2, duplicates: 0, rejected: [] }]);
    expect(await counter({ event_type: 'conversion' })).toBe(1);
    expect(await counter({ event_type: 'view' })).toBe(2);
    clock.reset();
    await api.put('/journey-map/settings', { rateLimitPerMinute: 600 }).expect(200);
  });

  it('a batch whose answer is lost is sent again with the same ids and counts once', async () => {
    await k()('jm_metric_counters').del();
    const realFetch = globalThis.fetch;
    const bodies: string[] = [];
    const answers: any[] = [];
    const client = createJourneyMapClient({
      baseUrl,
      // The first request reaches the server and its answer is lost on the way back; the retry gets through.
      fetch: async (url: string, init: any) => {
        bodies.push(init.body);
        const res = await realFetch(url, init);
        if (bodies.length === 1) throw new TypeError('fetch failed');
        answers.push(await res.clone().json());
        return res;
      },
      sleep: async () => undefined,
    });
    const sent = await client.sendEvents([{ type: 'conversion', cta: d.cta }, { type: 'click', cta: d.cta }]);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(JSON.parse(bodies[0]).events.map((e: any) => e.id)).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/)]);
    expect(sent.results).toEqual([{ received: 2, accepted: 2, duplicates: 2, rejected: [] }]);
    expect(answers).toEqual([{ data: sent.results[0] }]);
    expect(await counter({ event_type: 'conversion' })).toBe(1);
    expect(await counter({ event_type: 'click' })).toBe(1);

    // Told not to retry unsure batches, the client gives up after the lost answer (the batch counted).
    let calls = 0;
    const once = createJourneyMapClient({
      baseUrl,
      retryUnsure: false,
      fetch: async (url: string, init: any) => {
        calls += 1;
        await realFetch(url, init);
        throw new TypeError('fetch failed');
      },
      sleep: async () => undefined,
    });
    await expect(once.sendEvents({ type: 'conversion', cta: d.cta })).rejects.toMatchObject({ status: 0 });
    expect(calls).toBe(1);
    expect(await counter({ event_type: 'conversion' })).toBe(2);
  });

  it(`a batch sent 16 times at once${databaseClient() === 'sqlite' ? '' : ', to two Strapi instances,'} counts exactly once, sessions included`, async () => {
    if (databaseClient() !== 'sqlite' && !second) second = await startSecondInstance(db.env, databaseClient() === 'postgres' ? 1415 : 1416);
    const realFetch = globalThis.fetch;
    /** Counters and moves, without ids, for comparing two runs. */
    const totals = async () => ({
      counters: (await k()('jm_metric_counters').select('phase_id', 'cta_id', 'event_type').sum({ total: 'total' }).groupBy('phase_id', 'cta_id', 'event_type').orderBy(['phase_id', 'cta_id', 'event_type'])).map((r: any) => [r.phase_id, r.cta_id, r.event_type, Number(r.total)]),
      moves: (await k()('jm_path_transitions').select('from_phase_id', 'to_phase_id').sum({ total: 'total' }).groupBy('from_phase_id', 'to_phase_id').orderBy(['from_phase_id', 'to_phase_id'])).map((r: any) => [r.from_phase_id, r.to_phase_id, Number(r.total)]),
    });
    const batchOf = (session: string) => [
      { type: 'view' as const, phase: d.phases.awareness, session },
      { type: 'view' as const, cta: d.cta, session },
      { type: 'click' as const, cta: d.cta, session },
      { type: 'view' as const, phase: d.phases.decision, session },
      { type: 'conversion' as const, cta: d.cta },
    ];
    // The reference: the batch sent once.
    await k()('jm_metric_counters').del();
    await k()('jm_path_transitions').del();
    await createJourneyMapClient({ baseUrl }).sendEvents(batchOf('race-reference-session'));
    const once = await totals();
    expect(once.counters.reduce((n: number, c: any[]) => n + c[3], 0)).toBe(5);
    await k()('jm_metric_counters').del();
    await k()('jm_path_transitions').del();

    // The client's own body (its ids), captured and then sent 16 times at once, half of them to the second instance.
    let body = '';
    await createJourneyMapClient({
      baseUrl,
      fetch: async (_url: string, init: any) => {
        body = init.body;
        return { ok: true, status: 200, headers: { get: () => null }, json: async () => ({ data: {} }), text: async () => '' };
      },
    }).sendEvents(batchOf('race-session-under-test'));
    const urls = Array.from({ length: 16 }, (_, i) => `${i % 2 && second ? second.url : baseUrl}/api/journey-map/events`);
    const answers = await Promise.all(urls.map(async (url) => {
      const res = await realFetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      return { status: res.status, data: ((await res.json()) as { data: { accepted: number; duplicates: number } }).data };
    }));
    expect(answers.map((a) => a.status)).toEqual(Array(16).fill(200));
    expect(answers.map((a) => a.data.accepted)).toEqual(Array(16).fill(5));
    expect(answers.reduce((n, a) => n + a.data.accepted - a.data.duplicates, 0)).toBe(5);
    expect(await totals()).toEqual(once);
  });
});
