import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UID } from '../pluginId';
import { metricsRepository, type CounterKey, type TransitionKey } from '../repositories/metrics';
import { ASSIGNMENTS_TABLE } from '../repositories/assignments';
import { toDay } from '../measure/periods';
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

const sha256 = (salt: string, value: string) => createHash('sha256').update(salt).update('\0').update(value).digest('hex');

/**
 * Event ingestion: validates each event, resolves it to (journey, phase, CTA), and adds it to the daily
 * counters and the phase-transition counters. No raw event, IP address or user agent is stored; session
 * ids are hashed with a secret salt and kept for the session TTL only.
 */
const ingestService = ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = () => metricsRepository(strapi.db.connection);
  const settings = () => strapi.plugin(PLUGIN_ID).service('settings');

  return {
    /** The secret salt for session and client hashes, generated once and kept in the plugin store. */
    async salt(): Promise<string> {
      const store = strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'secret' });
      const stored = (await store.get({})) as { salt?: string } | null;
      if (stored?.salt) return stored.salt;
      await store.set({ value: { salt: randomBytes(32).toString('hex') } });
      // Two instances booting at once may both write: everyone uses what the store holds afterwards.
      return ((await store.get({})) as { salt: string }).salt;
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

    /** Fixed one-minute windows per hashed client address, counted in the database (shared by every instance). */
    async checkRate(clientAddress: string, limit: number, now: number, salt: string) {
      const windowStart = now - (now % 60_000);
      const total = await repo().hitRateWindow(sha256(salt, `client:${clientAddress}`), windowStart);
      if (total > limit) {
        throw new RateLimitError(`too many requests: at most ${limit} per minute`, { retryAfter: Math.ceil((windowStart + 60_000 - now) / 1000) });
      }
    },

    async ingest(ctx: any): Promise<IngestResult> {
      const body = ctx.request.body;
      const length = Number(ctx.request.length ?? 0) || Buffer.byteLength(JSON.stringify(body ?? ''));
      if (length > MAX_BODY_BYTES) throw new PayloadTooLargeError(`body too large: at most ${MAX_BODY_BYTES} bytes`);

      const config = await settings().get();
      this.checkKey(config.ingestionKey, ctx.request.get(INGESTION_KEY_HEADER));
      const now = Date.now();
      const salt = await this.salt();
      await this.checkRate(String(ctx.request.ip ?? ''), config.rateLimitPerMinute, now, salt);

      const raw = parse(eventsBody, body, 'body').events;
      const result = await this.record(raw, { now, salt, ttlMs: config.sessionTtlMinutes * 60_000 });
      if (Math.random() < CLEANUP_SAMPLE) await this.cleanup().catch(() => undefined);
      if (result.accepted === 0) {
        throw new ValidationError(`no event accepted: ${result.rejected.map((r) => `events.${r.index}: ${r.reason}`).join('; ')}`, result);
      }
      return result;
    },

    /** Validates, resolves and counts a list of events (after the key, rate and size checks). */
    async record(raw: unknown[], opts: { now: number; salt: string; ttlMs: number }): Promise<IngestResult> {
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

      const resolve = await this.resolver(valid.map((v) => v.event));
      const counters = new Map<string, CounterKey & { total: number }>();
      const sessionEvents: Array<{ session: string; target: Resolved; at: number }> = [];
      let accepted = 0;
      for (const { index, event, at } of valid) {
        const target = resolve(event);
        if (typeof target === 'string') {
          rejected.push({ index, reason: target });
          continue;
        }
        accepted += 1;
        const key: CounterKey = { journeyId: target.journeyId, phaseId: target.phaseId, ctaId: target.ctaId, day: toDay(new Date(at)), eventType: event.type };
        const id = `${key.phaseId}|${key.ctaId}|${key.day}|${key.eventType}`;
        const c = counters.get(id);
        if (c) c.total += 1;
        else counters.set(id, { ...key, total: 1 });
        if (event.session) sessionEvents.push({ session: event.session, target, at });
      }

      const repository = repo();
      const transitions = new Map<string, TransitionKey & { total: number }>();
      sessionEvents.sort((a, b) => a.at - b.at);
      // A run of one session's events on the same phase (within the session's lifetime) changes nothing but
      // its last-seen time: the first is applied at once, the run's last time is written once afterwards.
      const latest = new Map<string, { journeyId: string; phaseId: string; at: number; pendingAt: number | null }>();
      const touch = (hash: string, last: { journeyId: string; phaseId: string; pendingAt: number | null }) =>
        last.pendingAt === null ? null : repository.moveSession(hash, last.journeyId, last.phaseId, last.pendingAt, opts.ttlMs);
      for (const { session, target, at } of sessionEvents) {
        const hash = sha256(opts.salt, `session:${session}`);
        const last = latest.get(hash);
        if (last && last.journeyId === target.journeyId && last.phaseId === target.phaseId && at - last.at <= opts.ttlMs) {
          last.at = at;
          last.pendingAt = at;
          continue;
        }
        if (last) await touch(hash, last);
        const moved = await repository.moveSession(hash, target.journeyId, target.phaseId, at, opts.ttlMs);
        latest.set(hash, { journeyId: target.journeyId, phaseId: target.phaseId, at, pendingAt: null });
        if (!moved) continue;
        const key: TransitionKey = { journeyId: target.journeyId, fromPhaseId: moved.from, toPhaseId: target.phaseId, day: toDay(new Date(at)) };
        const id = `${key.journeyId}|${key.fromPhaseId}|${key.toPhaseId}|${key.day}`;
        const t = transitions.get(id);
        if (t) t.total += 1;
        else transitions.set(id, { ...key, total: 1 });
      }
      for (const [hash, last] of latest) await touch(hash, last);
      const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
      await repository.addCounters(byKey(counters));
      await repository.addTransitions(byKey(transitions));
      rejected.sort((a, b) => a.index - b.index);
      return { received: raw.length, accepted, rejected };
    },

    /**
     * Loads the CTAs, phases and tagged content named by a batch in three queries, and returns a function
     * that maps an event to its (journey, phase, CTA) or to the reason it is refused.
     */
    async resolver(events: IngestEvent[]) {
      const ctaIds = [...new Set(events.map((e) => e.cta).filter(Boolean))] as string[];
      const phaseIds = [...new Set(events.map((e) => e.phase).filter(Boolean))] as string[];
      const contents = events.filter((e) => !e.cta && !e.phase && e.content).map((e) => e.content!);
      const ctas = new Map<string, { phaseId: string; journeyId: string } | null>();
      if (ctaIds.length) {
        const rows = await strapi.db.query(UID.cta).findMany({
          where: { documentId: { $in: ctaIds } },
          select: ['documentId'],
          populate: { phase: { select: ['documentId'], populate: { journey: { select: ['documentId'] } } } },
        });
        for (const r of rows as any[]) ctas.set(r.documentId, r.phase?.journey ? { phaseId: r.phase.documentId, journeyId: r.phase.journey.documentId } : null);
      }
      const phases = new Map<string, string>();
      if (phaseIds.length) {
        const rows = await strapi.db.query(UID.phase).findMany({
          where: { documentId: { $in: phaseIds } },
          select: ['documentId'],
          populate: { journey: { select: ['documentId'] } },
        });
        for (const r of rows as any[]) if (r.journey) phases.set(r.documentId, r.journey.documentId);
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
    async cleanup(now = Date.now()) {
      const { sessionTtlMinutes } = await settings().get();
      return repo().cleanup(now, sessionTtlMinutes * 60_000);
    },
  };
};

export default ingestService;
