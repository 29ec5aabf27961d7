/** Summary statistics of timing samples. Pure: unit-tested in tests/unit/bench.test.ts. */

/** The p-th percentile (0..100) by linear interpolation between closest ranks (as numpy's default). */
function percentile(samples, p) {
  if (!samples.length) throw new Error('percentile of no samples');
  if (p < 0 || p > 100) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

const round = (n, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n);

function summarize(samples) {
  return {
    n: samples.length,
    median: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}

module.exports = { percentile, summarize, round };
