import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { UID } from '../pluginId';
import { webhookStatesRepository } from '../repositories/webhook-states';
import { cellKey } from './coverage-rules';
import { cellTransitions, kpiTransitions, type CellMemo } from './webhook-rules';
import type { CoverageReport } from '../../../shared/contracts/coverage';
import type { CtaKpi, KpiStatus } from '../../../shared/contracts/measure';
import type { SnapshotItem } from '../../../shared/contracts/snapshots';
import { WEBHOOK_EVENTS, type GapEventPayload, type KpiEventPayload, type SnapshotEventPayload } from '../../../shared/contracts/webhooks';

/** Claims tried per check before it gives up (the next check, at the latest the hourly job, catches up). */
const MAX_CLAIMS = 10;
const EVENT_NAMES: string[] = Object.values(WEBHOOK_EVENTS);

interface WebhookStore {
  addAllowedEvent(key: string, value: string): void;
  findWebhooks(): Promise<Array<{ events: string[]; isEnabled: boolean }>>;
}

/**
 * The plugin's webhook events (docs/webhooks.md). They are registered with Strapi's webhook store, so
 * a webhook may list them, and emitted on Strapi's event hub, so Strapi's webhook runner delivers them.
 *
 * Gap and KPI events come from comparing the states now with the last known ones, kept per journey and
 * locale (cells: each locale's matrix, as the content map shows it) and per journey (CTAs) in jm_webhook_states. A check reads the stored states, computes
 * the states now, and claims the change with a compare-and-set on the row's version; only the claim's
 * winner announces the transitions. A claim that loses reads and computes again, so the states stored
 * are always those of a check that started after the last write it saw: two instances on one database
 * announce each transition exactly once, and never leave a stale state behind.
 *
 * Checks run after tag writes (the journeys the tags were or are in, in the entry's locale) and KPI
 * value writes, off the request, one at a time per group and instance (a write during a check makes it
 * run once more); and every hour with the daily job, over every journey and locale.
 * Nothing is tracked while no enabled webhook listens to a gap or KPI event.
 */
const webhooksService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.get('webhookStore') as WebhookStore;
  const repository = () => webhookStatesRepository(strapi.db);
  const running = new Map<string, { again: boolean; done: Promise<void> }>();
  let stopped = false;

  const emit = async (event: string, payload: object) => {
    await strapi.eventHub.emit(event, payload);
  };

  /** Whether an enabled webhook lists a gap or KPI event (read from the database: any instance may have written it). */
  async function subscribed(): Promise<boolean> {
    const hooks = await store().findWebhooks();
    return hooks.some((h) => h.isEnabled && (h.events ?? []).some((e) => e !== WEBHOOK_EVENTS.JOURNEY_MAP_SNAPSHOT_CREATED && EVENT_NAMES.includes(e)));
  }

  /** Runs `check` for `key` now, or once more after the check of `key` in progress. */
  function schedule(key: string, check: () => Promise<void>): Promise<void> {
    const slot = running.get(key);
    if (slot) {
      slot.again = true;
      return slot.done;
    }
    const next = { again: false, done: Promise.resolve() };
    running.set(key, next);
    next.done = (async () => {
      try {
        do {
          next.again = false;
          try {
            await check();
          } catch (error) {
            if (!stopped) strapi.log.warn(`[journey-map] webhook check ${key} failed: ${(error as Error).message}`);
          }
        } while (next.again && !stopped);
      } finally {
        running.delete(key);
      }
    })();
    return next.done;
  }

  /**
   * Reads the stored states of (scope, subject), computes the states now, and claims the change; returns
   * the states before and now when this call claimed it (null for a first sight: only remembered).
   */
  async function claim<S>(scope: 'cells' | 'kpis', subject: string, compute: () => Promise<Record<string, S>>) {
    for (let attempt = 1; attempt <= MAX_CLAIMS && !stopped; attempt += 1) {
      const stored = await repository().get<S>(scope, subject);
      const now = await compute();
      if (!stored) {
        if (await repository().insert(scope, subject, now)) return null;
        continue;
      }
      if (await repository().compareAndSet(stored.id, stored.version, now)) return { before: stored.states, now };
    }
    if (!stopped) strapi.log.warn(`[journey-map] webhook states of ${scope} ${subject} changed too often to be claimed; the next check catches up`);
    return null;
  }

  async function checkCells(journeyId: string, locale: string) {
    let report: CoverageReport | null = null;
    const claimed = await claim<CellMemo>('cells', `${journeyId}|${locale}`, async () => {
      const matrix = await getService(strapi, 'coverage').matrix({ journey: journeyId, locale });
      report = matrix;
      return Object.fromEntries(matrix.cells.map((c) => [cellKey(c.phase, c.persona ?? ''), { state: c.state, count: c.count }]));
    });
    const r = report as CoverageReport | null;
    if (!claimed || !r) return;
    const phases = new Map(r.phases.map((p) => [p.documentId, p]));
    const personas = new Map(r.personas.map((p) => [p.documentId, p]));
    for (const t of cellTransitions(claimed.before, claimed.now)) {
      const [phaseId, personaId] = t.key.split('|');
      const phase = phases.get(phaseId);
      const persona = personaId ? personas.get(personaId) : null;
      const payload: GapEventPayload = {
        journey: { documentId: r.journey.documentId, name: r.journey.name, slug: r.journey.slug },
        phase: { documentId: phaseId, name: phase?.name ?? phaseId },
        persona: persona ? { documentId: persona.documentId, name: persona.name } : null,
        locale,
        count: claimed.now[t.key].count,
        state: t.to,
        previousState: t.from,
      };
      await emit(t.event, payload);
    }
  }

  async function checkKpis(journeyId: string) {
    let kpis: CtaKpi[] = [];
    const claimed = await claim<KpiStatus>('kpis', journeyId, async () => {
      kpis = await getService(strapi, 'measure').kpis({ journey: journeyId });
      return Object.fromEntries(kpis.map((k) => [k.cta.documentId, k.status]));
    });
    if (!claimed) return;
    const transitions = kpiTransitions(claimed.before, claimed.now);
    if (!transitions.length) return;
    const journey = await getService(strapi, 'journeys').getJourney(journeyId);
    const byCta = new Map(kpis.map((k) => [k.cta.documentId, k]));
    for (const t of transitions) {
      const k = byCta.get(t.key)!;
      const payload: KpiEventPayload = {
        journey: { documentId: journey.documentId, name: journey.name, slug: journey.slug },
        phase: { documentId: k.cta.phase?.documentId ?? '', name: k.cta.phase?.name ?? '' },
        cta: { documentId: k.cta.documentId, label: k.cta.label },
        status: t.to,
        previousStatus: t.from,
        actual: k.actual,
        target: k.target,
        period: { period: k.currentPeriod.period, start: k.currentPeriod.start, end: k.currentPeriod.end },
      };
      await emit(t.event, payload);
    }
  }

  async function siteLocales(): Promise<string[]> {
    const locales = (await strapi.plugin('i18n')?.service('locales').find()) as Array<{ code: string }> | undefined;
    return (locales ?? []).map((l) => l.code).sort();
  }

  const cellsOf = (journeyId: string, locale: string) => schedule(`cells ${journeyId} ${locale}`, () => checkCells(journeyId, locale));
  const kpisOf = (journeyId: string) => schedule(`kpis ${journeyId}`, () => checkKpis(journeyId));

  /** Runs `work` when a webhook listens; a failure is logged, never thrown at the write that asked. */
  const whenSubscribed = (work: () => Promise<unknown>) =>
    (async () => {
      if (stopped || !(await subscribed())) return;
      await work();
    })().catch((error) => {
      if (!stopped) strapi.log.warn(`[journey-map] webhook check failed: ${(error as Error).message}`);
    });

  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
    return p;
  };

  return {
    /** Lets webhooks list the plugin's events (Strapi's webhook store validates a webhook's events against these). */
    registerEvents() {
      for (const [key, value] of Object.entries(WEBHOOK_EVENTS)) store().addAllowedEvent(key, value);
    },

    /**
     * After a tag write: checks the cells of `journeyIds` in the entry's locale (every site locale for a
     * type without i18n, `entryLocale` ''). Not awaited by the write.
     */
    tagsChanged(journeyIds: string[], entryLocale: string) {
      const journeys = [...new Set(journeyIds)];
      if (!journeys.length) return;
      track(
        whenSubscribed(async () => {
          const locales = entryLocale ? [entryLocale] : await siteLocales();
          await Promise.all(journeys.flatMap((j) => locales.map((l) => cellsOf(j, l))));
        })
      );
    },

    /** After a KPI value write: checks the KPI statuses of the CTA's journey. Not awaited by the write. */
    kpiValuesChanged(ctaId: string) {
      track(
        whenSubscribed(async () => {
          const cta = (await strapi.db.query(UID.cta).findOne({ where: { documentId: ctaId }, populate: { phase: { populate: { journey: true } } } })) as {
            phase?: { journey?: { documentId: string } | null } | null;
          } | null;
          const journeyId = cta?.phase?.journey?.documentId;
          if (journeyId) await kpisOf(journeyId);
        })
      );
    },

    /** Every journey's cells (in each site locale) and KPI statuses: the hourly job. */
    async checkAll() {
      await whenSubscribed(async () => {
        const locales = await siteLocales();
        for (const j of await getService(strapi, 'journeys').listJourneys()) {
          for (const locale of locales) await cellsOf(j.documentId, locale);
          await kpisOf(j.documentId);
        }
      });
    },

    /** `journey-map.snapshot.created`, once per stored snapshot (the snapshot's insert happens once). */
    async snapshotCreated(item: SnapshotItem) {
      const payload: SnapshotEventPayload = {
        journey: item.journey,
        snapshot: { documentId: item.documentId, kind: item.kind, takenAt: item.takenAt, day: item.day, note: item.note },
        summary: item.summary,
      };
      await emit(WEBHOOK_EVENTS.JOURNEY_MAP_SNAPSHOT_CREATED, payload);
    },

    /** Resolves once the checks started so far are done (tests, and the shutdown). */
    async idle() {
      while (pending.size || running.size) await Promise.allSettled([...pending, ...[...running.values()].map((s) => s.done)]);
    },

    stop() {
      stopped = true;
    },
  };
};

export default webhooksService;
