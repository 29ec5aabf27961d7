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

module.exports = { measure };
