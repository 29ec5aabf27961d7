#!/usr/bin/env node
/**
 * `node bench/summary.js bench/results/sqlite-100000.json bench/results/postgres-100000.json …`: one
 * Markdown table of every target across runs (each target's ratio, **bold** when not met), then each
 * run's database, size, load and duration — what bench/README.md's "Latest results" shows.
 */
const fs = require('fs');
const path = require('path');
const { summaryTable } = require('./lib/report');

const files = process.argv.slice(2);
if (!files.length) {
  console.error('Usage: node bench/summary.js <results.json>…');
  process.exit(2);
}
const runs = files.map((file) => ({ file: path.basename(file), ...JSON.parse(fs.readFileSync(file, 'utf8')) }));
console.log(summaryTable(runs));
