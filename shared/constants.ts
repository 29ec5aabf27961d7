/**
 * Values both sides use at run time, free of zod (the admin imports them; the contracts build their
 * schemas from them). Types live in contracts/.
 */
export const AUDIT_FLAGS = ['untagged', 'stale', 'draftOnly', 'phaseWithoutCta', 'missingInOtherLocale', 'unread'] as const;
export const AUDIT_SORTS = ['updatedAt:desc', 'updatedAt:asc', 'title:asc', 'title:desc', 'contentType:asc'] as const;
export const CELL_STATES = ['gap', 'thin', 'ok', 'excess', 'not-applicable'] as const;
export const KPI_STATUSES = ['onTrack', 'atRisk', 'offTrack', 'noData'] as const;
/** Per type, what publishing an entry without a phase tag in the published locale meets (Settings → Content types). */
export const PUBLISH_CHECKS = ['off', 'warn', 'require'] as const;
export const FUNNEL_BANDS = ['top', 'middle', 'bottom', 'post-purchase'] as const;
/** The analytics tools whose exports are imported (`source` of jm_analytics_days and jm_analytics_events). */
export const ANALYTICS_SOURCES = ['ga4', 'plausible', 'matomo', 'generic'] as const;
/** How a CTA's imported event matches its link: the whole link, or a part of it (case-insensitive). */
export const IMPORT_LINK_MATCHES = ['exact', 'contains'] as const;
/** A CTA's imported actual: added to the snippet's counts, or used instead of them. */
export const IMPORT_MODES = ['add', 'replace'] as const;
/** The days the performance view and the audit's `unread` flag look back by default. */
export const DEFAULT_PERFORMANCE_DAYS = 30;
