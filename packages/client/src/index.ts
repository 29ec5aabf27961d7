/**
 * A typed client for the Journey Map content API: the journey by slug, the content of a phase × persona
 * cell, and event ingestion. No dependency: it needs only a global `fetch` (browsers, Node 18+, edge
 * runtimes) or one passed in.
 */
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from './contracts';
import type { DeliveredContent, DeliveredJourney, IngestEvent } from './contracts';
import { errorOf, eventId, postEvents, type EventsResult, type FetchLike } from './send';

export * from './contracts';
export { JourneyMapError, backoffMs, eventId, retryAfterMs } from './send';
export type { EventsResult, FetchLike } from './send';

export const API_PREFIX = '/api/journey-map';
export const INGESTION_KEY_HEADER = 'x-journey-map-key';

export interface JourneyMapClientOptions {
  /** The Strapi site, e.g. `https://cms.example.com` (no trailing `/api`). */
  baseUrl: string;
  /** A Strapi API token (sent as `Authorization: Bearer …`); leave out when the public role is granted. */
  token?: string;
  /** The ingestion key of the plugin settings (sent as the `x-journey-map-key` header with events). */
  ingestKey?: string;
  /** A fetch to use instead of the global one (tests, custom agents, Next.js caching options). */
  fetch?: FetchLike;
  /** How many times a refused event batch is sent again (default 3). */
  retries?: number;
  /**
   * Whether to also retry event batches after a network error or a 5xx answer (default true). Such a
   * batch may have been counted already; every event carries an `id` kept across retries, and the server
   * counts an id once (it keeps ids for two days), so a retry never counts twice. Batches refused with
   * 429 (the server counts nothing before refusing) are always retried.
   */
  retryUnsure?: boolean;
  /** Whether `sendEvents` may use `navigator.sendBeacon` (default true; only without token or key). */
  beacon?: boolean;
  /** The wait between retries (tests). */
  sleep?: (ms: number) => Promise<void>;
}

export interface ContentQuery {
  journey: string;
  phase: string;
  persona?: string;
  locale?: string;
  limit?: number;
}

/** What `sendEvents` did: events queued as beacons (no answer to read), and the server's answers to the batches sent by fetch. */
export interface SendResult {
  queued: number;
  results: EventsResult[];
}

/** A client event: an ingestion event whose `at` may also be a Date. */
export type ClientEvent = Omit<IngestEvent, 'at'> & { at?: string | Date };

/** The runtime's globals, typed here so that the package needs neither the DOM nor the Node types. */
const g = globalThis as unknown as {
  fetch?: FetchLike;
  setTimeout: (fn: () => void, ms: number) => unknown;
  navigator?: { sendBeacon?: (url: string, data: unknown) => boolean };
  Blob?: new (parts: string[], o: { type: string }) => unknown;
};

const query = (params: Record<string, string | number | undefined>) => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

export function createJourneyMapClient(options: JourneyMapClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '') + API_PREFIX;
  const found = options.fetch ?? (typeof g.fetch === 'function' ? g.fetch.bind(globalThis) : undefined);
  if (!found) throw new Error('journey-map client: no fetch; pass options.fetch');
  const doFetch: FetchLike = found;
  const retries = options.retries ?? 3;
  const retryUnsure = options.retryUnsure !== false;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => g.setTimeout(resolve, ms)));
  const auth = (): Record<string, string> => (options.token ? { Authorization: `Bearer ${options.token}` } : {});

  async function get<T>(path: string, init: { signal?: unknown } = {}): Promise<T> {
    const res = await doFetch(base + path, { method: 'GET', headers: { Accept: 'application/json', ...auth() }, signal: init.signal });
    if (!res.ok) throw await errorOf(res);
    return (await res.json()).data as T;
  }

  /** Sends one batch by fetch, retrying as the options say. */
  const post = (events: IngestEvent[]): Promise<EventsResult> =>
    postEvents(doFetch, `${base}/events`, events, {
      headers: { ...auth(), ...(options.ingestKey ? { [INGESTION_KEY_HEADER]: options.ingestKey } : {}) },
      retries,
      retryUnsure,
      sleep,
    });

  /** The event as sent: `at` as a string, and an `id` (the caller's, or a new one) that every retry keeps. */
  const normalize = (e: ClientEvent): IngestEvent => {
    const { at, ...rest } = e;
    const event: IngestEvent = { ...rest, id: rest.id ?? eventId() };
    return at === undefined ? event : { ...event, at: at instanceof Date ? at.toISOString() : at };
  };

  return {
    /** `GET /api/journey-map/journeys/:slug`: the journey with ordered phases, personas and CTAs. */
    getJourney(slug: string, init: { signal?: unknown } = {}): Promise<DeliveredJourney> {
      return get<DeliveredJourney>(`/journeys/${encodeURIComponent(slug)}`, init);
    },

    /** `GET /api/journey-map/content`: a cell's entries with the fallback chain and the next CTA. */
    getContent(q: ContentQuery, init: { signal?: unknown } = {}): Promise<DeliveredContent> {
      return get<DeliveredContent>(`/content${query({ journey: q.journey, phase: q.phase, persona: q.persona, locale: q.locale, limit: q.limit })}`, init);
    },

    /**
     * `POST /api/journey-map/events`, in batches of at most 100. Uses `navigator.sendBeacon` when it
     * exists, no token or key is set (a beacon carries no headers) and the batch fits; otherwise fetch
     * with `keepalive`, retrying a 429 after its Retry-After and network errors and 5xx with backoff
     * (unless `retryUnsure` is false). Never retries another 4xx. Each event gets an `id` (unless it has
     * one), sent unchanged with every retry: the server counts each id once.
     */
    async sendEvents(input: ClientEvent | ClientEvent[]): Promise<SendResult> {
      const events = (Array.isArray(input) ? input : [input]).map(normalize);
      const batches: IngestEvent[][] = [];
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST) batches.push(events.slice(i, i + MAX_EVENTS_PER_REQUEST));
      const nav = g.navigator;
      const Blob_ = g.Blob;
      let next = 0;
      let queued = 0;
      if (options.beacon !== false && !options.token && !options.ingestKey && typeof nav?.sendBeacon === 'function' && Blob_) {
        // Beacons until one does not fit or the browser refuses it (its queue is full); the rest by fetch.
        for (; next < batches.length; next += 1) {
          const body = JSON.stringify({ events: batches[next] });
          if (body.length > MAX_BODY_BYTES || !nav.sendBeacon.call(nav, `${base}/events`, new Blob_([body], { type: 'application/json' }))) break;
          queued += batches[next].length;
        }
      }
      const results: EventsResult[] = [];
      for (; next < batches.length; next += 1) results.push(await post(batches[next]));
      return { queued, results };
    },
  };
}

export type JourneyMapClient = ReturnType<typeof createJourneyMapClient>;
