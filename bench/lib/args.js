/** Command-line options of `npm run bench`. Pure: unit-tested in tests/unit/bench.test.ts. */
/** Above this many entries a run is "large": the measurements that take minutes there repeat fewer times. */
const LARGE = 200000;

const DEFAULTS = {
  entries: 100000,
  reps: 30,
  warmup: 5,
  bootRuns: 5,
  naiveReps: null,
  csvReps: 3,
  only: null,
  keep: false,
};

const HELP = `Usage: npm run bench -- [options]
  --entries N     entries (documentId x locale) to seed, spread over three types and two locales (default 100000)
  --reps N        timed repetitions per measurement, at least 30 for the published table (default 30;
                  the admin pages in Chromium take a third as many rounds, at most 10, and at most 4 above
                  200,000 entries: each load takes seconds)
  --warmup N      untimed warm-up runs before each measurement (default 5; at most 2 for the admin pages)
  --boot-runs N   pairs of child-process boots, with and without the plugin, interleaved (default 5)
  --naive-reps N  repetitions of the naive baseline, seconds each at 100,000 entries (default 3; 1 above
                  200,000 entries, where one takes minutes)
  --csv-reps N    repetitions of the full CSV export (default 3)
  --only a,b      run only these measurements (ids as printed)
  --keep          keep the seeded database instead of dropping it
The database comes from DATABASE_CLIENT (sqlite, postgres, mysql) and DATABASE_HOST/PORT/USERNAME/PASSWORD.`;

function positiveInt(name, raw, min) {
  const n = Number(raw);
  if (!/^\d+$/.test(String(raw)) || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`--${name} must be an integer of at least ${min}, got "${raw}"`);
  }
  return n;
}

function parseArgs(argv) {
  const options = { ...DEFAULTS };
  const ints = { entries: ['entries', 30], reps: ['reps', 1], warmup: ['warmup', 0], 'boot-runs': ['bootRuns', 1], 'naive-reps': ['naiveReps', 1], 'csv-reps': ['csvReps', 1] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const name = flag.replace(/^--/, '');
    const value = () => {
      if (inline !== undefined) return inline;
      i += 1;
      if (i >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[i];
    };
    if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--keep') options.keep = true;
    else if (ints[name]) options[ints[name][0]] = positiveInt(name, value(), ints[name][1]);
    else if (flag === '--only') options.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else throw new Error(`unknown option ${arg} (see --help)`);
  }
  // The naive matrix takes seconds a run at 100,000 entries and minutes at 1,000,000: one run there, so
  // that a 1,000,000-entry run fits in its 30 minutes.
  if (options.naiveReps === null) options.naiveReps = options.entries > LARGE ? 1 : 3;
  return options;
}

module.exports = { parseArgs, DEFAULTS, HELP, LARGE };
