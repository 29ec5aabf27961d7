import { createHash } from 'crypto';
import type { TestApp } from './strapi';

/**
 * Imported analytics written straight into their tables (what an import of GA4, Plausible or Matomo
 * exports would store): the reads under test do not depend on the import route.
 */
export interface DayRow {
  source?: 'ga4' | 'plausible' | 'matomo' | 'generic';
  contentType: string;
  documentId: string;
  locale?: string;
  start: string;
  end?: string;
  views?: number;
  visitors?: number;
  engagedSeconds?: number;
  conversions?: number;
}
export interface EventRow {
  source?: 'ga4' | 'plausible' | 'matomo' | 'generic';
  eventName: string;
  link?: string;
  start: string;
  end?: string;
  total: number;
}

/** sha256 hex of the event name, a newline and the link: the key of an imported event. */
export const eventKey = (eventName: string, link: string) => createHash('sha256').update(`${eventName}\n${link}`).digest('hex');

export async function insertAnalyticsDays(app: TestApp, rows: DayRow[]) {
  const now = new Date();
  await app.strapi.db.connection('jm_analytics_days').insert(
    rows.map((r) => ({
      source: r.source ?? 'ga4',
      content_type: r.contentType,
      entry_document_id: r.documentId,
      entry_locale: r.locale ?? '',
      period_start: r.start,
      period_end: r.end ?? r.start,
      views: r.views ?? 0,
      visitors: r.visitors ?? 0,
      engaged_seconds: r.engagedSeconds ?? 0,
      conversions: r.conversions ?? 0,
      created_at: now,
      updated_at: now,
    }))
  );
}

export async function insertAnalyticsEvents(app: TestApp, rows: EventRow[]) {
  const now = new Date();
  await app.strapi.db.connection('jm_analytics_events').insert(
    rows.map((r) => ({
      source: r.source ?? 'ga4',
      event_key: eventKey(r.eventName, r.link ?? ''),
      event_name: r.eventName,
      link: r.link ?? '',
      period_start: r.start,
      period_end: r.end ?? r.start,
      total: r.total,
      created_at: now,
      updated_at: now,
    }))
  );
}

export async function clearAnalytics(app: TestApp) {
  await app.strapi.db.connection('jm_analytics_days').del();
  await app.strapi.db.connection('jm_analytics_events').del();
}
