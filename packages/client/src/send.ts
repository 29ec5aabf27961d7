/**
 * Sending event batches: ids, the retry loop and its backoff. Shared by the client (index.ts) and the
 * browser snippet the plugin serves (snippet.ts, bundled into server/src/measure/snippet-code.ts), so
 * both retry the same way and both send ids that the server counts once.
 */
import { MAX_BODY_BYTES } from './contracts';
import type { IngestEvent } from './contracts';

export type FetchLike = (input: string, init?: any) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<any>;
  text(): Promise<string>;
}>;

/** What the server answers for a batch of events. */
export interface EventsResult {
  received: number;
  /** Events acknowledged: counted now, or already counted before (`duplicates`). */
  accepted: number;
  /** Of the accepted, those whose `id` the server had already received: not counted again. */
  duplicates: number;
  rejected: Array<{ index: number; reason: string }>;
}

/** An answer other than 2xx, or a network error (`status` 0). */
export class JourneyMapError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly body?: unknown
  ) {
    super(message);
    this.name = 'JourneyMapError';
  }
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** Milliseconds asked for by a Retry-After header (seconds or an HTTP date), or null. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The wait before retry `attempt` (0-based): exponential with jitter, or what the server asked for. */
export function backoffMs(attempt: number, retryAfter: number | null, random = Math.random): number {
  if (retryAfter !== null) return retryAfter;
  const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** A new event id: a UUID from `crypto.randomUUID` when the runtime has it, else 24 random base-36 characters. */
export function eventId(random = Math.random): string {
  const c = (globalThis as unknown as { crypto?: { randomUUID?: () => string } }).crypto;
  if (random === Math.random && typeof c?.randomUUID === 'function') return c.randomUUID();
  let id = '';
  while (id.length < 24) id += random().toString(36).slice(2);
  return id.slice(0, 24);
}

export interface PostOptions {
  /** Headers besides Content-Type (authorization, ingestion key). */
  headers?: Record<string, string>;
  /** How many times a refused batch is sent again. */
  retries: number;
  /** Whether network errors and 5xx are retried (safe: every event carries its id). */
  retryUnsure: boolean;
  sleep: (ms: number) => Promise<void>;
}

/** The error of an answer other than 2xx, with the server's message. */
export async function errorOf(res: Awaited<ReturnType<FetchLike>>): Promise<JourneyMapError> {
  const body = await res.json().catch(() => undefined);
  const message = (body && body.error && body.error.message) || `HTTP ${res.status}`;
  return new JourneyMapError(message, res.status, body);
}

/**
 * Posts one batch (its events already have their ids) to `url` by fetch with `keepalive`, retrying a 429
 * after its Retry-After and, with `retryUnsure`, network errors and 5xx with backoff; the same body every
 * time. Never retries another 4xx.
 */
export async function postEvents(doFetch: FetchLike, url: string, events: IngestEvent[], options: PostOptions): Promise<EventsResult> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  const body = JSON.stringify({ events });
  const retryable = (status: number) => status === 429 || (status >= 500 && options.retryUnsure);
  for (let attempt = 0; ; attempt += 1) {
    let wait: number | null = null;
    let failure: JourneyMapError;
    try {
      const res = await doFetch(url, { method: 'POST', headers, body, keepalive: body.length <= MAX_BODY_BYTES, credentials: 'omit' });
      if (res.ok) return (await res.json()).data as EventsResult;
      failure = await errorOf(res);
      // 4xx other than 429: the batch is wrong or not allowed; sending it again changes nothing.
      if (!retryable(res.status)) throw failure;
      wait = retryAfterMs(res.headers.get('retry-after'));
    } catch (e) {
      if (e instanceof JourneyMapError) {
        if (!retryable(e.status)) throw e;
        failure = e;
      } else {
        // A network error: the batch may or may not have arrived (its ids make a retry safe).
        failure = new JourneyMapError(`network error: ${(e as Error)?.message ?? e}`, 0);
        if (!options.retryUnsure) throw failure;
      }
    }
    if (attempt >= options.retries) throw failure;
    await options.sleep(backoffMs(attempt, wait));
  }
}
