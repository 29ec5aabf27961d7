import http from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import { createTestDatabase, databaseClient } from '../helpers/database';
import { ARTICLE, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';
import { bootStrapi, clockOf, registerSuperAdmin, type TestApp } from '../helpers/strapi';

/**
 * The plugin's webhook events, delivered by Strapi's webhook runner to a loopback HTTP server: gaps
 * opened and closed by tag writes, KPI statuses crossing the target by KPI value writes, snapshots, and
 * nothing when no state changed. On PostgreSQL and MariaDB, two Strapi instances on one database write
 * at once and each transition is delivered exactly once.
 */
const client = databaseClient();
const networked = client !== 'sqlite';

const EVENTS = ['journey-map.gap.opened', 'journey-map.gap.closed', 'journey-map.kpi.off-track', 'journey-map.kpi.on-track', 'journey-map.snapshot.created'];

interface Received {
  event: string;
  header: string | undefined;
  body: any;
}

/** A loopback HTTP server that keeps every POST it receives. */
async function receiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const body = JSON.parse(data);
      received.push({ event: body.event, header: req.headers['x-strapi-event'] as string | undefined, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`webhooks on ${client}`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let api: AdminApi;
  let token: string;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const webhooks = () => app.strapi.plugin('journey-map').service('webhooks') as { idle(): Promise<void>; checkAll(): Promise<void> };

  /** Waits for this instance's checks, then for the runner's deliveries; returns what arrived since `from`. */
  async function settle(from: number, expected: number, extraMs = 400) {
    await webhooks().idle();
    const started = Date.now();
    while (hook.received.length - from < expected && Date.now() - started < 15_000) await sleep(50);
    await sleep(extraMs);
    return hook.received.slice(from);
  }
  const summary = (r: Received[]) => r.map((e) => `${e.event} ${e.body.phase?.documentId ?? ''} ${e.body.persona?.documentId ?? ''} ${e.body.locale ?? ''} ${e.body.state ?? e.body.status ?? ''}`).sort();

  beforeAll(async () => {
    hook = await receiver();
    db = await createTestDatabase('webhooks');
    app = await bootStrapi(db.env);
    token = (await registerSuperAdmin(app)).token;
    api = adminApi(app, token);
    d = await demoJourney(api);
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    await hook?.close();
  });

  it('registers the five events with Strapi\'s webhook store; the admin API accepts them and refuses an unknown one', async () => {
    const store = app.strapi.get('webhookStore') as { listAllowedEvents(): string[]; getAllowedEvent(k: string): string };
    const ours = store.listAllowedEvents().filter((k) => k.startsWith('JOURNEY_MAP_'));
    expect(ours.map((k) => store.getAllowedEvent(k)).sort()).toEqual([...EVENTS].sort());
    const refused = await api.post('/admin/webhooks', { name: 'Bad', url: hook.url, headers: {}, events: ['journey-map.gap.widened'] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/journey-map\.gap\.widened is not supported/);
    const created = (await api.post('/admin/webhooks', { name: 'Journey Map', url: hook.url, headers: { 'X-Test': 'journey-map' }, events: EVENTS }).expect(201)).body.data;
    expect(created).toMatchObject({ name: 'Journey Map', events: EVENTS, isEnabled: true });
    const listed = (await api.get('/admin/webhooks').expect(200)).body.data;
    expect(listed.map((w: any) => [w.name, w.events])).toEqual([['Journey Map', EVENTS]]);
  });

  it('tagging the last entry out of a cell opens one gap; tagging into it closes it; no event when no state changes', async () => {
    const phase = d.phases.awareness;
    const persona = d.personas.parent;
    const first = await createEntry(app, ARTICLE, { title: 'Cracked screen: first steps' });
    const second = await createEntry(app, ARTICLE, { title: 'Cracked screen: what a repair costs' });

    // The first tag write records the journey's cells in locale en (a first sight announces nothing).
    let from = hook.received.length;
    await tagEntry(api, ARTICLE, first, { phases: [phase], personas: [persona] }).expect(200);
    expect(await settle(from, 0)).toEqual([]);
    const rows = await app.strapi.db.connection('jm_webhook_states').select('scope', 'subject', 'version');
    expect(rows.map((r: any) => [r.scope, r.subject, Number(r.version)])).toEqual([['cells', `${d.journey}|en`, 1]]);

    // A second entry in the cell: 1 → 2, still ok. A write elsewhere in the journey that leaves every state as it was: nothing.
    from = hook.received.length;
    await tagEntry(api, ARTICLE, second, { phases: [phase], personas: [persona] }).expect(200);
    expect(await settle(from, 0)).toEqual([]);

    // The second leaves: 2 → 1, still ok.
    await tagEntry(api, ARTICLE, second, { phases: [], personas: [] }).expect(200);
    expect(await settle(from, 0)).toEqual([]);

    // The last entry leaves: a gap opens, exactly once, with its payload.
    await tagEntry(api, ARTICLE, first, { phases: [], personas: [] }).expect(200);
    const opened = await settle(from, 1);
    expect(opened).toHaveLength(1);
    expect(opened[0].event).toBe('journey-map.gap.opened');
    expect(opened[0].header).toBe('journey-map.gap.opened');
    expect(opened[0].body).toEqual({
      event: 'journey-map.gap.opened',
      createdAt: expect.any(String),
      journey: { documentId: d.journey, name: 'Smartphone repair', slug: d.slug },
      phase: { documentId: phase, name: 'Awareness' },
      persona: { documentId: persona, name: 'Busy parent Smartphone repair' },
      locale: 'en',
      count: 0,
      state: 'gap',
      previousState: 'ok',
    });

    // Removing tags the entry no longer has changes nothing: no event.
    from = hook.received.length;
    await tagEntry(api, ARTICLE, first, { phases: [], personas: [] }).expect(200);
    expect(await settle(from, 0)).toEqual([]);

    // An entry tagged into the gap closes it, once.
    await tagEntry(api, ARTICLE, second, { phases: [phase], personas: [persona] }).expect(200);
    const closed = await settle(from, 1);
    expect(closed.map((e) => e.body)).toEqual([
      {
        event: 'journey-map.gap.closed',
        createdAt: expect.any(String),
        journey: { documentId: d.journey, name: 'Smartphone repair', slug: d.slug },
        phase: { documentId: phase, name: 'Awareness' },
        persona: { documentId: persona, name: 'Busy parent Smartphone repair' },
        locale: 'en',
        count: 1,
        state: 'ok',
        previousState: 'gap',
      },
    ]);

    // The hourly job sees the same states: nothing more.
    from = hook.received.length;
    await webhooks().checkAll();
    expect(await settle(from, 0)).toEqual([]);
  });

  it('KPI values crossing the target announce off track and on track once each', async () => {
    const day = clockOf(app).now().toISOString().slice(0, 10);
    const put = (value: number) => api.put('/journey-map/measure/kpi-values', { cta: d.cta, date: day, value }).expect(200);
    // The hourly job records the KPI statuses first (a first sight announces nothing).
    let from = hook.received.length;
    await webhooks().checkAll();
    expect(await settle(from, 0)).toEqual([]);
    const statusOf = async () => (await api.get(`/journey-map/measure/kpis?journey=${d.slug}`).expect(200)).body.data.find((c: any) => c.cta.documentId === d.cta).status;

    from = hook.received.length;
    await put(100); // target 500, higher is better: off track
    expect(await statusOf()).toBe('offTrack');
    const off = await settle(from, 1);
    expect(off.map((e) => e.body)).toEqual([
      {
        event: 'journey-map.kpi.off-track',
        createdAt: expect.any(String),
        journey: { documentId: d.journey, name: 'Smartphone repair', slug: d.slug },
        phase: { documentId: d.phases.consideration, name: 'Consideration' },
        cta: { documentId: d.cta, label: 'Download the manual on what to do when your smartphone breaks' },
        status: 'offTrack',
        previousStatus: 'noData',
        actual: 100,
        target: 500,
        period: { period: expect.any(String), start: expect.any(String), end: expect.any(String) },
      },
    ]);

    // Still off track: nothing.
    from = hook.received.length;
    await put(120);
    expect(await settle(from, 0)).toEqual([]);

    await put(600);
    const on = await settle(from, 1);
    expect(on.map((e) => [e.event, e.body.status, e.body.previousStatus, e.body.actual])).toEqual([['journey-map.kpi.on-track', 'onTrack', 'offTrack', 600]]);

    // At risk (within 10 % of the target) is remembered, not announced; then off track again.
    from = hook.received.length;
    await put(480);
    expect(await settle(from, 0)).toEqual([]);
    await put(10);
    const again = await settle(from, 1);
    expect(again.map((e) => [e.event, e.body.status, e.body.previousStatus, e.body.actual])).toEqual([['journey-map.kpi.off-track', 'offTrack', 'atRisk', 10]]);

    // Deleting the value: no data again, not announced.
    from = hook.received.length;
    const id = (await api.get(`/journey-map/measure/kpi-values?cta=${d.cta}`).expect(200)).body.data[0].id;
    await api.del(`/journey-map/measure/kpi-values/${id}`).expect(200);
    expect(await settle(from, 0)).toEqual([]);
  });

  it('a snapshot announces itself once: journey-map.snapshot.created', async () => {
    const from = hook.received.length;
    const taken = (await api.post('/journey-map/snapshots', { journey: d.slug, note: 'before the campaign' }).expect(200)).body.data;
    const got = await settle(from, 1);
    expect(got.map((e) => e.body)).toEqual([
      {
        event: 'journey-map.snapshot.created',
        createdAt: expect.any(String),
        journey: { documentId: d.journey, name: 'Smartphone repair' },
        snapshot: { documentId: taken.documentId, kind: 'manual', takenAt: taken.takenAt, day: null, note: 'before the campaign' },
        summary: taken.summary,
      },
    ]);
  });

  it('a disabled webhook receives nothing', async () => {
    const [webhook] = (await api.get('/admin/webhooks').expect(200)).body.data;
    await api.put(`/admin/webhooks/${webhook.id}`, { name: webhook.name, url: webhook.url, headers: webhook.headers, events: webhook.events, isEnabled: false }).expect(200);
    const from = hook.received.length;
    await api.post('/journey-map/snapshots', { journey: d.slug }).expect(200);
    expect(await settle(from, 0)).toEqual([]);
    await api.put(`/admin/webhooks/${webhook.id}`, { name: webhook.name, url: webhook.url, headers: webhook.headers, events: webhook.events, isEnabled: true }).expect(200);
  });

  (networked ? describe : describe.skip)('two Strapi instances on one database', () => {
    let second: SecondInstance;
    let other: AdminApi;

    beforeAll(async () => {
      // The second instance loads the webhook at its boot (Strapi's runner keeps webhooks in memory).
      second = await startSecondInstance(db.env, client === 'postgres' ? 1417 : 1418);
      const auth = (r: any) => r.set('Authorization', `Bearer ${token}`);
      other = {
        get: (p: string) => auth(request(second.url).get(p)),
        del: (p: string) => auth(request(second.url).delete(p)),
        put: (p: string, body: unknown) => auth(request(second.url).put(p).send(body as object)),
        post: (p: string, body: unknown) => auth(request(second.url).post(p).send(body as object)),
      };
    });
    afterAll(async () => {
      await second?.stop();
    });

    it('concurrent tag writes on both instances: each gap opened and closed is delivered exactly once', async () => {
      const phases = [d.phases.consideration, d.phases.purchase, d.phases.retention];
      const persona = d.personas.techie;
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) ids.push(await createEntry(app, ARTICLE, { title: `Battery swap guide ${i}` }));
      // Two entries in each of three cells, written across both instances.
      let from = hook.received.length;
      await Promise.all(ids.map((id, i) => (i % 2 ? other : api).put(`/journey-map/assignments/${ARTICLE}/${id}?locale=en`, { phases: [phases[Math.floor(i / 2)]], personas: [persona] }).expect(200)));
      const closed = await settle(from, 3, 3000);
      expect(summary(closed)).toEqual(phases.map((p) => `journey-map.gap.closed ${p} ${persona} en ok`).sort());

      for (let round = 1; round <= 3; round += 1) {
        // Every entry leaves at once, half through each instance: three gaps open, each announced once.
        from = hook.received.length;
        await Promise.all(ids.map((id, i) => (i % 2 ? api : other).put(`/journey-map/assignments/${ARTICLE}/${id}?locale=en`, { phases: [], personas: [] }).expect(200)));
        expect(summary(await settle(from, 3, 3000))).toEqual(phases.map((p) => `journey-map.gap.opened ${p} ${persona} en gap`).sort());

        // And all come back at once: three gaps closed, each once.
        from = hook.received.length;
        await Promise.all(ids.map((id, i) => (i % 2 ? other : api).put(`/journey-map/assignments/${ARTICLE}/${id}?locale=en`, { phases: [phases[Math.floor(i / 2)]], personas: [persona] }).expect(200)));
        expect(summary(await settle(from, 3, 3000))).toEqual(phases.map((p) => `journey-map.gap.closed ${p} ${persona} en ok`).sort());
      }

      // The states stored are today's: the hourly job on either instance finds nothing to announce.
      from = hook.received.length;
      await webhooks().checkAll();
      expect(await settle(from, 0, 1000)).toEqual([]);
    });

    it('the same KPI value entered on both instances at once: one off track, then one on track', async () => {
      const day = clockOf(app).now().toISOString().slice(0, 10);
      const both = (value: number) => Promise.all([api, other].map((on) => on.put('/journey-map/measure/kpi-values', { cta: d.cta, date: day, value }).expect(200)));
      for (let round = 1; round <= 3; round += 1) {
        let from = hook.received.length;
        await both(100 + round);
        expect((await settle(from, 1, 2000)).map((e) => [e.event, e.body.cta.documentId, e.body.status])).toEqual([['journey-map.kpi.off-track', d.cta, 'offTrack']]);
        from = hook.received.length;
        await both(600 + round);
        expect((await settle(from, 1, 2000)).map((e) => [e.event, e.body.cta.documentId, e.body.status])).toEqual([['journey-map.kpi.on-track', d.cta, 'onTrack']]);
      }
    });

    it('a snapshot taken on the second instance is announced once, by it', async () => {
      const from = hook.received.length;
      const taken = (await other.post('/journey-map/snapshots', { journey: d.slug }).expect(200)).body.data;
      const got = await settle(from, 1, 1500);
      expect(got.map((e) => [e.event, e.body.snapshot.documentId])).toEqual([['journey-map.snapshot.created', taken.documentId]]);
    });
  });
});
