import { databaseClient } from '../helpers/database';
import { ARTICLE, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

const EVENTS = '/api/journey-map/events';
const USER_AGENT = 'JourneyMapTest/1.0 (personal-data-probe)';

describe(`event ingestion on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const k = () => app.strapi.db.connection;

  const post = (body: unknown, headers: Record<string, string> = {}) => {
    const req = app.http().post(EVENTS).set('User-Agent', USER_AGENT);
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    return req.send(body as object);
  };
  const counter = async (where: Record<string, string>) =>
    Number((await k()('jm_metric_counters').sum({ total: 'total' }).where(where).first())?.total ?? 0);
  const settings = (patch: Record<string, unknown>) => api.put('/journey-map/settings', patch).expect(200);

  beforeAll(async () => {
    app = await startStrapi('measure-ingest');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is not public until a Users & Permissions role is granted; the snippet is public', async () => {
    await post({ type: 'view', phase: d.phases.awareness }).expect(403);
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'plugin::journey-map.events.ingest', role: role.id } });
    await post({ type: 'view', phase: d.phases.awareness }).expect(200);

    const snippet = await app.http().get('/api/journey-map/snippet.js').expect(200);
    expect(snippet.headers['content-type']).toMatch(/javascript/);
    expect(snippet.text).toContain('sessionStorage');
    expect(snippet.text.length).toBeLessThan(4000);
  });

  it('counts exactly 2,000 events sent concurrently by 20 clients', async () => {
    await settings({ rateLimitPerMinute: 100000 });
    await k()('jm_metric_counters').del();
    await k()('jm_path_transitions').del();
    await k()('jm_visitor_sessions').del();
    const types = ['view', 'click', 'conversion'] as const;
    const expected = { cta: { view: 0, click: 0, conversion: 0 }, awareness: 0, decision: 0 } as any;
    // Each client: 10 requests of 10 events; 5 sessions per client going awareness → consideration (CTA) → decision.
    const client = async (c: number) => {
      for (let r = 0; r < 10; r += 1) {
        const events = Array.from({ length: 10 }, (_, i) => {
          const n = r * 10 + i;
          const session = `client${c}-session${n % 5}`;
          const step = Math.floor(n / 5) % 3;
          if (step === 0) return { type: 'view', phase: d.phases.awareness, session };
          if (step === 1) return { type: types[n % 3], cta: d.cta, session };
          return { type: 'view', phase: d.phases.decision, session };
        });
        const res = await post({ events });
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual({ received: 10, accepted: 10, duplicates: 0, rejected: [] });
      }
    };
    // The expected totals, counted the same way the clients build their events.
    for (let c = 0; c < 20; c += 1) {
      for (let n = 0; n < 100; n += 1) {
        const step = Math.floor(n / 5) % 3;
        if (step === 0) expected.awareness += 1;
        else if (step === 1) expected.cta[types[n % 3]] += 1;
        else expected.decision += 1;
      }
    }
    await Promise.all(Array.from({ length: 20 }, (_, c) => client(c)));

    expect(await counter({ cta_id: d.cta, event_type: 'view' })).toBe(expected.cta.view);
    expect(await counter({ cta_id: d.cta, event_type: 'click' })).toBe(expected.cta.click);
    expect(await counter({ cta_id: d.cta, event_type: 'conversion' })).toBe(expected.cta.conversion);
    expect(await counter({ phase_id: d.phases.awareness, cta_id: '' })).toBe(expected.awareness);
    expect(await counter({ phase_id: d.phases.decision, cta_id: '' })).toBe(expected.decision);
    expect(await counter({ journey_id: d.journey })).toBe(2000);
    // 100 sessions of 20 events each, cycling awareness → consideration → decision → awareness …
    // (a c d a c d … a c): one entry and 19 phase changes per session: 7 a→c, 6 c→d, 6 d→a.
    const transitions = await k()('jm_path_transitions').select('from_phase_id', 'to_phase_id').sum({ total: 'total' }).groupBy('from_phase_id', 'to_phase_id');
    const t = Object.fromEntries(transitions.map((r: any) => [`${r.from_phase_id || 'entry'}>${r.to_phase_id}`, Number(r.total)]));
    expect(t).toEqual({
      [`entry>${d.phases.awareness}`]: 100,
      [`${d.phases.awareness}>${d.phases.consideration}`]: 700,
      [`${d.phases.consideration}>${d.phases.decision}`]: 600,
      [`${d.phases.decision}>${d.phases.awareness}`]: 600,
    });
  });

  it('keeps the valid events of a batch and says why the others were refused', async () => {
    const before = await counter({ cta_id: d.cta, event_type: 'conversion' });
    const beforeAwareness = await counter({ phase_id: d.phases.awareness, cta_id: '', event_type: 'view' });
    const articleId = await createEntry(app, ARTICLE, { title: 'Tagged for awareness' });
    await tagEntry(api, ARTICLE, articleId, { phases: [d.phases.awareness] }).expect(200);
    const res = await post([
      { type: 'conversion', cta: d.cta },
      { type: 'conversion', cta: 'nosuchctadocumentid0000' },
      { type: 'view', phase: 'nosuchphasedocumentid00' },
      { type: 'purchase', cta: d.cta },
      { type: 'conversion', cta: d.cta, phase: d.phases.awareness },
      { type: 'view', content: { uid: ARTICLE, documentId: articleId } },
      { type: 'view', at: new Date(clockOf(app).now().getTime() + 3600_000).toISOString(), phase: d.phases.awareness },
      { type: 'view' },
      { type: 'conversion', cta: d.cta, at: new Date(clockOf(app).now().getTime() - 60_000).toISOString() },
    ]).expect(200);
    expect(res.body.data.received).toBe(9);
    expect(res.body.data.accepted).toBe(3);
    expect(res.body.data.rejected.map((r: any) => r.index)).toEqual([1, 2, 3, 4, 6, 7]);
    const reasons = res.body.data.rejected.map((r: any) => r.reason);
    expect(reasons[0]).toBe('cta: unknown CTA nosuchctadocumentid0000');
    expect(reasons[1]).toBe('phase: unknown phase nosuchphasedocumentid00');
    expect(reasons[2]).toMatch(/^type: Invalid enum value/);
    expect(reasons[3]).toMatch(/belongs to phase/);
    expect(reasons[4]).toBe('at: is in the future');
    expect(reasons[5]).toMatch(/needs a cta, a phase or a content entry/);
    expect(await counter({ cta_id: d.cta, event_type: 'conversion' })).toBe(before + 2);
    expect(await counter({ phase_id: d.phases.awareness, cta_id: '', event_type: 'view' })).toBe(beforeAwareness + 1);

    const none = await post({ type: 'view', phase: 'nosuchphasedocumentid00' }).expect(400);
    expect(none.body.error.message).toBe('no event accepted: events.0: phase: unknown phase nosuchphasedocumentid00');
    expect((await post({ events: Array.from({ length: 101 }, () => ({ type: 'view', phase: d.phases.awareness })) }).expect(400)).body.error.message).toMatch(/body/);
    expect((await post([]).expect(400)).body.error.message).toMatch(/^body\.events: /);
    const padding = 'x'.repeat(700);
    await post({ events: Array.from({ length: 100 }, () => ({ type: 'view', phase: d.phases.awareness, session: padding.slice(0, 100), pad: padding })) }).expect(413);
    expect(await counter({ cta_id: d.cta, event_type: 'conversion' })).toBe(before + 2);
  });

  it('answers 429 past the rate limit per client and minute, counted in the database', async () => {
    // Five seconds into a minute on the plugin's clock, so that the window cannot turn during the test.
    const now = clockOf(app).now().getTime();
    clockOf(app).freeze(new Date(now - (now % 60_000) + 5_000));
    await settings({ rateLimitPerMinute: 3 });
    await k()('jm_rate_windows').del();
    for (let i = 0; i < 3; i += 1) await post({ type: 'view', phase: d.phases.awareness }).expect(200);
    const refused = await post({ type: 'view', phase: d.phases.awareness }).expect(429);
    expect(refused.body.error.message).toBe('too many requests: at most 3 per minute');
    expect(refused.headers['retry-after']).toBe('55');
    // The window lives in the database, so every Strapi instance sharing it sees the same count.
    const windows = await k()('jm_rate_windows').select('client_hash', 'total');
    expect(windows).toHaveLength(1);
    expect(Number(windows[0].total)).toBe(4);
    expect(windows[0].client_hash).toMatch(/^[0-9a-f]{64}$/);
    await settings({ rateLimitPerMinute: 100000 });
    await post({ type: 'view', phase: d.phases.awareness }).expect(200);
    clockOf(app).reset();
  });

  it('checks the ingestion key when one is set, and never returns it', async () => {
    const key = 'server-side-key-0123456789';
    const res = await settings({ ingestionKey: key });
    expect(res.body.data).toMatchObject({ ingestionKeySet: true });
    expect(JSON.stringify(res.body)).not.toContain(key);
    expect(JSON.stringify((await api.get('/journey-map/settings').expect(200)).body)).not.toContain(key);
    expect((await post({ type: 'view', phase: d.phases.awareness }).expect(401)).body.error.message).toMatch(/ingestion key/);
    await post({ type: 'view', phase: d.phases.awareness }, { 'X-Journey-Map-Key': 'server-side-key-0123456788' }).expect(401);
    await post({ type: 'view', phase: d.phases.awareness }, { 'X-Journey-Map-Key': key }).expect(200);
    expect((await api.put('/journey-map/settings', { ingestionKey: 'short' }).expect(400)).body.error.message).toMatch(/body\.ingestionKey/);
    // The settings form sends back what GET returned: the read-only flag is accepted and ignored.
    const current = (await api.get('/journey-map/settings').expect(200)).body.data;
    expect((await api.put('/journey-map/settings', current).expect(200)).body.data.ingestionKeySet).toBe(true);
    expect((await settings({ ingestionKey: null })).body.data.ingestionKeySet).toBe(false);
    await post({ type: 'view', phase: d.phases.awareness }).expect(200);
  });

  describe('event ids', () => {
    const receipts = async () => (await k()('jm_event_receipts').select('id').orderBy('id')).map((r: any) => r.id);
    const transitions = async () => Number((await k()('jm_path_transitions').sum({ total: 'total' }).first())?.total ?? 0);

    it('counts an event id once: a batch sent again is acknowledged, its duplicates counted as such', async () => {
      await settings({ rateLimitPerMinute: 100000 });
      await k()('jm_metric_counters').del();
      await k()('jm_path_transitions').del();
      await k()('jm_event_receipts').del();
      const batch = [
        { id: 'evt-aaaaaaaa-0001', type: 'view', phase: d.phases.awareness, session: 'dedupe-session-1' },
        { id: 'evt-aaaaaaaa-0002', type: 'click', cta: d.cta, session: 'dedupe-session-1' },
        { id: 'evt-aaaaaaaa-0003', type: 'view', phase: d.phases.decision, session: 'dedupe-session-1' },
      ];
      expect((await post({ events: batch }).expect(200)).body.data).toEqual({ received: 3, accepted: 3, duplicates: 0, rejected: [] });
      expect(await counter({ event_type: 'view' })).toBe(2);
      expect(await counter({ event_type: 'click' })).toBe(1);
      const moves = await transitions();
      expect(moves).toBe(3); // entry, awareness → consideration, consideration → decision
      expect(await receipts()).toEqual(['evt-aaaaaaaa-0001', 'evt-aaaaaaaa-0002', 'evt-aaaaaaaa-0003']);

      // The same batch again, then with one new event and one event twice: only the new one counts.
      expect((await post({ events: batch }).expect(200)).body.data).toEqual({ received: 3, accepted: 3, duplicates: 3, rejected: [] });
      const fresh = { id: 'evt-aaaaaaaa-0004', type: 'conversion', cta: d.cta };
      const mixed = await post({ events: [batch[1], fresh, fresh, { id: 'evt-aaaaaaaa-0005', type: 'view', phase: 'nosuchphasedocumentid00' }] }).expect(200);
      expect(mixed.body.data).toEqual({ received: 4, accepted: 3, duplicates: 2, rejected: [{ index: 3, reason: 'phase: unknown phase nosuchphasedocumentid00' }] });
      expect(await counter({ event_type: 'view' })).toBe(2);
      expect(await counter({ event_type: 'click' })).toBe(1);
      expect(await counter({ event_type: 'conversion' })).toBe(1);
      expect(await transitions()).toBe(moves);
      // A refused event leaves no receipt: sent again once it can count, it counts.
      expect(await receipts()).toEqual(['evt-aaaaaaaa-0001', 'evt-aaaaaaaa-0002', 'evt-aaaaaaaa-0003', 'evt-aaaaaaaa-0004']);
      // Events without an id count every time, as before.
      await post({ events: [{ type: 'click', cta: d.cta }, { type: 'click', cta: d.cta }] }).expect(200);
      expect(await counter({ event_type: 'click' })).toBe(3);
    });

    it('counts a batch sent 12 times at once exactly once', async () => {
      await k()('jm_metric_counters').del();
      const batch = Array.from({ length: 30 }, (_, i) => ({ id: `race-batch-${String(i).padStart(4, '0')}`, type: (['view', 'click', 'conversion'] as const)[i % 3], cta: d.cta }));
      const answers = await Promise.all(Array.from({ length: 12 }, () => post({ events: batch })));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
      expect(answers.map((a) => a.body.data.accepted)).toEqual(Array(12).fill(30));
      expect(answers.reduce((n, a) => n + a.body.data.accepted - a.body.data.duplicates, 0)).toBe(30);
      for (const type of ['view', 'click', 'conversion']) expect(await counter({ cta_id: d.cta, event_type: type })).toBe(10);
    });

    it('refuses a malformed id (400 naming events.N.id), with the event contract\'s other rules', async () => {
      for (const id of ['short', 'x'.repeat(65), 'has space in it', 'dots.are.not.ok', 12345678]) {
        const res = await post({ events: [{ id, type: 'view', phase: d.phases.awareness }] }).expect(400);
        expect(res.body.error.message).toMatch(/^no event accepted: events\.0: id: /);
      }
      expect((await post({ events: [{ id: 'evt-bbbbbbbb-0001', type: 'view', phase: d.phases.awareness }, { id: 'bad id', type: 'view', phase: d.phases.awareness }] }).expect(200)).body.data).toEqual({
        received: 2,
        accepted: 1,
        duplicates: 0,
        rejected: [{ index: 1, reason: 'id: must be 8-64 letters, digits, - or _' }],
      });
      expect((await post({ events: [{ id: 'evt-bbbbbbbb-0002', type: 'view' }] }).expect(400)).body.error.message).toBe('no event accepted: events.0: cta: an event needs a cta, a phase or a content entry');
      expect(await k()('jm_event_receipts').where('id', 'like', 'evt-bbbbbbbb-%').pluck('id')).toEqual(['evt-bbbbbbbb-0001']);
    });

    it('forgets ids after two days (the cleanup job): the same id then counts again', async () => {
      await k()('jm_event_receipts').del();
      await k()('jm_metric_counters').del();
      const ingest = app.strapi.plugin('journey-map').service('ingest');
      const event = { id: 'evt-cccccccc-0001', type: 'conversion', cta: d.cta };
      await post(event).expect(200);
      const now = clockOf(app).now().getTime();
      expect((await ingest.expireSessions(now + 2 * 86_400_000 - 60_000)).receipts).toBe(0);
      expect((await post(event).expect(200)).body.data.duplicates).toBe(1);
      expect(await counter({ event_type: 'conversion' })).toBe(1);
      expect((await ingest.expireSessions(now + 2 * 86_400_000 + 60_000)).receipts).toBe(1);
      expect(await receipts()).toEqual([]);
      expect((await post(event).expect(200)).body.data.duplicates).toBe(0);
      expect(await counter({ event_type: 'conversion' })).toBe(2);
    });
  });

  it('stores no personal data: no raw session id, IP address or user agent in any table', async () => {
    const session = 'visitor-abcdef-123456';
    await post({ events: [{ type: 'view', phase: d.phases.awareness, session }, { type: 'click', cta: d.cta, session }] }).expect(200);
    const tables: string[] = (await app.strapi.db.dialect.schemaInspector.getTables()).filter((t: string) => t.startsWith('jm_'));
    expect(tables).toEqual(expect.arrayContaining(['jm_metric_counters', 'jm_path_transitions', 'jm_visitor_sessions', 'jm_rate_windows', 'jm_kpi_values', 'jm_event_receipts']));
    for (const table of tables) {
      const columns = Object.keys(await k()(table).columnInfo());
      expect(columns.filter((c) => /(^|_)ip(_|$)|agent|address|session_id|visitor_id/i.test(c))).toEqual([]);
      const dump = JSON.stringify(await k()(table).select('*'));
      for (const needle of [session, '127.0.0.1', '::1', USER_AGENT, 'JourneyMapTest']) expect(dump).not.toContain(needle);
    }
    const sessions = await k()('jm_visitor_sessions').select('*');
    expect(sessions.length).toBeGreaterThan(0);
    for (const row of sessions) expect(row.session_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('deletes sessions after the TTL (the cron task) and counts a returning visitor as a new entry', async () => {
    const ingest = app.strapi.plugin('journey-map').service('ingest');
    expect(await k()('jm_visitor_sessions').count({ n: '*' }).first().then((r: any) => Number(r.n))).toBeGreaterThan(0);
    const now = clockOf(app).now().getTime();
    expect((await ingest.expireSessions(now + 29 * 60_000)).sessions).toBe(0);
    const removed = await ingest.expireSessions(now + 31 * 60_000);
    expect(removed.sessions).toBeGreaterThan(0);
    expect(await k()('jm_visitor_sessions').count({ n: '*' }).first().then((r: any) => Number(r.n))).toBe(0);
    expect(app.strapi.cron.jobs.some((j: any) => j.name === 'journey-map-measure-cleanup')).toBe(true);
  });
});
