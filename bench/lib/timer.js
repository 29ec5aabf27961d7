const { performance } = require('perf_hooks');
const { summarize } = require('./stats');

/** Runs `fn` `warmup` times untimed, then `reps` times timed (sequentially); returns the summary and samples. */
async function measure(fn, { warmup, reps }) {
  for (let i = 0; i < warmup; i += 1) await fn(i);
  const samples = [];
  for (let i = 0; i < reps; i += 1) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return { ...summarize(samples), samples: samples.map((s) => Number(s.toFixed(3))) };
}

/**
 * The repetitions for a request whose checked first call took `firstMs`: as asked, unless one call takes
 * seconds — then no warm-up (the first call was it) and at most 3 timed calls, so that one slow read
 * cannot take a run past its time (30 × 10 s is five minutes). Such a read misses its target by far;
 * three samples tell that as well as thirty.
 */
const SLOW_MS = 1000;
function repsFor(firstMs, { warmup, reps }) {
  return firstMs > SLOW_MS ? { warmup: 0, reps: Math.min(reps, 3) } : { warmup, reps };
}

/** Calls `fn` once and returns its result and how long it took, in ms. */
async function timed(fn) {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

module.exports = { measure, repsFor, timed, SLOW_MS };
