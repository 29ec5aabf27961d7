/**
 * The targets, checked against the result rows. Pure: unit-tested in tests/unit/bench.test.ts.
 * A target whose rows are missing (measurement skipped or not written yet) is reported as not measured.
 */
const TARGETS = [
  { id: 'coverage-p95', text: 'coverage p95 < 50 ms', value: (r) => r.coverage?.p95, below: 50 },
  { id: 'coverage-vs-naive', text: 'coverage ≥ 50× faster than naive (medians)', value: (r) => ratio(r.naive?.median, r.coverage?.median), atLeast: 50 },
  { id: 'coverage-vs-floor', text: 'coverage ≤ 3× the SQL floor (medians)', value: (r) => ratio(r.coverage?.median, r['sql-floor']?.median), atMost: 3 },
  { id: 'history-vs-admin', text: 'coverage history (90 days) ≤ 4× the bare admin request (medians)', value: (r) => ratio(r.history?.median, r['admin-request']?.median), atMost: 4 },
  { id: 'performance-vs-admin', text: 'content performance (30 days) ≤ 6× the bare admin request (medians)', value: (r) => ratio(r.performance?.median, r['admin-request']?.median), atMost: 6 },
  { id: 'next-content-vs-admin', text: 'next-content ≤ 10× the bare admin request (medians)', value: (r) => ratio(r['next-content']?.median, r['admin-request']?.median), atMost: 10 },
  { id: 'audit-p95', text: 'audit first page p95 < 100 ms', value: (r) => r['audit-first']?.p95, below: 100 },
  { id: 'csv-memory', text: 'CSV export peak memory growth < 300 MB', value: (r) => r.csv?.rssGrowthMb, below: 300 },
  { id: 'save-p95', text: 'save one entry p95 < 20 ms', value: (r) => r.save?.p95, below: 20 },
  { id: 'ingest-rate', text: 'ingestion ≥ 2,000 events/s', value: (r) => r.ingest?.value, atLeast: 2000 },
  { id: 'boot-overhead', text: 'plugin adds < 150 ms to boot', value: (r) => r['boot-overhead']?.median, below: 150 },
  { id: 'bundle-pages', text: "every page's first load < 200 KB gzip", value: (r) => maxOf(Object.values(r).filter((x) => /^bundle-.*Page$/.test(x.id)).map((x) => x.value)), below: 200 },
];

function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Number((a / b).toFixed(2)) : undefined;
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

module.exports = { TARGETS, checkTargets, ratio };
