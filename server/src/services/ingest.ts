import { getService } from '../utils/get-service';
import { timingSafeEqual } from 'crypto';
import type { Core } from '@strapi/strapi';
import { newTransaction, type Transaction } from '../db/queryable';
import { sharedCommit } from '../db/shared-commit';
import { isDeadlock } from '../db/transaction';
import { countersRepository, type CounterKey } from '../repositories/counters';
import { eventReceiptsRepository } from '../repositories/event-receipts';
import { journeyLinksRepository, type CtaPlace } from '../repositories/journey-links';
import { pathTransitionsRepository, type TransitionKey } from '../repositories/path-transitions';
import { rateWindowsRepository } from '../repositories/rate-windows';
import { tagsRepository } from '../repositories/tags';
import { visitorSessionsRepository } from '../repositories/visitor-sessions';
import { toDay } from '../measure/periods';
import { dayKey, visitorHash, visitorSecret } from '../measure/visitor-key';
import { RateLimitError, UnauthorizedError, ValidationError } from '../utils/errors';
import { MAX_CLOCK_SKEW_MS, MAX_EVENT_AGE_MS, RECEIPT_TTL_MS, type CheckedEvent, type IngestEvent } from '../../../shared/contracts/measure';

export const INGESTION_KEY_HEADER = 'x-journey-map-key';
/** Share of ingestion requests that also expire old sessions, so tables stay small when cron is off. */
const EXPIRE_SAMPLE = 0.02;
/** How long a resolved CTA or phase is reused: a CTA moved or deleted is seen within this time. */
export const RESOLVE_CACHE_MS = 2_000;
const RESOLVE_CACHE_MAX = 10_000;

export interface Resolved {
  journeyId: string;
  phaseId: string;
  ctaId: string;
}
/** One `POST /events` request, as the events controller read it. */
export interface IngestRequest {
  /** The ingestion key header as sent ('' when absent). */
  key: string;
  /** The client's address (Koa's `request.ip`), hashed for its rate-limit window. */
  clientAddress: string;
  /**
   * The body's events, each checked on its own, or the error refusing the body as a whole: thrown only
   * after the request counted towards its client's rate limit.
   */
  events: CheckedEvent[] | Error;
}
export interface IngestResult {
  received: number;
  /** Events acknowledged: counted now, or already counted (duplicates). */
  accepted: number;
  /** Of the accepted, those whose `id` was already received: acknowledged, not counted again. */
  duplicates: number;
  rejected: Array<{ index: number; reason: string }>;
}
/** A request's events after each was checked on its own. */
export interface Validated {
  received: number;
  rejected: IngestResult['rejected'];
  valid: Array<{ index: number; event: IngestEvent; at: number }>;
}
/** A run of one session's consecutive events on one phase: one move of the session. */
interface SessionRun {
  hash: string;
  journeyId: string;
  phaseId: string;
  first: number;
  last: number;
  ttlMs: number;
}
/** What a request brings to its group: its rate-limit window, and what to count (null: nothing, a bad body). */
interface IngestInput {
  window: { clientHash: string; windowStart: number; limit: number; now: number } | null;
  plan: Plan | null;
}
/** An accepted event of a plan: its receipt id (when the client sent one), its counter, its session move. */
interface PlanItem {
  receipt?: string;
  counter: { id: string; key: CounterKey };
  session?: { hash: string; target: Resolved; at: number };
}
export interface Plan {
  result: IngestResult;
  items: PlanItem[];
  /** The session TTL the runs were cut with. */
  ttlMs: number;
  counters: Array<{ id: string; key: CounterKey }>;
  runs: SessionRun[];
}
/**
 * A group of requests: their rate-limit answers and the sessions already moved on (by `prepare`, one
 * statement each for the whole group), and their counter increments, merged and written with one
 * statement per table.
 */
export interface IngestBatch {
  limited: Map<IngestInput, number>;
  /** Requests with duplicate events: their plan without them (the input's own plan is kept for a retry). */
  deduped: Map<IngestInput, Plan>;
  stayed: Set<SessionRun>;
  counters: Map<string, CounterKey & { total: number }>;
  transitions: Map<string, TransitionKey & { total: number }>;
}

const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
const addTo = <T extends { total: number }>(m: Map<string, T>, id: string, key: Omit<T, 'total'>, n = 1) => {
  const c = m.get(id);
  if (c) c.total += n;
  else m.set(id, { ...key, total: n } as T);
};

/**
 * The plan counting only `items` (the accepted events less the duplicates): their counters, and their
 * sessions' runs — a session's consecutive events on the same phase (within the session's lifetime)
 * change nothing but its last-seen time, so each run is one move of the session.
 */
function withItems(plan: Plan, items: PlanItem[]): Plan {
  const { ttlMs } = plan;
  const sessionEvents = items.flatMap((item) => (item.session ? [item.session] : [])).sort((a, b) => a.at - b.at);
  const bySession = new Map<string, SessionRun[]>();
  for (const { hash, target, at } of sessionEvents) {
    const list = bySession.get(hash) ?? [];
    const run = list[list.length - 1];
    if (run && run.journeyId === target.journeyId && run.phaseId === target.phaseId && at - run.last <= ttlMs) run.last = at;
    else list.push({ hash, journeyId: target.journeyId, phaseId: target.phaseId, first: at, last: at, ttlMs });
    bySession.set(hash, list);
  }
  return {
    result: { ...plan.result, duplicates: plan.result.accepted - items.length },
    items,
    ttlMs,
    counters: items.map((item) => item.counter),
    runs: [...bySession.values()].flat(),
  };
}

/** A small time-limited map (resolved CTAs and phases). */
function ttlCache<V>(ttlMs: number, max: number) {
  const entries = new Map<string, { at: number; value: V }>();
  return {
    get(key: string, now: number): V | undefined {
      const e = entries.get(key);
      if (!e) return undefined;
      if (now - e.at > ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    set(key: string, value: V, now: number) {
      if (entries.size >= max) entries.clear();
      entries.set(key, { at: now, value });
    },
    clear: () => entries.clear(),
  };
}

/**
 * Event ingestion: validates each event, resolves it to (journey, phase, CTA), and adds it to the daily
 * counters and the phase-transition counters. No raw event, IP address or user agent is stored; session
 * ids and client addresses are hashed with a daily key derived from a secret outside the database
 * (measure/visitor-key.ts) and kept for the session TTL and two minutes.
 */
const ingestService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  // Concurrent requests share one transaction and one commit (see db/shared-commit.ts).
  const group = sharedCommit<Transaction, IngestBatch, IngestInput>({
    transaction: (fn) => newTransaction(strapi.db, fn),
    createBatch: () => ({ limited: new Map(), deduped: new Map(), stayed: new Set(), counters: new Map(), transitions: new Map() }),
    prepare: async (trx, batch, inputs) => {
      // Rate limits: one upsert for every window of the group; each request gets its place in its window.
      const windows = new Map<string, { clientHash: string; windowStart: number; hits: number }>();
      const keyOf = (w: { clientHash: string; windowStart: number }) => `${w.clientHash}|${w.windowStart}`;
      for (const input of inputs) {
        if (!input?.window) continue;
        const w = windows.get(keyOf(input.window));
        if (w) w.hits += 1;
        else windows.set(keyOf(input.window), { clientHash: input.window.clientHash, windowStart: input.window.windowStart, hits: 1 });
      }
      const totals = await rateWindowsRepository(trx).hit([...windows.values()]);
      const counted = new Map<string, number>();
      for (const input of inputs) {
        if (!input?.window) continue;
        const key = keyOf(input.window);
        const place = (counted.get(key) ?? (totals.get(key) ?? 0) - windows.get(key)!.hits) + 1;
        counted.set(key, place);
        if (place > input.window.limit) batch.limited.set(input, Math.ceil((input.window.windowStart + 60_000 - input.window.now) / 1000));
      }
      // Receipts: the ids of the group's events are recorded with one insert-or-ignore, in this transaction;
      // an id recorded before (or by an earlier request of the group) is a duplicate, not counted again.
      const ids: string[] = [];
      for (const input of inputs) {
        if (!input?.plan || batch.limited.has(input)) continue;
        for (const item of input.plan.items) if (item.receipt) ids.push(item.receipt);
      }
      if (ids.length) {
        const recorded = await eventReceiptsRepository(trx).record(ids, inputs.find((i) => i?.window)?.window?.now ?? Date.now());
        for (const input of inputs) {
          if (!input?.plan || batch.limited.has(input)) continue;
          const fresh = input.plan.items.filter((item) => !item.receipt || recorded.delete(item.receipt));
          if (fresh.length < input.plan.items.length) batch.deduped.set(input, withItems(input.plan, fresh));
        }
      }
      const planOf = (input: IngestInput) => batch.deduped.get(input) ?? input.plan;
      // Sessions staying on their phase: one UPDATE for the first run of each session of the group.
      const seen = new Set<string>();
      const first: SessionRun[] = [];
      for (const input of inputs) {
        const plan = input ? planOf(input) : null;
        if (!plan || batch.limited.has(input)) continue;
        for (const run of plan.runs) {
          const key = `${run.hash}|${run.journeyId}`;
          if (!seen.has(key)) first.push(run);
          seen.add(key);
        }
      }
      const stayed = await visitorSessionsRepository(trx).stay(
        first.map((r) => ({ sessionHash: r.hash, journeyId: r.journeyId, phaseId: r.phaseId, since: r.first - r.ttlMs, lastAt: r.last }))
      );
      for (const run of first) if (stayed.has(`${run.hash}|${run.journeyId}`)) batch.stayed.add(run);
    },
    finish: async (trx, batch) => {
      await countersRepository(trx).add(byKey(batch.counters));
      await pathTransitionsRepository(trx).add(byKey(batch.transitions));
    },
    retryable: isDeadlock,
  });
  const ctaCache = ttlCache<CtaPlace | null>(RESOLVE_CACHE_MS, RESOLVE_CACHE_MAX);
  const phaseCache = ttlCache<string>(RESOLVE_CACHE_MS, RESOLVE_CACHE_MAX);
  let keyCache: { day: string; key: Buffer } | null = null;

  return {
    /** Group-commit counts (profiling and tests). */
    commitStats: () => group.stats(),

    /** Forgets resolved CTAs and phases (tests that move a CTA and expect the next event to see it). */
    clearCache() {
      ctaCache.clear();
      phaseCache.clear();
      keyCache = null;
    },

    /**
     * The key for session and client hashes on the UTC day of `now` (the plugin clock). Every instance
     * derives the same key from the same secret, and nothing of it is stored.
     */
    hashKey(now: number): Buffer {
      const day = toDay(new Date(now));
      if (keyCache?.day !== day) keyCache = { day, key: dayKey(visitorSecret(strapi), day) };
      return keyCache.key;
    },

    /** Refuses a request without the right ingestion key, when one is set in the settings. */
    checkKey(expected: string | null, given: string) {
      if (!expected) return;
      const a = Buffer.from(given);
      const b = Buffer.from(expected);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        throw new UnauthorizedError(`missing or wrong ingestion key (header ${INGESTION_KEY_HEADER})`);
      }
    },

    /** The client's fixed one-minute window, counted in the database (shared by every instance). */
    rateWindow(clientAddress: string, now: number, key: Buffer) {
      return { clientHash: visitorHash(key, `client:${clientAddress}`), windowStart: now - (now % 60_000) };
    },

    /**
     * Counts a request's events: refuses a wrong ingestion key (401), a client over its rate limit (429,
     * even for a bad body, which counts towards the limit) and a request with no event accepted (400).
     */
    async ingest(request: IngestRequest): Promise<IngestResult> {
      const config = await settings().get();
      this.checkKey(config.ingestionKey, request.key);
      const now = getService(strapi, 'clock').now().getTime();
      const key = this.hashKey(now);
      const opts = { now, key, ttlMs: config.sessionTtlMinutes * 60_000 };

      // The events are planned before the transaction; a refused body still counts towards the rate limit.
      const input: IngestInput = {
        window: { ...this.rateWindow(request.clientAddress, now, key), limit: config.rateLimitPerMinute, now },
        plan: Array.isArray(request.events) ? await this.plan(request.events, opts) : null,
      };
      const outcome = await group.run(async (trx, batch) => {
        const retryAfter = batch.limited.get(input);
        if (retryAfter !== undefined) return { retryAfter, result: null };
        const plan = batch.deduped.get(input) ?? input.plan;
        return { retryAfter: null, result: plan ? await this.apply(trx, batch, plan) : null };
      }, input);
      if (outcome.retryAfter !== null) {
        throw new RateLimitError(`too many requests: at most ${config.rateLimitPerMinute} per minute`, { retryAfter: outcome.retryAfter });
      }
      if (!Array.isArray(request.events)) throw request.events; // the 400 naming the field
      const result = outcome.result!;
      if (Math.random() < EXPIRE_SAMPLE) await this.expireSessions().catch(() => undefined);
      if (result.accepted === 0) {
        throw new ValidationError(`no event accepted: ${result.rejected.map((r) => `events.${r.index}: ${r.reason}`).join('; ')}`, result);
      }
      return result;
    },

    /**
     * Everything about a request that needs no transaction: each event checked on its own and resolved to
     * its (journey, phase, CTA), the counter keys, and the runs of each session's events on one phase.
     */
    async plan(checked: CheckedEvent[], opts: { now: number; key: Buffer; ttlMs: number }): Promise<Plan> {
      const events = this.validate(checked, opts);
      const resolve = await this.resolver(events.valid.map((v) => v.event));
      const rejected = [...events.rejected];
      const items: PlanItem[] = [];
      for (const { index, event, at } of events.valid) {
        const target = resolve(event);
        if (typeof target === 'string') {
          rejected.push({ index, reason: target });
          continue;
        }
        const key: CounterKey = { journeyId: target.journeyId, phaseId: target.phaseId, ctaId: target.ctaId, day: toDay(new Date(at)), eventType: event.type };
        items.push({
          ...(event.id ? { receipt: event.id } : {}),
          counter: { id: `${key.phaseId}|${key.ctaId}|${key.day}|${key.eventType}`, key },
          ...(event.session ? { session: { hash: visitorHash(opts.key, `session:${event.session}`), target, at } } : {}),
        });
      }
      rejected.sort((a, b) => a.index - b.index);
      return withItems({ result: { received: events.received, accepted: items.length, duplicates: 0, rejected }, items, ttlMs: opts.ttlMs, counters: [], runs: [] }, items);
    },

    /** Dates the events that passed their own check: the valid ones with their time, the others with the reason. */
    validate(checked: CheckedEvent[], opts: { now: number }): Validated {
      const rejected: IngestResult['rejected'] = [];
      const valid: Array<{ index: number; event: IngestEvent; at: number }> = [];
      checked.forEach((c, index) => {
        if (c.event === undefined) {
          rejected.push({ index, reason: c.reason });
          return;
        }
        const event = c.event;
        const at = event.at ? new Date(event.at).getTime() : opts.now;
        if (at > opts.now + MAX_CLOCK_SKEW_MS) rejected.push({ index, reason: 'at: is in the future' });
        else if (at < opts.now - MAX_EVENT_AGE_MS) rejected.push({ index, reason: 'at: is more than 7 days ago' });
        else valid.push({ index, event, at });
      });
      return { received: checked.length, rejected, valid };
    },

    /**
     * Counts a planned request inside its group's transaction: moves its sessions (those the group's
     * `prepare` already moved on are done) and adds its counters and transitions to the group's batch,
     * which is written once for the whole group.
     */
    async apply(trx: Transaction, batch: IngestBatch, plan: Plan): Promise<IngestResult> {
      const sessions = visitorSessionsRepository(trx);
      const transitions: Array<{ id: string; key: TransitionKey }> = [];
      for (const run of plan.runs) {
        if (batch.stayed.has(run)) continue;
        const moved = await sessions.move(run.hash, run.journeyId, run.phaseId, run.first, run.ttlMs, run.last);
        if (!moved) continue;
        const key: TransitionKey = { journeyId: run.journeyId, fromPhaseId: moved.from, toPhaseId: run.phaseId, day: toDay(new Date(run.first)) };
        transitions.push({ id: `${key.journeyId}|${key.fromPhaseId}|${key.toPhaseId}|${key.day}`, key });
      }
      // Added to the batch only now: a request whose work throws has added nothing.
      for (const c of plan.counters) addTo(batch.counters, c.id, c.key);
      for (const t of transitions) addTo(batch.transitions, t.id, t.key);
      return plan.result;
    },

    /**
     * Loads the CTAs, phases and tagged content named by a batch in three queries, and returns a function
     * that maps an event to its (journey, phase, CTA) or to the reason it is refused.
     */
    async resolver(events: IngestEvent[]) {
      const ctaIds = [...new Set(events.map((e) => e.cta).filter(Boolean))] as string[];
      const phaseIds = [...new Set(events.map((e) => e.phase).filter(Boolean))] as string[];
      const contents = events.filter((e) => !e.cta && !e.phase && e.content).map((e) => e.content!);
      const now = Date.now();

      /** Copies the cached values of `ids` into `found`; returns the ids not in the cache. */
      const cacheMisses = <T>(ids: string[], cache: { get(id: string, now: number): T | undefined }, found: Map<string, T>) =>
        ids.filter((id) => {
          const hit = cache.get(id, now);
          if (hit !== undefined) found.set(id, hit);
          return hit === undefined;
        });

      const links = journeyLinksRepository(strapi);
      const ctas = new Map<string, CtaPlace | null>();
      for (const [cta, place] of await links.ctaPlaces(cacheMisses(ctaIds, ctaCache, ctas))) {
        ctas.set(cta, place);
        ctaCache.set(cta, place, now);
      }
      const phases = new Map<string, string>();
      for (const [phase, journey] of await links.phaseJourneys(cacheMisses(phaseIds, phaseCache, phases))) {
        phases.set(phase, journey);
        phaseCache.set(phase, journey, now);
      }
      const tagged = new Map<string, CtaPlace[]>();
      const rows = await tagsRepository(strapi.db).phasesOfEntries(contents.map((c) => ({ contentType: c.uid, entryDocumentId: c.documentId })));
      for (const r of rows) {
        const id = `${r.contentType}|${r.entryDocumentId}`;
        tagged.set(id, [...(tagged.get(id) ?? []), { phaseId: r.phaseId, journeyId: r.journeyId }]);
      }

      return (e: IngestEvent): Resolved | string => {
        if (e.cta) {
          const cta = ctas.get(e.cta);
          if (cta === undefined) return `cta: unknown CTA ${e.cta}`;
          if (cta === null) return `cta: CTA ${e.cta} has no phase`;
          if (e.phase && e.phase !== cta.phaseId) return `phase: CTA ${e.cta} belongs to phase ${cta.phaseId}, not ${e.phase}`;
          return { journeyId: cta.journeyId, phaseId: cta.phaseId, ctaId: e.cta };
        }
        if (e.phase) {
          const journeyId = phases.get(e.phase);
          if (!journeyId) return `phase: unknown phase ${e.phase}`;
          return { journeyId, phaseId: e.phase, ctaId: '' };
        }
        const found = tagged.get(`${e.content!.uid}|${e.content!.documentId}`) ?? [];
        const distinct = [...new Map(found.map((f) => [f.phaseId, f])).values()];
        if (distinct.length === 0) return 'content: the entry is not tagged with a phase; send phase';
        if (distinct.length > 1) return `content: the entry is tagged with ${distinct.length} phases; send phase`;
        return { ...distinct[0], ctaId: '' };
      };
    },

    /**
     * Deletes the sessions not seen for the session TTL and the rate-limit windows older than the previous
     * minute, and the event receipts older than two days (the cron task calls this every minute).
     */
    async expireSessions(now: number = getService(strapi, 'clock').now().getTime()): Promise<{ sessions: number; windows: number; receipts: number }> {
      const { sessionTtlMinutes } = await settings().get();
      const k = strapi.db;
      const sessions = await visitorSessionsRepository(k).deleteSeenBefore(now - sessionTtlMinutes * 60_000);
      const windows = await rateWindowsRepository(k).deleteStartedBefore(now - 2 * 60_000);
      const receipts = await eventReceiptsRepository(k).deleteCreatedBefore(now - RECEIPT_TTL_MS);
      return { sessions, windows, receipts };
    },
  };
};

export default ingestService;
