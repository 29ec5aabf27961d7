/**
 * The targets, each a ratio to what Strapi itself costs in the same run (so that the machine's load
 * cancels out), checked against the result rows. Pure: unit-tested in tests/unit/bench.test.ts. A target
 * whose rows are missing (measurement skipped or not written yet) is reported as not measured.
 */
const vsAdmin = (id) => (r) => ratio(r[id]?.median, r['admin-request']?.median);

/** The plugin's admin pages timed in Chromium (bench/measurements/admin-pages.js), each against the Content Manager's list view. */
const ADMIN_PAGES = {
  'journey-map': 'the journey map',
  'content-map': 'the content map',
  'next-content': 'what to write next',
  audit: 'the audit',
  measure: 'measure',
  'content-types': 'content types',
  settings: 'settings',
};
const pageTargets = Object.entries(ADMIN_PAGES).map(([page, name]) => ({
  id: `page-${page}-vs-list-view`,
  text: `admin page: ${name} shows its data ≤ 1.5× the Content Manager's list view (medians, Chromium)`,
  value: (r) => ratio(r[`page-${page}`]?.median, r['page-cm-list']?.median),
  atMost: 1.5,
}));

const TARGETS = [
  { id: 'coverage-vs-admin', text: 'coverage ≤ 1.3× the bare admin request (medians)', value: vsAdmin('coverage'), atMost: 1.3 },
  { id: 'coverage-locale-vs-admin', text: 'coverage of one locale ≤ 1.3× the bare admin request (medians)', value: vsAdmin('coverage-locale'), atMost: 1.3 },
  { id: 'audit-first-vs-admin', text: 'audit first page ≤ 1.5× the bare admin request (medians)', value: vsAdmin('audit-first'), atMost: 1.5 },
  { id: 'audit-filtered-vs-admin', text: 'audit filtered page 3 ≤ 1.5× the bare admin request (medians)', value: vsAdmin('audit-filtered'), atMost: 1.5 },
  { id: 'save-vs-admin', text: "save one entry's tags ≤ 1.5× the bare admin request (medians)", value: vsAdmin('save'), atMost: 1.5 },
  { id: 'history-vs-admin', text: 'coverage history (90 days) ≤ 1.5× the bare admin request (medians)', value: vsAdmin('history'), atMost: 1.5 },
  { id: 'next-content-vs-admin', text: 'next-content ≤ 1.5× the bare admin request (medians)', value: vsAdmin('next-content'), atMost: 1.5 },
  { id: 'suggestions-vs-admin', text: 'suggestions for one entry ≤ 1.5× the bare admin request (medians)', value: vsAdmin('suggestions'), atMost: 1.5 },
  { id: 'csv-vs-floor', text: 'CSV export ≤ 2× streaming the same rows unformatted (medians)', value: (r) => ratio(r.csv?.median, r['csv-floor']?.median), atMost: 2 },
  { id: 'csv-memory', text: 'CSV export peak memory growth < 100 MB', value: (r) => r.csv?.rssGrowthMb, below: 100 },
  { id: 'ingest-vs-noop', text: 'ingestion ≥ 0.5× the request rate of a no-op content-API route', value: (r) => ratio(r.ingest?.value, r['noop-route']?.value), atLeast: 0.5 },
  { id: 'boot-share', text: 'the plugin adds ≤ 5 % to boot (wall time, median of paired differences)', value: (r) => percentOf(r['boot-overhead']?.median, r['boot-without']?.median), atMost: 5 },
  { id: 'boot-cpu-share', text: 'the plugin adds ≤ 5 % to boot (CPU time, median of paired differences)', value: (r) => percentOf(r['boot-cpu-overhead']?.median, r['boot-without']?.cpuMedian), atMost: 5 },
  { id: 'coverage-vs-naive', text: 'coverage ≥ 50× faster than the naive matrix (medians)', value: (r) => ratio(r.naive?.median, r.coverage?.median), atLeast: 50 },
  { id: 'imports-memory', text: 'analytics import of 100,000 rows: peak memory growth < 300 MB', value: (r) => r.imports?.rssGrowthMb, below: 300 },
  { id: 'performance-vs-admin', text: 'content performance (30 days) ≤ 1.5× the bare admin request (medians)', value: vsAdmin('performance'), atMost: 1.5 },
  { id: 'bundle-pages', text: "every page's first load < 200 KB gzip", value: (r) => maxOf(Object.values(r).filter((x) => /^bundle-.*Page$/.test(x.id)).map((x) => x.value)), below: 200 },
  ...pageTargets,
];

function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Number((a / b).toFixed(2)) : undefined;
}

function percentOf(part, whole) {
  return Number.isFinite(part) && Number.isFinite(whole) && whole > 0 ? Number(((100 * part) / whole).toFixed(1)) : undefined;
}

function maxOf(values) {
  return values.length ? Math.max(...values) : undefined;
}

/** rows: result rows; returns each target with its measured value and ok true/false, or null when not measured. */
function checkTargets(rows) {
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
  return TARGETS.map((t) => {
    const value = t.value(byId);
    const measured = value !== undefined && value !== null && Number.isFinite(value);
    const ok = !measured
      ? null
      : (t.below === undefined || value < t.below) && (t.atMost === undefined || value <= t.atMost) && (t.atLeast === undefined || value >= t.atLeast);
    return { id: t.id, text: t.text, value: measured ? value : null, ok };
  });
}

module.exports = { TARGETS, ADMIN_PAGES, checkTargets, ratio, percentOf };
