import { parseArgs, DEFAULTS } from '../../bench/lib/args';
import { percentile, summarize, interleave, pairedMedian } from '../../bench/lib/stats';
import { ADMIN_PAGES, checkTargets } from '../../bench/lib/targets';
import { chunkGraph, firstLoad } from '../../bench/lib/bundle';
import { expandRows, assertSameCounts } from '../../bench/measurements/cells';
import { planEntries, planTags } from '../../bench/lib/seed';
import { prng } from '../../bench/lib/random';

describe('bench arguments', () => {
  it('defaults to 100,000 entries, 30 repetitions and 5 pairs of boots', () => {
    expect(parseArgs([])).toEqual({ ...DEFAULTS, naiveReps: 3 });
    expect(DEFAULTS).toMatchObject({ entries: 100000, reps: 30, bootRuns: 5 });
  });

  it('runs the naive matrix once above 200,000 entries unless told otherwise', () => {
    expect(parseArgs(['--entries', '200000']).naiveReps).toBe(3);
    expect(parseArgs(['--entries', '1000000']).naiveReps).toBe(1);
    expect(parseArgs(['--entries', '1000000', '--naive-reps', '2']).naiveReps).toBe(2);
  });

  it('reads --entries in both spellings and the other options', () => {
    expect(parseArgs(['--entries', '2000']).entries).toBe(2000);
    expect(parseArgs(['--entries=2000', '--reps', '40', '--warmup=0', '--only', 'coverage, audit', '--keep'])).toMatchObject({
      entries: 2000,
      reps: 40,
      warmup: 0,
      only: ['coverage', 'audit'],
      keep: true,
    });
    expect(parseArgs(['--naive-reps', '1', '--csv-reps', '2', '--boot-runs', '4'])).toMatchObject({ naiveReps: 1, csvReps: 2, bootRuns: 4 });
  });

  it('rejects bad values and unknown options with a message naming them', () => {
    expect(() => parseArgs(['--entries', 'many'])).toThrow(/--entries must be an integer/);
    expect(() => parseArgs(['--entries', '10'])).toThrow(/at least 30/);
    expect(() => parseArgs(['--reps', '0'])).toThrow(/--reps/);
    expect(() => parseArgs(['--entries'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
  });
});

describe('bench statistics', () => {
  it('interpolates percentiles between closest ranks', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 100)).toBe(5);
    expect(percentile(samples, 95)).toBeCloseTo(4.8);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([], 50)).toThrow();
  });

  it('summarizes without reordering the samples', () => {
    const samples = [10, 30, 20];
    expect(summarize(samples)).toEqual({ n: 3, median: 20, p95: 29, min: 10, max: 30 });
    expect(samples).toEqual([10, 30, 20]);
  });

  it('interleaves two variants in pairs, alternating which goes first', async () => {
    const calls: string[] = [];
    const pairs = await interleave(4, async (side: string, i: number) => {
      calls.push(`${side}${i}`);
      return `${side}${i}`;
    });
    expect(calls).toEqual(['a0', 'b0', 'b1', 'a1', 'a2', 'b2', 'b3', 'a3']);
    expect(pairs).toEqual([0, 1, 2, 3].map((i) => ({ a: `a${i}`, b: `b${i}` })));
  });

  it('takes the median of paired differences, which load shared by both runs of a pair cancels out of', () => {
    // The second pair ran under heavy load: the difference of medians would be 950, the paired one is 100.
    const pairs = [{ a: 1100, b: 1000 }, { a: 9100, b: 9050 }, { a: 1200, b: 1000 }];
    expect(pairedMedian(pairs)).toBe(100);
    expect(pairedMedian([{ a: 1, b: 2 }, { a: 4, b: 2 }])).toBe(0.5);
    expect(() => pairedMedian([])).toThrow();
  });
});

describe('bench targets', () => {
  it('checks each target as a ratio to what Strapi itself costs, and leaves missing ones unmeasured', () => {
    const rows = [
      { id: 'admin-request', median: 20 },
      { id: 'coverage', median: 26, p95: 45 },
      { id: 'coverage-locale', median: 30 },
      { id: 'naive', median: 2600 },
      { id: 'audit-first', median: 29 },
      { id: 'csv', median: 3000, rssGrowthMb: 120 },
      { id: 'csv-floor', median: 1000 },
      { id: 'ingest', value: 900 },
      { id: 'noop-route', value: 2000 },
      { id: 'boot-without', median: 4000, cpuMedian: 5000 },
      { id: 'boot-overhead', median: 200 },
      { id: 'boot-cpu-overhead', median: 260 },
      { id: 'bundle-AuditPage', value: 40 },
      { id: 'bundle-SettingsPage', value: 250 },
    ];
    const byId = Object.fromEntries(checkTargets(rows).map((t) => [t.id, t]));
    expect(byId['coverage-vs-admin']).toMatchObject({ value: 1.3, ok: true });
    expect(byId['coverage-locale-vs-admin']).toMatchObject({ value: 1.5, ok: false });
    expect(byId['coverage-vs-naive']).toMatchObject({ value: 100, ok: true });
    expect(byId['audit-first-vs-admin']).toMatchObject({ value: 1.45, ok: true });
    expect(byId['csv-vs-floor']).toMatchObject({ value: 3, ok: false });
    expect(byId['csv-memory']).toMatchObject({ value: 120, ok: false });
    expect(byId['ingest-vs-noop']).toMatchObject({ value: 0.45, ok: false });
    expect(byId['boot-share']).toMatchObject({ value: 5, ok: true });
    expect(byId['boot-cpu-share']).toMatchObject({ value: 5.2, ok: false });
    expect(byId['bundle-pages']).toMatchObject({ value: 250, ok: false });
    expect(byId['save-vs-admin']).toMatchObject({ value: null, ok: null });
  });

  it("checks each plugin admin page against the Content Manager's list view, and leaves the pages unmeasured without it", () => {
    const pages = [
      { id: 'page-cm-list', median: 1000 },
      { id: 'page-content-map', median: 1500 },
      { id: 'page-audit', median: 1510 },
    ];
    const byId = Object.fromEntries(checkTargets(pages).map((t) => [t.id, t]));
    expect(Object.keys(ADMIN_PAGES).map((p) => `page-${p}-vs-list-view`).every((id) => id in byId)).toBe(true);
    expect(byId['page-content-map-vs-list-view']).toMatchObject({ value: 1.5, ok: true });
    expect(byId['page-audit-vs-list-view']).toMatchObject({ value: 1.51, ok: false });
    expect(byId['page-measure-vs-list-view']).toMatchObject({ value: null, ok: null });
    const withoutList = Object.fromEntries(checkTargets(pages.slice(1)).map((t) => [t.id, t]));
    expect(withoutList['page-content-map-vs-list-view']).toMatchObject({ value: null, ok: null });
  });
});

describe('bench admin pages', () => {
  it('takes a third of --reps rounds of page loads, at least one and at most ten', () => {
    const { roundsFor } = require('../../bench/measurements/admin-pages');
    expect([1, 3, 4, 5, 30, 31, 100].map((reps) => roundsFor(reps))).toEqual([1, 1, 2, 2, 10, 10, 10]);
    expect([5, 30].map((reps) => roundsFor(reps, 1000000))).toEqual([2, 4]);
    const { warmupFor } = require('../../bench/measurements/admin-pages');
    expect([warmupFor(5, 100000), warmupFor(5, 1000000), warmupFor(0, 1000000)]).toEqual([2, 1, 0]);
  });
});

describe('bench bundle report', () => {
  const graph = chunkGraph({
    'index.mjs': 'import { a } from "./shared-1.mjs"; export default a;',
    'shared-1.mjs': 'export const a = () => import("./App-x.mjs"); const t = () => import("./en-1.mjs");',
    'App-x.mjs': 'import "./shared-1.mjs"; const P = () => import("./AuditPage-y.mjs");',
    'AuditPage-y.mjs': 'import { b } from "./heavy-2.mjs"; export default b;',
    'heavy-2.mjs': 'export const b = "x".repeat(100);',
    'en-1.mjs': 'export default {};',
  });

  it('separates static and dynamic imports', () => {
    expect(graph['index.mjs'].static).toEqual(['shared-1.mjs']);
    expect(graph['shared-1.mjs'].dynamic).toEqual(['App-x.mjs', 'en-1.mjs']);
    expect(graph['App-x.mjs'].static).toEqual(['shared-1.mjs']);
  });

  it('counts what a page loads: the path from the entry and the static imports of each step', () => {
    const load = firstLoad(graph, 'index.mjs', 'AuditPage-y.mjs', ['en-1.mjs']);
    expect(load.chunks).toEqual(['App-x.mjs', 'AuditPage-y.mjs', 'en-1.mjs', 'heavy-2.mjs', 'index.mjs', 'shared-1.mjs']);
    expect(load.gzip).toBe(load.chunks.reduce((n, c) => n + graph[c].gzip, 0));
    expect(firstLoad(graph, 'index.mjs', 'index.mjs').chunks).toEqual(['index.mjs', 'shared-1.mjs']);
  });
});

describe('bench seed plan and matrix checks', () => {
  it('plans exactly N entries over three types and two locales, about 1.5 distinct-phase tags each', () => {
    const random = prng(1);
    const entries = planEntries(3000, random);
    expect(entries).toHaveLength(3000);
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set([0, 1, 2]));
    expect(new Set(entries.map((e) => e.locale))).toEqual(new Set(['en', 'ja']));
    const journey = { documentId: 'j', phases: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'], personas: ['a', 'b', 'c', 'd', 'e', 'f'] };
    const tags = entries.map((e) => planTags(e, journey, random));
    const average = tags.reduce((n, t) => n + t.length, 0) / entries.length;
    expect(average).toBeGreaterThan(1.4);
    expect(average).toBeLessThan(1.6);
    for (const t of tags) expect(new Set(t.map((x) => x.phase)).size).toBe(t.length);
  });

  it('expands all-persona counts into every persona cell and reports the first disagreement', () => {
    const expanded = expandRows([{ phase: 'p', persona: '', count: 2 }, { phase: 'p', persona: 'a', count: '1' }], ['a', 'b']);
    expect(expanded).toEqual({ 'p|a': 3, 'p|b': 2 });
    expect(() => assertSameCounts({ 'p|a': 3, 'p|b': 2 }, expanded, 'x')).not.toThrow();
    expect(() => assertSameCounts({ 'p|a': 3, 'p|b': 1 }, expanded, 'the floor')).toThrow(/the floor disagrees .* on 1 cells, e.g. p\|b: 2 vs 1/);
  });
});

describe('bench repetitions of slow reads', () => {
  it('keeps the asked repetitions unless one call took over a second, then at most 3 without warm-up', () => {
    const { repsFor } = require('../../bench/lib/timer');
    expect(repsFor(40, { warmup: 5, reps: 30 })).toEqual({ warmup: 5, reps: 30 });
    expect(repsFor(1000, { warmup: 5, reps: 30 })).toEqual({ warmup: 5, reps: 30 });
    expect(repsFor(1001, { warmup: 5, reps: 30 })).toEqual({ warmup: 0, reps: 3 });
    expect(repsFor(9000, { warmup: 1, reps: 2 })).toEqual({ warmup: 0, reps: 2 });
  });
});

describe('bench summary across runs', () => {
  it('puts each target of each run in one table, not-met values in bold', () => {
    const { summaryTable } = require('../../bench/lib/report');
    const run = (database: string, entries: number, coverage: number, ok: boolean) => ({
      database,
      entries,
      machine: { loadavgAtStart: [0.5], loadavgAtEnd: [1.25] },
      seed: { seconds: 24 },
      durationSeconds: 600,
      results: [{ id: 'admin-request', median: 14.25 }],
      targets: [{ id: 'coverage-vs-admin', text: 'coverage ≤ 1.3×', value: coverage, ok }],
    });
    expect(summaryTable([run('sqlite', 100000, 1.2, true), run('postgres', 1000000, 1.5, false)]).split('\n')).toEqual([
      '| target | SQLite, 100,000 | PostgreSQL, 1,000,000 |',
      '|---|---:|---:|',
      '| reference: GET /settings median | 14.3 ms | 14.3 ms |',
      '| coverage ≤ 1.3× | 1.20 | **1.50 no** |',
      '| load average, 1 min (start → end) | 0.5 → 1.25 | 0.5 → 1.25 |',
      '| seed (s) | 24 | 24 |',
      '| whole run (min) | 10.0 | 10.0 |',
    ]);
  });
});
