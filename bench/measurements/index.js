/**
 * The measurements, in the order they run. Each module exports `{ id, run(ctx) }` and returns one result
 * row or several (`{ id, label, median, p95, n, … }` in ms, or `{ id, label, unit, value }`); rows are
 * checked against lib/targets.js. Adding a measurement is adding a module here (and its target there).
 * `needsStrapi: false` modules also run when the bench is asked for them alone; `needsAdminBuild` ones get
 * the playground's production admin build (lib/admin-build.js); `skipReason()` says why a module cannot
 * run on this machine (it is then left out of the run, saying so).
 */
module.exports = [
  require('./admin-request'),
  require('./coverage'),
  require('./history'),
  require('./performance'),
  require('./next-content'),
  require('./naive'),
  require('./sql-floor'),
  require('./audit'),
  require('./csv'),
  require('./csv-floor'),
  require('./save'),
  require('./suggestions'),
  require('./ingest'),
  require('./imports'),
  require('./migrate'),
  require('./admin-pages'),
  require('./boot'),
  require('./bundle'),
];
