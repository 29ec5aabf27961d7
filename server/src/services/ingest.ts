import { timingSafeEqual } from 'crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UID } from '../pluginId';
import type { Knex } from 'knex';
import { isDeadlock, metricsRepository, type CounterKey, type TransitionKey } from '../repositories/metrics';
import { sharedCommit } from '../repositories/shared-commit';
import { ASSIGNMENTS_TABLE } from '../repositories/assignments';
import { toDay } from '../measure/periods';
import { dayKey, visitorHash, visitorSecret } from '../measure/visitor-key';
import { PayloadTooLargeError, RateLimitError, UnauthorizedError, ValidationError } from '../utils/errors';
import { parse } from '../validation/parse';
import {
  MAX_BODY_BYTES,
  MAX_CLOCK_SKEW_MS,
  MAX_EVENT_AGE_MS,
  eventSchema,
  eventsBody,
  type IngestEvent,
} from '../validation/measure';

export const INGESTION_KEY_HEADER = 'x-journey-map-key';
/** Share of ingestion requests that also run the cleanup, so tables stay small when cron is off. */
const CLEANUP_SAMPLE = 0.02;
/** How long a resolved CTA or phase is reused: a CTA moved or deleted is seen within this time. */
export const RESOLVE_CACHE_MS = 2_000;
const RESOLVE_CACHE_MAX = 10_000;

export interface Resolved {
  journeyId: string;
  phaseId: string;
  ctaId: string;
}
export interface IngestResult {
  received: number;
  accepted: number;
  rejected: Array<{ index: number; reason: string }>;
}
/** A request's events after each was checked on its own. */
interface Validated {
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
interface Plan {
  result: IngestResult;
  counters: Array<{ id: string; key: CounterKey }>;
  runs: SessionRun[];
}
/**
 * A group of requests: their rate-limit answers and the sessions already moved on (by `prepare`, one
 * statement each for the whole group), and their counter increments, merged and written with one
 * statement per table.
 */
interface IngestBatch {
  limited: Map<IngestInput, number>;
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
  const repo = (k: Knex | Knex.Transaction = strapi.db.connection) => metricsRepository(k);
  const settings = () => strapi.plugin(PLUGIN_ID).service('settings');
  // Concurrent requests share one transaction and one commit (see repositories/shared-commit.ts).
  const group = sharedCommit<Knex.Transaction, IngestBatch, IngestInput>({
    transaction: (fn) => strapi.db.connection.transaction(fn),
    createBatch: () => ({ limited: new Map(), stayed: new Set(), counters: new Map(), transitions: new Map() }),
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
      const totals = await repo(trx).hitRateWindows([...windows.values()]);
      const counted = new Map<string, number>();
      for (const input of inputs) {
        if (!input?.window) continue;
        const key = keyOf(input.window);
        const place = (counted.get(key) ?? (totals.get(key) ?? 0) - windows.get(key)!.hits) + 1;
        counted.set(key, place);
        if (place > input.window.limit) batch.limited.set(input, Math.ceil((input.window.windowStart + 60_000 - input.window.now) / 1000));
      }
      // Sessions staying on their phase: one UPDATE for the first run of each session of the group.
      const seen = new Set<string>();
      const first: SessionRun[] = [];
      for (const input of inputs) {
        if (!input?.plan || batch.limited.has(input)) continue;
        for (const run of input.plan.runs) {
          const key = `${run.hash}|${run.journeyId}`;
          if (!seen.has(key)) first.push(run);
          seen.add(key);
        }
      }
      const stayed = await repo(trx).staySessions(
        first.map((r) => ({ sessionHash: r.hash, journeyId: r.journeyId, phaseId: r.phaseId, since: r.first - r.ttlMs, lastAt: r.last }))
      );
      for (const run of first) if (stayed.has(`${run.hash}|${run.journeyId}`)) batch.stayed.add(run);
    },
    finish: async (trx, batch) => {
      await repo(trx).addCounters(byKey(batch.counters));
      await repo(trx).addTransitions(byKey(batch.transitions));
    },
    retryable: isDeadlock,
  });
  const ctaCache = ttlCache<{ phaseId: string; journeyId: string } | null>(RESOLVE_CACHE_MS, RESOLVE_CACHE_MAX);
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
    checkKey(expected: string | null, given: unknown) {
      if (!expected) return;
      const a = Buffer.from(typeof given === 'string' ? given : '');
      const b = Buffer.from(expected);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        throw new UnauthorizedError(`missing or wrong ingestion key (header ${INGESTION_KEY_HEADER})`);
      }
    },

    /** The client's fixed one-minute window, counted in the database (shared by every instance). */
    rateWindow(clientAddress: string, now: number, key: Buffer) {
      return { clientHash: visitorHash(key, `client:${clientAddress}`), windowStart: now - (now % 60_000) };
    },

    async ingest(ctx: any): Promise<IngestResult> {
      const body = ctx.request.body;
      const length = Number(ctx.request.length ?? 0) || Buffer.byteLength(JSON.stringify(body ?? ''));
      if (length > MAX_BODY_BYTES) throw new PayloadTooLargeError(`body too large: at most ${MAX_BODY_BYTES} bytes`);

      const config = await settings().get();
      this.checkKey(config.ingestionKey, ctx.request.get(INGESTION_KEY_HEADER));
      const now = strapi.plugin(PLUGIN_ID).service('clock').now().getTime();
      const key = this.hashKey(now);
      const opts = { now, key, ttlMs: config.sessionTtlMinutes * 60_000 };

      // The body is checked before the transaction; a refused body still counts towards the rate limit.
      const parsed = eventsBody.safeParse(body);
      const input: IngestInput = {
        window: { ...this.rateWindow(String(ctx.request.ip ?? ''), now, key), limit: config.rateLimitPerMinute, now },
        plan: parsed.success ? await this.plan(parsed.data.events, opts) : null,
      };
      const outcome = await group.run(async (trx, batch) => {
        const retryAfter = batch.limited.get(input);
        if (retryAfter !== undefined) return { retryAfter, result: null };
        return { retryAfter: null, result: input.plan ? await this.apply(trx, batch, input.plan) : null };
      }, input);
      if (outcome.retryAfter !== null) {
        throw new RateLimitError(`too many requests: at most ${config.rateLimitPerMinute} per minute`, { retryAfter: outcome.retryAfter });
      }
      if (!outcome.result) parse(eventsBody, body, 'body'); // throws the 400 naming the field
      const result = outcome.result!;
      if (Math.random() < CLEANUP_SAMPLE) await this.cleanup().catch(() => undefined);
      if (result.accepted === 0) {
        throw new ValidationError(`no event accepted: ${result.rejected.map((r) => `events.${r.index}: ${r.reason}`).join('; ')}`, result);
      }
      return result;
    },

    /** Validates, resolves and counts a list of events (no key or rate check), in a group's transaction. */
    async record(raw: unknown[], opts: { now: number; key: Buffer; ttlMs: number }): Promise<IngestResult> {
      const input: IngestInput = { window: null, plan: await this.plan(raw, opts) };
      return group.run((trx, batch) => this.apply(trx, batch, input.plan!), input);
    },

    /**
     * Everything about a request that needs no transaction: each event checked on its own and resolved to
     * its (journey, phase, CTA), the counter keys, and the runs of each session's events on one phase.
     */
    async plan(raw: unknown[], opts: { now: number; key: Buffer; ttlMs: number }): Promise<Plan> {
      const events = this.validate(raw, opts);
      const resolve = await this.resolver(events.valid.map((v) => v.event));
      const rejected = [...events.rejected];
      const counters: Plan['counters'] = [];
      const sessionEvents: Array<{ session: string; target: Resolved; at: number }> = [];
      let accepted = 0;
      for (const { index, event, at } of events.valid) {
        const target = resolve(event);
        if (typeof target === 'string') {
          rejected.push({ index, reason: target });
          continue;
        }
        accepted += 1;
        const key: CounterKey = { journeyId: target.journeyId, phaseId: target.phaseId, ctaId: target.ctaId, day: toDay(new Date(at)), eventType: event.type };
        counters.push({ id: `${key.phaseId}|${key.ctaId}|${key.day}|${key.eventType}`, key });
        if (event.session) sessionEvents.push({ session: event.session, target, at });
      }
      // Runs: a session's consecutive events on the same phase (within the session's lifetime) change
      // nothing but its last-seen time, so each run is one move of the session.
      sessionEvents.sort((a, b) => a.at - b.at);
      const bySession = new Map<string, SessionRun[]>();
      for (const { session, target, at } of sessionEvents) {
        const hash = visitorHash(opts.key, `session:${session}`);
        const list = bySession.get(hash) ?? [];
        const run = list[list.length - 1];
        if (run && run.journeyId === target.journeyId && run.phaseId === target.phaseId && at - run.last <= opts.ttlMs) run.last = at;
        else list.push({ hash, journeyId: target.journeyId, phaseId: target.phaseId, first: at, last: at, ttlMs: opts.ttlMs });
        bySession.set(hash, list);
      }
      rejected.sort((a, b) => a.index - b.index);
      return { result: { received: events.received, accepted, rejected }, counters, runs: [...bySession.values()].flat() };
    },

    /** Checks each event on its own: the valid ones with their time, the others with the reason. */
    validate(raw: unknown[], opts: { now: number }): Validated {
      const rejected: IngestResult['rejected'] = [];
      const valid: Array<{ index: number; event: IngestEvent; at: number }> = [];
      raw.forEach((input, index) => {
        const r = eventSchema.safeParse(input);
        if (!r.success) {
          rejected.push({ index, reason: r.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ') });
          return;
        }
        const at = r.data.at ? Date.parse(r.data.at) : opts.now;
        if (at > opts.now + MAX_CLOCK_SKEW_MS) rejected.push({ index, reason: 'at: is in the future' });
        else if (at < opts.now - MAX_EVENT_AGE_MS) rejected.push({ index, reason: 'at: is more than 7 days ago' });
        else valid.push({ index, event: r.data, at });
      });
      return { received: raw.length, rejected, valid };
    },

    /**
     * Counts a planned request inside its group's transaction: moves its sessions (those the group's
     * `prepare` already moved on are done) and adds its counters and transitions to the group's batch,
     * which is written once for the whole group.
     */
    async apply(trx: Knex.Transaction, batch: IngestBatch, plan: Plan): Promise<IngestResult> {
      const repository = repo(trx);
      const transitions: Array<{ id: string; key: TransitionKey }> = [];
      for (const run of plan.runs) {
        if (batch.stayed.has(run)) continue;
        const moved = await repository.moveSession(run.hash, run.journeyId, run.phaseId, run.first, run.ttlMs, run.last);
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
      const k = strapi.db.connection;
      // The CTA → phase and phase → journey relations live in Strapi's link tables.
      const link = (uid: string, attribute: string) => {
        const meta: any = strapi.db.metadata.get(uid as any);
        const jt = meta.attributes[attribute].joinTable;
        return { table: jt.name as string, from: jt.joinColumn.name as string, to: jt.inverseJoinColumn.name as string, own: meta.tableName as string };
      };
      const phaseTable = () => (strapi.db.metadata.get(UID.phase as any) as any).tableName as string;
      const journeyTable = () => (strapi.db.metadata.get(UID.journey as any) as any).tableName as string;

      /** Copies the cached values of `ids` into `found`; returns the ids not in the cache. */
      const cacheMisses = <T>(ids: string[], cache: { get(id: string, now: number): T | undefined }, found: Map<string, T>) =>
        ids.filter((id) => {
          const hit = cache.get(id, now);
          if (hit !== undefined) found.set(id, hit);
          return hit === undefined;
        });

      const ctas = new Map<string, { phaseId: string; journeyId: string } | null>();
      const ctaMisses = cacheMisses(ctaIds, ctaCache, ctas);
      if (ctaMisses.length) {
        // One query: the CTAs with their phase and the phase's journey (left joins: a CTA without a phase is known).
        const c = link(UID.cta, 'phase');
        const p = link(UID.phase, 'journey');
        const rows = await k({ c: c.own })
          .select({ cta: 'c.document_id', phase: 'p.document_id', journey: 'j.document_id' })
          .leftJoin({ cl: c.table }, `cl.${c.from}`, 'c.id')
          .leftJoin({ p: phaseTable() }, 'p.id', `cl.${c.to}`)
          .leftJoin({ pl: p.table }, `pl.${p.from}`, 'p.id')
          .leftJoin({ j: journeyTable() }, 'j.id', `pl.${p.to}`)
          .whereIn('c.document_id', ctaMisses);
        for (const r of rows as any[]) {
          const value = r.phase && r.journey ? { phaseId: r.phase as string, journeyId: r.journey as string } : null;
          ctas.set(r.cta, value);
          ctaCache.set(r.cta, value, now);
        }
      }
      const phases = new Map<string, string>();
      const phaseMisses = cacheMisses(phaseIds, phaseCache, phases);
      if (phaseMisses.length) {
        const p = link(UID.phase, 'journey');
        const rows = await k({ p: p.own })
          .select({ phase: 'p.document_id', journey: 'j.document_id' })
          .join({ pl: p.table }, `pl.${p.from}`, 'p.id')
          .join({ j: journeyTable() }, 'j.id', `pl.${p.to}`)
          .whereIn('p.document_id', phaseMisses);
        for (const r of rows as any[]) {
          phases.set(r.phase, r.journey);
          phaseCache.set(r.phase, r.journey, now);
        }
      }
      const tagged = new Map<string, Array<{ phaseId: string; journeyId: string }>>();
      if (contents.length) {
        const k = strapi.db.connection;
        const rows = await k(ASSIGNMENTS_TABLE)
          .distinct('content_type', 'entry_document_id', 'phase_id', 'journey_id')
          .where((q) => {
            for (const c of contents) q.orWhere({ content_type: c.uid, entry_document_id: c.documentId });
          });
        for (const r of rows) {
          const id = `${r.content_type}|${r.entry_document_id}`;
          tagged.set(id, [...(tagged.get(id) ?? []), { phaseId: r.phase_id, journeyId: r.journey_id }]);
        }
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

    /** Deletes expired sessions and old rate-limit windows (the cron task calls this every minute). */
    async cleanup(now: number = strapi.plugin(PLUGIN_ID).service('clock').now().getTime()) {
      const { sessionTtlMinutes } = await settings().get();
      return repo().cleanup(now, sessionTtlMinutes * 60_000);
    },
  };
};

export default ingestService;
