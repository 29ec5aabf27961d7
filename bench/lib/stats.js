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

/**
 * Runs of two variants in alternating pairs (a, b, b, a, a, b, …): each pair's two runs are next to each
 * other in time, so load on the machine that comes and goes hits both alike, and neither variant always
 * goes first. Returns [{ a, b }] with what `run(variant, i)` resolved to, one item per pair.
 */
async function interleave(pairs, run) {
  const out = [];
  for (let i = 0; i < pairs; i += 1) {
    const order = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    const pair = {};
    for (const v of order) pair[v] = await run(v, i);
    out.push(pair);
  }
  return out;
}

/** The median of the differences a - b within each pair: robust to load that differs between pairs. */
function pairedMedian(pairs) {
  if (!pairs.length) throw new Error('pairedMedian of no pairs');
  return round(percentile(pairs.map(({ a, b }) => a - b), 50));
}

module.exports = { percentile, summarize, round, interleave, pairedMedian };
