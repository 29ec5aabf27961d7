#!/usr/bin/env node
/**
 * `npm run bench`: seeds a fresh playground database with N entries and times coverage, the naive
 * baseline, the SQL floor, audit, CSV export, saving tags, boot and the admin bundle. Prints a table,
 * writes bench/results/<database>-<entries>.json and exits non-zero when anything throws.
 */
const { performance } = require('perf_hooks');
const { parseArgs, HELP } = require('./lib/args');
const { createDatabase, databaseClient } = require('./lib/database');
const { compilePlayground, bootStrapi, adminClient } = require('./lib/strapi');
const { ensureAdminBuild } = require('./lib/admin-build');
const { seedJourney, seedContent, ensureJapanese } = require('./lib/seed');
const { checkTargets } = require('./lib/targets');
const { machine, loadavg, table, writeResults } = require('./lib/report');
const MEASUREMENTS = require('./measurements');

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const seconds = (since) => Number(((performance.now() - since) / 1000).toFixed(1));

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) return console.log(HELP);
  const started = performance.now();
  const client = databaseClient();
  const asked = MEASUREMENTS.filter((m) => (options.only ? options.only.includes(m.id) : !m.onlyWhenAsked));
  if (!asked.length) throw new Error(`--only matches no measurement (ids: ${MEASUREMENTS.map((m) => m.id).join(', ')})`);
  // A measurement that cannot run on this machine (e.g. no Chromium) is left out, saying why.
  const skipped = asked.map((m) => ({ id: m.id, reason: m.skipReason?.() ?? null })).filter((s) => s.reason);
  for (const s of skipped) log(`skipping ${s.id}: ${s.reason}`);
  const selected = asked.filter((m) => !skipped.some((s) => s.id === m.id));
  const info = { ...machine(), loadavgAtStart: loadavg() };
  log(`${client}, ${options.entries} entries, ${options.reps} reps; ${info.cores} × ${info.cpuModel}; load ${info.loadavgAtStart.join(' ')}`);

  const rows = [];
  const seed = {};
  const needsStrapi = selected.some((m) => m.needsStrapi !== false);
  const needsAdminBuild = selected.some((m) => m.needsAdminBuild);
  let adminBuild = null;
  let db;
  let app;
  try {
    if (needsAdminBuild) adminBuild = ensureAdminBuild(log);
    if (needsStrapi) {
      log('compiling the playground');
      await compilePlayground();
      db = await createDatabase('main');
      let t = performance.now();
      // (the playground serves the admin by default; said here so that an environment cannot turn it off)
      // The suggestion models are built below, after the seed, not by the boot's timer: that build, 5 s
      // after boot, otherwise lands in whichever measurement runs then and stalls it for seconds.
      app = await bootStrapi(db.env, { JOURNEY_MAP_SUGGESTIONS_AFTER_BOOT_MS: '3600000', ...(needsAdminBuild ? { SERVE_ADMIN_PANEL: 'true' } : {}) });
      log(`Strapi up in ${seconds(t)} s at ${app.baseUrl}`);
      const api = await adminClient(app.baseUrl);
      t = performance.now();
      await ensureJapanese(app.strapi);
      const journey = await seedJourney(api);
      Object.assign(seed, await seedContent(app.strapi, journey, options.entries, log));
      seed.seconds = seconds(t);
      log(`seeded ${seed.entries} entries (${seed.contentRows} rows) and ${seed.tags} tags in ${seed.seconds} s`);
      // PostgreSQL's autovacuum analyses tables within a minute or so of a bulk load; a site is measured
      // in that steady state, not in the seconds after the seed when the planner still has no statistics.
      if (client === 'postgres') await app.strapi.db.connection.raw('analyze');
      // As on a running site, the models exist before anything is timed (and no build is still pending).
      t = performance.now();
      const suggestions = app.strapi.plugin('journey-map').service('suggestions');
      await suggestions.settled();
      await suggestions.rebuildAll();
      log(`suggestion models built in ${seconds(t)} s`);
      // The seed's rows (hundreds of MB) are garbage now: collect them before timing anything.
      if (global.gc) global.gc();
      var ctx = { strapi: app.strapi, api, baseUrl: app.baseUrl, journey, seeded: seed, options, client, log };
    }
    for (const m of selected) {
      const t = performance.now();
      log(`${m.id}…`);
      const result = await m.run(ctx ?? { options, client, log });
      rows.push(...[].concat(result));
      log(`${m.id} done in ${seconds(t)} s`);
    }
  } finally {
    if (app) await app.stop().catch((e) => log(`stopping Strapi: ${e.message}`));
    if (db && !options.keep) await db.drop();
    else if (db) log(`kept the database: ${JSON.stringify(db.env)}`);
  }

  const targets = checkTargets(rows);
  const result = {
    date: new Date().toISOString(),
    database: client,
    entries: options.entries,
    options,
    machine: { ...info, loadavgAtEnd: loadavg() },
    seed,
    skipped,
    adminBuild,
    durationSeconds: seconds(started),
    results: rows,
    targets,
  };
  const file = writeResults(result);
  console.log(`\n${client}, ${options.entries} entries — ${info.cores} cores (${info.cpuModel}), load ${info.loadavgAtStart.join(' ')} → ${result.machine.loadavgAtEnd.join(' ')}, ${result.durationSeconds} s\n`);
  console.log(table(rows, targets));
  for (const s of skipped) console.log(`\nnot measured: ${s.id} (${s.reason})`);
  console.log(`\nwritten to ${file}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[bench] failed: ${error.stack || error}${error.cause ? `\ncause: ${error.cause.stack || error.cause}` : ''}`);
    process.exit(1);
  }
);
