import type { Core } from '@strapi/strapi';
import { createHash } from 'crypto';
import { seedNow } from './site';

/**
 * Where the demo site's entries live on its (imaginary) front end, kumo.example: the URL patterns the
 * demo's Settings hold, so that the sample analytics exports in playground/samples/ (copies of
 * tests/fixtures/analytics/) match its entries. English at the root, Japanese under /ja.
 */
const both = (prefix: string) => [
  { locale: 'en', pattern: `/${prefix}/{slug}` },
  { locale: 'ja', pattern: `/{locale}/${prefix}/{slug}` },
];

export const DEMO_URL_PATTERNS: Record<string, Array<{ locale: string | null; pattern: string }>> = {
  'api::article.article': both('articles'),
  'api::faq.faq': both('faq'),
  'api::landing-page.landing-page': both('lp'),
  'api::case-study.case-study': both('customers'),
};

/** The manual the demo's "Download the manual" CTA offers (the samples' file_download events link to it). */
export const DEMO_MANUAL_URL = 'https://kumo.example/downloads/broken-phone-manual.pdf';

/*
 * DEMO DATA, clearly not measured: a small sample of imported analytics, as if a GA4 export (page views
 * per day, and the file_download event) and a Plausible export (the Japanese pages, one row for the whole
 * range: an export without a date per row) had been imported. It feeds the content map's "how it
 * performs" view, the audit's "Nobody reads it" flag and the manual CTA's imported actual.
 */

const DAYS = 90;
const DAY_MS = 86_400_000;
/** Page views per day of each tagged entry (English); 0: nobody reads it (the audit flags it). */
const DAILY_VIEWS: Record<string, number> = {
  'what-to-do-when-your-smartphone-breaks': 140,
  'water-damage-first-aid': 85,
  'repair-prices-2026': 70,
  'cracked-screen-repair-or-replace': 60,
  'battery-health-explained': 45,
  'broken-phone-manual': 38,
  'how-our-repair-service-works': 30,
  'repair-service': 25,
  'how-long-does-a-repair-take': 22,
  'kumo-care': 14,
  'backup-before-repair': 12,
  'phone-care-habits': 9,
  'courier-company': 6,
  'is-my-data-safe-during-repair': 0,
  'kumo-x3-launch': 0,
};
/** Conversions per 100 views, per entry (the pages that lead to a CTA convert more). */
const CONVERSION_RATE: Record<string, number> = { 'broken-phone-manual': 12, 'repair-service': 9, 'kumo-care': 6, 'cracked-screen-repair-or-replace': 3 };

const day = (d: Date) => d.toISOString().slice(0, 10);
const wobble = (i: number) => 1 + 0.15 * Math.sin(i * 1.3);

/**
 * Idempotent: nothing is added once any imported analytics exist. Needs the demo journey (and, for the
 * event, the demo measures: GA4's daily file_download counts are the snippet's manual downloads, so the
 * demo KPI reads the same whichever counts it takes).
 */
export async function seedDemoAnalytics(strapi: Core.Strapi) {
  if (!strapi.plugin('journey-map')) return false;
  const journey: any = await strapi.plugin('journey-map').service('journeys').getJourney('smartphone-repair').catch(() => null);
  if (!journey) return false;
  const k = strapi.db.connection;
  if (await k('jm_analytics_days').first()) return false;

  const now = seedNow(strapi);
  const stamp = { created_at: now, updated_at: now };
  const today = day(now);
  const first = day(new Date(now.getTime() - (DAYS - 1) * DAY_MS));
  const rangeStart = day(new Date(now.getTime() - 59 * DAY_MS));
  const tagged: Array<{ content_type: string; entry_document_id: string; entry_locale: string }> = await k('jm_assignments')
    .distinct('content_type', 'entry_document_id', 'entry_locale')
    .where('journey_id', journey.documentId);

  const rows: Record<string, unknown>[] = [];
  for (const entry of tagged) {
    const doc: any = await strapi.documents(entry.content_type as any).findOne({ documentId: entry.entry_document_id, locale: entry.entry_locale || undefined, status: 'draft', fields: ['slug'] } as any);
    const perDay = DAILY_VIEWS[doc?.slug ?? ''] ?? 0;
    if (!perDay) continue;
    const rate = (CONVERSION_RATE[doc.slug] ?? 1) / 100;
    const key = { content_type: entry.content_type, entry_document_id: entry.entry_document_id, entry_locale: entry.entry_locale ?? '' };
    if (entry.entry_locale === 'ja') {
      // Plausible: one row for the last 60 days (a third of the English traffic)
      const views = Math.round(perDay * 60 * 0.35);
      rows.push({ ...key, source: 'plausible', period_start: rangeStart, period_end: today, views, visitors: Math.round(views * 0.8), engaged_seconds: views * 70, conversions: Math.round(views * rate) });
      continue;
    }
    for (let i = DAYS - 1; i >= 0; i -= 1) {
      const views = Math.round(perDay * wobble(i));
      rows.push({ ...key, source: 'ga4', period_start: day(new Date(now.getTime() - i * DAY_MS)), period_end: day(new Date(now.getTime() - i * DAY_MS)), views, visitors: Math.round(views * 0.8), engaged_seconds: views * 55, conversions: Math.round(views * rate) });
    }
  }

  // GA4's file_download event for the manual: the same daily counts as the snippet's manual downloads.
  const manual = journey.phases.flatMap((p: any) => p.ctas ?? []).find((c: any) => c.kpiMetric === 'manual downloads');
  const downloads: Array<{ day: string; total: number | string }> = manual
    ? await k('jm_metric_counters').select('day', 'total').where({ cta_id: manual.documentId, event_type: 'conversion' }).where('day', '>=', first)
    : [];
  const eventKey = createHash('sha256').update(`file_download\n${DEMO_MANUAL_URL}`).digest('hex');
  const events = downloads.map((d) => ({ source: 'ga4', event_key: eventKey, event_name: 'file_download', link: DEMO_MANUAL_URL, period_start: d.day, period_end: d.day, total: Number(d.total) }));

  await k.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += 50) await trx('jm_analytics_days').insert(rows.slice(i, i + 50).map((r) => ({ ...r, ...stamp })));
    for (let i = 0; i < events.length; i += 50) await trx('jm_analytics_events').insert(events.slice(i, i + 50).map((r) => ({ ...r, ...stamp })));
  });
  if (manual && events.length) {
    await strapi.plugin('journey-map').service('journeys').updateCta(manual.documentId, { importEventName: 'file_download', importLink: '/broken-phone-manual', importLinkMatch: 'contains', importSource: 'ga4', importMode: 'replace' });
  }
  strapi.log.info(`[playground] Seeded a sample of imported analytics (demo data): ${rows.length} page rows, ${events.length} event rows.`);
  return true;
}
