import type { AnalyticsSource, ImportMapping } from '../../../shared/contracts/imports';

/**
 * The analytics exports the import recognises from their header row (pure). Where each column name comes
 * from is in docs/analytics.md ("What each tool's export looks like").
 */

/** What a column means to the import. */
export type Role = 'path' | 'date' | 'views' | 'visitors' | 'engagedSeconds' | 'conversions' | 'eventName' | 'link' | 'count';

/** How the file gives engaged time: a total, or an average to multiply by visitors or by views. */
export type EngagedAs = 'total' | 'perVisitor' | 'perView';

export interface Format {
  /** e.g. `ga4-pages`, `plausible-export-pages`, `matomo-events`, `generic`. */
  id: string;
  source: AnalyticsSource;
  kind: 'pages' | 'events';
  /** Role → the column's index in the header row. */
  columns: Partial<Record<Role, number>>;
  /** Role → the column's name as the file spells it (for messages). */
  names: Partial<Record<Role, string>>;
  engagedAs: EngagedAs;
  /** A second column to take the link from when the first is empty (Plausible: link_url, then path). */
  fallbackLink?: number;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

interface Candidate {
  id: string;
  source: Exclude<AnalyticsSource, 'generic'>;
  kind: 'pages' | 'events';
  /** Per role, the accepted column names (first found wins); `required` roles must all be there. */
  roles: Partial<Record<Role, string[]>>;
  required: Role[];
  engagedAs: EngagedAs;
  /** Columns whose presence tells this export apart from a look-alike. */
  marker?: string[];
  fallbackLink?: string[];
}

// Order matters: the first candidate whose required columns (and markers) are all present wins.
const CANDIDATES: Candidate[] = [
  // GA4: Reports → Engagement → Pages and screens (or an exploration), Share this report → Download file → CSV.
  {
    id: 'ga4-pages',
    source: 'ga4',
    kind: 'pages',
    roles: {
      path: ['page path and screen class', 'page path + query string and screen class', 'page path + query string', 'page path', 'page location', 'landing page', 'landing page + query string'],
      date: ['date'],
      views: ['views'],
      visitors: ['active users', 'users', 'total users'],
      engagedSeconds: ['average engagement time per active user', 'average engagement time'],
      conversions: ['key events', 'conversions'],
    },
    required: ['path', 'views'],
    engagedAs: 'perVisitor',
  },
  // GA4: Reports → Engagement → Events, or an exploration with Event name (+ Link URL) and Event count.
  {
    id: 'ga4-events',
    source: 'ga4',
    kind: 'events',
    roles: {
      eventName: ['event name'],
      link: ['link url', 'page location', 'page path and screen class', 'page path'],
      date: ['date'],
      count: ['event count'],
    },
    required: ['eventName', 'count'],
    engagedAs: 'total',
  },
  // Plausible: Site settings → Imports & Exports → Export data: a ZIP of CSV files; imported_pages_<from>_<to>.csv.
  {
    id: 'plausible-export-pages',
    source: 'plausible',
    kind: 'pages',
    roles: { date: ['date'], path: ['page'], views: ['pageviews'], visitors: ['visitors'], engagedSeconds: ['total_time_on_page'] },
    required: ['date', 'path', 'views'],
    engagedAs: 'total',
  },
  // Plausible: the same ZIP's imported_custom_events_<from>_<to>.csv (goals and custom events, file downloads).
  {
    id: 'plausible-export-events',
    source: 'plausible',
    kind: 'events',
    roles: { date: ['date'], eventName: ['name'], link: ['link_url'], count: ['events'] },
    required: ['date', 'eventName', 'count'],
    marker: ['link_url'],
    fallbackLink: ['path'],
    engagedAs: 'total',
  },
  // Plausible dashboard: the export button's ZIP; pages.csv (name,visitors,pageviews,bounce_rate,time_on_page).
  {
    id: 'plausible-dashboard-pages',
    source: 'plausible',
    kind: 'pages',
    roles: { path: ['name'], views: ['pageviews'], visitors: ['visitors'], engagedSeconds: ['time_on_page'] },
    required: ['path', 'views'],
    engagedAs: 'perVisitor',
  },
  // Plausible dashboard filtered by a goal: pages.csv becomes name,conversions,conversion_rate.
  {
    id: 'plausible-dashboard-goal-pages',
    source: 'plausible',
    kind: 'pages',
    roles: { path: ['name'], conversions: ['conversions'] },
    required: ['path', 'conversions'],
    marker: ['conversion_rate'],
    engagedAs: 'total',
  },
  // Plausible dashboard: conversions.csv (name,unique_conversions,total_conversions): one row per goal.
  {
    id: 'plausible-dashboard-conversions',
    source: 'plausible',
    kind: 'events',
    roles: { eventName: ['name'], count: ['total_conversions'] },
    required: ['eventName', 'count'],
    marker: ['unique_conversions'],
    engagedAs: 'total',
  },
  // Matomo: Behaviour → Pages (Actions.getPageUrls, flat), Export → CSV. `url` when exported flat with metadata.
  {
    id: 'matomo-pages',
    source: 'matomo',
    kind: 'pages',
    roles: { date: ['date'], path: ['url', 'label'], views: ['nb_hits'], visitors: ['nb_visits'], engagedSeconds: ['sum_time_spent'] },
    required: ['path', 'views'],
    marker: ['label'],
    engagedAs: 'total',
  },
  // Matomo: Behaviour → Events (Events.getName or Events.getAction), Export → CSV.
  {
    id: 'matomo-events',
    source: 'matomo',
    kind: 'events',
    roles: { date: ['date'], eventName: ['label'], link: ['url'], count: ['nb_events'] },
    required: ['eventName', 'count'],
    engagedAs: 'total',
  },
];

const MATOMO_AVG_TIME = 'avg_time_on_page';

function tryCandidate(c: Candidate, header: string[]): Format | null {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(norm(h))) index.set(norm(h), i);
  });
  if (c.marker && !c.marker.every((m) => index.has(m))) return null;
  const columns: Partial<Record<Role, number>> = {};
  const names: Partial<Record<Role, string>> = {};
  for (const [role, accepted] of Object.entries(c.roles) as Array<[Role, string[]]>) {
    const found = accepted.find((name) => index.has(name));
    if (found !== undefined) {
      columns[role] = index.get(found)!;
      names[role] = header[index.get(found)!].trim();
    }
  }
  if (!c.required.every((r) => columns[r] !== undefined)) return null;
  let engagedAs = c.engagedAs;
  // Matomo exports may hold the average instead of the sum (processed metrics only).
  if (c.id === 'matomo-pages' && columns.engagedSeconds === undefined && index.has(MATOMO_AVG_TIME)) {
    columns.engagedSeconds = index.get(MATOMO_AVG_TIME)!;
    names.engagedSeconds = header[columns.engagedSeconds].trim();
    engagedAs = 'perView';
  }
  const fallback = c.fallbackLink?.find((name) => index.has(name));
  return { id: c.id, source: c.source, kind: c.kind, columns, names, engagedAs, fallbackLink: fallback === undefined ? undefined : index.get(fallback) };
}

/** The export this header row belongs to (restricted to `source` unless `auto`), or null. */
export function recognise(header: string[], source: AnalyticsSource | 'auto'): Format | null {
  for (const c of CANDIDATES) {
    if (source !== 'auto' && c.source !== source) continue;
    const f = tryCandidate(c, header);
    if (f) return f;
  }
  return null;
}

/** A generic file's format from its mapping; the missing columns named (a 400), or the format. */
export function fromMapping(header: string[], mapping: ImportMapping): Format | { missing: Array<{ role: Role; column: string }> } {
  const columns: Partial<Record<Role, number>> = {};
  const names: Partial<Record<Role, string>> = {};
  const missing: Array<{ role: Role; column: string }> = [];
  const trimmed = header.map((h) => h.trim());
  for (const [role, column] of Object.entries(mapping) as Array<[Role, string | undefined]>) {
    if (!column) continue;
    const i = trimmed.indexOf(column);
    if (i < 0) missing.push({ role, column });
    else {
      columns[role] = i;
      names[role] = column;
    }
  }
  if (missing.length) return { missing };
  return { id: 'generic', source: 'generic', kind: mapping.eventName ? 'events' : 'pages', columns, names, engagedAs: 'total' };
}

/** The known exports, for the docs and the admin's hint (id and the tool). */
export const KNOWN_FORMATS = CANDIDATES.map((c) => ({ id: c.id, source: c.source, kind: c.kind }));
