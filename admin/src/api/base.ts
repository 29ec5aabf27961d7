import { adminApi } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';

/**
 * The admin's data layer: Strapi's own RTK Query api (`adminApi`), as the content-releases plugin uses it.
 * It is already in the admin bundle and its store is the one the Content Manager renders in, so the side
 * panel, the list column and the plugin's pages share one cache, and a write anywhere refreshes every view
 * that shows what it changed (through the tags below), without a reload.
 *
 * Each feature injects its endpoints in its own module (`api/<feature>.ts`) into `journeyMapApi`. The
 * endpoints share one namespace with Strapi's own, and a second definition of a name is ignored: names
 * Strapi uses (`getLocales`, `getSettings`, `getContentTypes`…) get a plugin word (`getSiteLocales`,
 * `getJourneyMapSettings`, `getTrackableTypes`).
 *
 * Invalidation: queries provide the tag of what they show, writes invalidate what they make stale (the
 * AFTER_* lists below). A stale query that is on screen is asked for again at once; one that is not is
 * dropped from the cache and asked for when a view next needs it.
 */
export const CACHE_TAGS = [
  'JourneyMapJourney', // journeys, phases, personas, CTAs, presets
  'JourneyMapTags', // the tags of entries (list column, panel)
  'JourneyMapCoverage', // the content map's cells
  'JourneyMapAudit', // the audit's lists and flags
  'JourneyMapSnapshot', // stored snapshots and comparisons
  'JourneyMapMeasure', // KPIs, KPI values, paths, gaps
  'JourneyMapSettings', // settings, tracked types, content types
] as const;
export type CacheTag = (typeof CACHE_TAGS)[number];

export const journeyMapApi = adminApi.enhanceEndpoints({ addTagTypes: [...CACHE_TAGS] });

/** What a change to entries' tags makes stale: every view that counts or lists tags. */
export const AFTER_TAG_WRITE: CacheTag[] = ['JourneyMapTags', 'JourneyMapCoverage', 'JourneyMapAudit', 'JourneyMapMeasure'];
/** What a change to the journey model makes stale. */
export const AFTER_JOURNEY_WRITE: CacheTag[] = ['JourneyMapJourney', 'JourneyMapTags', 'JourneyMapCoverage', 'JourneyMapAudit', 'JourneyMapMeasure'];
/** What a change of settings makes stale: everything computed from tracked types and thresholds. */
export const AFTER_SETTINGS_WRITE: CacheTag[] = [...CACHE_TAGS];

/** A mutation's `invalidatesTags`: a refused write changed nothing, so nothing is asked for again. */
export const whenSaved =
  (tags: CacheTag[]) =>
  (_result: unknown, error: unknown): CacheTag[] =>
    error ? [] : tags;

type QueryValue = string | number | boolean | null | undefined;

/**
 * The admin API path of a plugin route, with its query string (empty values left out):
 * `path('/coverage', { journey: 'buy' })` → `/journey-map/coverage?journey=buy`. The query is encoded
 * here: Strapi's fetch client appends `config.params` unencoded.
 */
export const path = (route: string, query: Record<string, QueryValue> = {}) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/${PLUGIN_ID}${route}${search ? `?${search}` : ''}`;
};

/** The plugin's admin routes answer `{ data }`: endpoints unwrap it. */
export const unwrap = <T>(response: { data: T }) => response.data;
