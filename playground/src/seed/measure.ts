import type { Core } from '@strapi/strapi';
import { seedNow } from './site';

const DAYS = 75;
const DAY_MS = 86_400_000;

/** Conversions per month each CTA reaches in the demo (the manual downloads slightly behind 500). */
const MONTHLY_CONVERSIONS: Record<string, number> = {
  'manual downloads': 475,
  'repair bookings': 262,
  'Kumo Care sign-ups': 52,
};
/** Phase views per day (awareness gets most of the traffic). */
const PHASE_VIEWS: Record<string, number> = { awareness: 180, consideration: 120, decision: 60, purchase: 30, retention: 22, advocacy: 6 };
/** Sessions per day: entries into a phase ('' → phase) and moves between phases. */
const FLOWS: Array<[string, string, number]> = [
  ['', 'awareness', 60], ['', 'consideration', 25], ['', 'decision', 8], ['', 'purchase', 2],
  ['awareness', 'consideration', 40], ['awareness', 'decision', 5],
  ['consideration', 'awareness', 4], ['consideration', 'decision', 14],
  ['decision', 'consideration', 3], ['decision', 'purchase', 12],
  ['purchase', 'retention', 9], ['retention', 'advocacy', 2],
];

const day = (d: Date) => d.toISOString().slice(0, 10);
/** A steady, repeatable day-to-day wobble (±12 %), lower at weekends. */
const wobble = (date: Date, i: number) => {
  const weekend = [0, 6].includes(date.getUTCDay()) ? 0.8 : 1.05;
  return weekend * (1 + 0.12 * Math.sin(i * 1.7));
};
/** Spreads `perMonth` over the days of the month so a month's total is about `perMonth`. */
const dailyShare = (perMonth: number, date: Date) =>
  perMonth / new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();

/**
 * Eleven weeks of measured counters for "Smartphone repair", up to the clock's today: CTA views, clicks and
 * conversions and the phase-to-phase flows of the Measure page. Written straight into the counter tables
 * (what ingestion would have aggregated); idempotent: nothing is added once the journey has counters.
 */
export async function seedDemoMeasures(strapi: Core.Strapi) {
  if (!strapi.plugin('journey-map')) return false;
  const journey: any = await strapi.plugin('journey-map').service('journeys').getJourney('smartphone-repair').catch(() => null);
  if (!journey) return false;
  const k = strapi.db.connection;
  if (await k('jm_metric_counters').where('journey_id', journey.documentId).first()) return false;

  const phases: Record<string, string> = Object.fromEntries(journey.phases.map((p: any) => [p.slug, p.documentId]));
  const ctas = journey.phases.flatMap((p: any) => (p.ctas ?? []).map((c: any) => ({ ...c, phaseId: p.documentId })));
  const now = seedNow(strapi);
  const stamp = { created_at: now, updated_at: now, published_at: now };
  const counters: Record<string, unknown>[] = [];
  const transitions: Record<string, unknown>[] = [];
  const carry = new Map<string, number>();
  /** Whole numbers whose running sum within a month is the exact one rounded, so monthly totals come out right. */
  const whole = (key: string, value: number) => {
    const total = (carry.get(key) ?? 0.5) + value;
    const n = Math.floor(total);
    carry.set(key, total - n);
    return n;
  };

  // Today only counts what its elapsed hours would have brought so far, as ingestion would have.
  const todaySoFar = (now.getTime() % DAY_MS) / DAY_MS;
  for (let i = DAYS - 1; i >= 0; i -= 1) {
    const date = new Date(now.getTime() - i * DAY_MS);
    const d = day(date);
    const w = wobble(date, i);
    const share = i === 0 ? todaySoFar : 1;
    for (const [slug, views] of Object.entries(PHASE_VIEWS)) {
      if (!phases[slug]) continue;
      counters.push({ journey_id: journey.documentId, phase_id: phases[slug], cta_id: '', day: d, event_type: 'view', total: Math.round(views * w * share) });
    }
    for (const cta of ctas) {
      const monthly = MONTHLY_CONVERSIONS[cta.kpiMetric] ?? 0;
      // The manual CTA improves from its baseline towards the target over the weeks seeded.
      const ramp = cta.kpiMetric === 'manual downloads' && i > 30 ? 0.85 + 0.15 * ((DAYS - i) / (DAYS - 30)) : 1;
      const conversions = whole(`${cta.documentId}:${d.slice(0, 7)}`, dailyShare(monthly * ramp, date) * share);
      const base = { journey_id: journey.documentId, phase_id: cta.phaseId, cta_id: cta.documentId, day: d };
      counters.push({ ...base, event_type: 'view', total: Math.round((conversions * 9 + 3 * share) * w) });
      counters.push({ ...base, event_type: 'click', total: Math.round((conversions * 2.6 + share) * w) });
      counters.push({ ...base, event_type: 'conversion', total: conversions });
    }
    for (const [from, to, perDay] of FLOWS) {
      if ((from && !phases[from]) || !phases[to]) continue;
      const total = Math.max(0, Math.round(perDay * w * share));
      if (total > 0) transitions.push({ journey_id: journey.documentId, from_phase_id: from ? phases[from] : '', to_phase_id: phases[to], day: d, total });
    }
  }
  await k.transaction(async (trx) => {
    for (let i = 0; i < counters.length; i += 50) await trx('jm_metric_counters').insert(counters.slice(i, i + 50).map((r) => ({ ...r, ...stamp })));
    for (let i = 0; i < transitions.length; i += 50) await trx('jm_path_transitions').insert(transitions.slice(i, i + 50).map((r) => ({ ...r, ...stamp })));
  });
  strapi.log.info(`[playground] Seeded ${DAYS} days of measures for "Smartphone repair".`);
  return true;
}
