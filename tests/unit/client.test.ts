import { backoffMs, createJourneyMapClient, eventId, retryAfterMs, type FetchLike } from '../../packages/client/src/index';

/** A local fetch stub: answers from a list, records every call. */
function stub(answers: Array<{ status: number; body?: unknown; headers?: Record<string, string> } | Error>) {
  const calls: Array<{ url: string; init: any }> = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const a = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (a instanceof Error) throw a;
    return {
      ok: a.status >= 200 && a.status < 300,
      status: a.status,
      headers: { get: (name: string) => a.headers?.[name.toLowerCase()] ?? null },
      json: async () => a.body,
      text: async () => JSON.stringify(a.body),
    };
  };
  return { fetch, calls };
}
const OK = { status: 200, body: { data: { received: 1, accepted: 1, duplicates: 0, rejected: [] } } };
const event = { type: 'view' as const, phase: 'phasedocumentid000000000' };

describe('journey map client', () => {
  let waits: number[];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  beforeEach(() => {
    waits = [];
  });

  it('reads the journey and the content from the content API with the token', async () => {
    const s = stub([{ status: 200, body: { data: { slug: 'repair' } } }]);
    const client = createJourneyMapClient({ baseUrl: 'https://cms.test/', token: 'secret', fetch: s.fetch });
    expect(await client.getJourney('repair')).toEqual({ slug: 'repair' });
    await client.getContent({ journey: 'repair', phase: 'awareness', persona: 'parent', locale: 'ja', limit: 3 });
    expect(s.calls.map((c) => c.url)).toEqual([
      'https://cms.test/api/journey-map/journeys/repair',
      'https://cms.test/api/journey-map/content?journey=repair&phase=awareness&persona=parent&locale=ja&limit=3',
    ]);
    expect(s.calls[0].init.headers.Authorization).toBe('Bearer secret');
  });

  it('throws the server message on an error answer', async () => {
    const s = stub([{ status: 404, body: { error: { message: 'journey not found' } } }]);
    const client = createJourneyMapClient({ baseUrl: 'https://cms.test', fetch: s.fetch });
    await expect(client.getJourney('nope')).rejects.toMatchObject({ name: 'JourneyMapError', status: 404, message: 'journey not found' });
  });

  it('retries a 429 after its Retry-After and counts the answer of the last try', async () => {
    const s = stub([{ status: 429, headers: { 'retry-after': '7' } }, { status: 429, headers: { 'retry-after': '2' } }, OK]);
    const client = createJourneyMapClient({ baseUrl: 'https://cms.test', ingestKey: 'k', fetch: s.fetch, sleep });
    expect(await client.sendEvents(event)).toEqual({ queued: 0, results: [{ received: 1, accepted: 1, duplicates: 0, rejected: [] }] });
    expect(waits).toEqual([7000, 2000]);
    expect(s.calls).toHaveLength(3);
    expect(s.calls[0].init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'x-journey-map-key': 'k' } });
    const sent = JSON.parse(s.calls[0].init.body);
    expect(sent).toEqual({ events: [{ ...event, id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }] });
    // Every retry sends the same body, ids included: the server counts each id once.
    expect(s.calls.map((c) => c.init.body)).toEqual([s.calls[0].init.body, s.calls[0].init.body, s.calls[0].init.body]);
  });

  it('gives each event its own id (a UUID, or 24 base-36 characters without randomUUID) and keeps one the caller gave', async () => {
    const s = stub([OK]);
    const client = createJourneyMapClient({ baseUrl: 'https://cms.test', token: 't', fetch: s.fetch, sleep });
    await client.sendEvents([event, event, { ...event, id: 'caller-chosen-id-01' }]);
    const ids = JSON.parse(s.calls[0].init.body).events.map((e: any) => e.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[2]).toBe('caller-chosen-id-01');
    // Sending the same input again makes new ids (a new event), not the old ones.
    await client.sendEvents(event);
    expect(JSON.parse(s.calls[1].init.body).events[0].id).not.toBe(ids[0]);

    let seed = 0;
    const random = () => ((seed = (seed * 9301 + 49297) % 233280) / 233280);
    const fallback = eventId(random);
    expect(fallback).toMatch(/^[0-9a-z]{24}$/);
    expect(eventId(random)).not.toBe(fallback);
    const g = globalThis as any;
    const saved = Object.getOwnPropertyDescriptor(g, 'crypto');
    Object.defineProperty(g, 'crypto', { value: undefined, configurable: true, writable: true });
    try {
      expect(eventId()).toMatch(/^[0-9a-z]{24}$/);
    } finally {
      if (saved) Object.defineProperty(g, 'crypto', saved);
    }
  });

  it('never retries another 4xx', async () => {
    for (const status of [400, 401, 403, 413]) {
      const s = stub([{ status, body: { error: { message: `refused ${status}` } } }, OK]);
      const client = createJourneyMapClient({ baseUrl: 'https://cms.test', token: 't', fetch: s.fetch, sleep, retryUnsure: true });
      await expect(client.sendEvents(event)).rejects.toMatchObject({ status, message: `refused ${status}` });
      expect(s.calls).toHaveLength(1);
    }
    expect(waits).toEqual([]);
  });

  it('with retryUnsure: false, does not retry network errors or 5xx', async () => {
    const net = stub([new TypeError('fetch failed'), OK]);
    await expect(createJourneyMapClient({ baseUrl: 'https://cms.test', token: 't', fetch: net.fetch, sleep, retryUnsure: false }).sendEvents(event)).rejects.toMatchObject({ status: 0 });
    expect(net.calls).toHaveLength(1);
    const five = stub([{ status: 502 }, OK]);
    await expect(createJourneyMapClient({ baseUrl: 'https://cms.test', token: 't', fetch: five.fetch, sleep, retryUnsure: false }).sendEvents(event)).rejects.toMatchObject({ status: 502 });
    expect(five.calls).toHaveLength(1);
  });

  it('by default retries network errors and 5xx with growing backoff and the same ids, at most `retries` times', async () => {
    const s = stub([new TypeError('fetch failed'), { status: 503 }, OK]);
    const client = createJourneyMapClient({ baseUrl: 'https://cms.test', token: 't', fetch: s.fetch, sleep });
    expect((await client.sendEvents([event, event])).results).toHaveLength(1);
    expect(s.calls).toHaveLength(3);
    expect(new Set(s.calls.map((c) => c.init.body)).size).toBe(1);
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[0]).toBeLessThanOrEqual(500);
    expect(waits[1]).toBeGreaterThanOrEqual(500);
    expect(waits[1]).toBeLessThanOrEqual(1000);

    const down = stub([{ status: 500 }]);
    await expect(createJourneyMapClient({ baseUrl: 'https://cms.test', token: 't', fetch: down.fetch, sleep, retryUnsure: true, retries: 2 }).sendEvents(event)).rejects.toMatchObject({ status: 500 });
    expect(down.calls).toHaveLength(3);
  });

  it('uses sendBeacon when there is no token or key and the batch fits, in batches of 100', async () => {
    const beacons: Array<{ url: string; body: string }> = [];
    const g = globalThis as any;
    const saved = g.navigator;
    Object.defineProperty(g, 'navigator', { value: { sendBeacon: (url: string, blob: any) => { beacons.push({ url, body: blob.__text }); return true; } }, configurable: true, writable: true });
    const RealBlob = g.Blob;
    g.Blob = class { __text: string; constructor(parts: string[]) { this.__text = parts.join(''); } };
    try {
      const s = stub([OK]);
      const client = createJourneyMapClient({ baseUrl: 'https://cms.test', fetch: s.fetch, sleep });
      const events = Array.from({ length: 150 }, () => event);
      expect(await client.sendEvents(events)).toEqual({ queued: 150, results: [] });
      expect(beacons.map((b) => [b.url, JSON.parse(b.body).events.length])).toEqual([
        ['https://cms.test/api/journey-map/events', 100],
        ['https://cms.test/api/journey-map/events', 50],
      ]);
      expect(s.calls).toHaveLength(0);

      // A refused beacon: that batch and the ones after it go by fetch, the queued ones are not sent again.
      let n = 0;
      g.navigator.sendBeacon = () => (n += 1) === 1;
      expect(await client.sendEvents(Array.from({ length: 250 }, () => event))).toEqual({ queued: 100, results: [OK.body.data, OK.body.data] });
      expect(s.calls.map((c) => JSON.parse(c.init.body).events.length)).toEqual([100, 50]);

      // With a token (a beacon carries no header), fetch.
      const withToken = stub([OK]);
      await createJourneyMapClient({ baseUrl: 'https://cms.test', token: 't', fetch: withToken.fetch }).sendEvents(event);
      expect(withToken.calls).toHaveLength(1);
    } finally {
      Object.defineProperty(g, 'navigator', { value: saved, configurable: true, writable: true });
      g.Blob = RealBlob;
    }
  });

  it('reads Retry-After as seconds or a date, and backs off exponentially with a cap', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
    expect([0, 1, 2, 10].map((a) => backoffMs(a, null, () => 1))).toEqual([500, 1000, 2000, 30000]);
    expect(backoffMs(5, 1234)).toBe(1234);
  });
});
