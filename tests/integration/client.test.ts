import { databaseClient } from '../helpers/database';
import { ARTICLE, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';
// The built package, as a site would import it.
const { createJourneyMapClient } = require('../../packages/client/dist/index.cjs') as typeof import('../../packages/client/src/index');

describe(`front-end client against the playground on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  let baseUrl: string;
  const k = () => app.strapi.db.connection;
  const counter = async (where: Record<string, string>) => Number((await k()('jm_metric_counters').sum({ total: 'total' }).where(where).first())?.total ?? 0);

  beforeAll(async () => {
    app = await startStrapi('client');
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
    await app?.stop();
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
    expect(sent.results).toEqual([{ received: 2, accepted: 2, rejected: [] }]);
    expect(await counter({ event_type: 'conversion' })).toBe(1);
    expect(await counter({ event_type: 'view' })).toBe(2);
    clock.reset();
    await api.put('/journey-map/settings', { rateLimitPerMinute: 600 }).expect(200);
  });

  it('a batch whose answer is lost is not sent again (it may have counted)', async () => {
    await k()('jm_metric_counters').del();
    const realFetch = globalThis.fetch;
    let calls = 0;
    const client = createJourneyMapClient({
      baseUrl,
      // The request reaches the server, the answer is lost on the way back.
      fetch: async (url: string, init: any) => {
        calls += 1;
        await realFetch(url, init);
        throw new TypeError('fetch failed');
      },
      sleep: async () => undefined,
    });
    await expect(client.sendEvents({ type: 'conversion', cta: d.cta })).rejects.toMatchObject({ status: 0 });
    expect(calls).toBe(1);
    expect(await counter({ event_type: 'conversion' })).toBe(1);
  });
});
