/**
 * Values both sides use at run time, free of zod (the admin imports them; the contracts build their
 * schemas from them). Types live in contracts/.
 */
export const AUDIT_FLAGS = ['untagged', 'stale', 'draftOnly', 'phaseWithoutCta', 'missingInOtherLocale'] as const;
export const AUDIT_SORTS = ['updatedAt:desc', 'updatedAt:asc', 'title:asc', 'title:desc', 'contentType:asc'] as const;
export const CELL_STATES = ['gap', 'thin', 'ok', 'excess', 'not-applicable'] as const;
export const KPI_STATUSES = ['onTrack', 'atRisk', 'offTrack', 'noData'] as const;
/** Per type, what publishing an entry without a phase tag in the published locale meets (Settings → Content types). */
export const PUBLISH_CHECKS = ['off', 'warn', 'require'] as const;
export const FUNNEL_BANDS = ['top', 'middle', 'bottom', 'post-purchase'] as const;
/** The tools whose exports the Measure page imports (jm_analytics_days/events.source). */
export const ANALYTICS_SOURCES = ['ga4', 'plausible', 'matomo', 'generic'] as const;
