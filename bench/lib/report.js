/** The printed table (Markdown, so it pastes into the README) and the results file. */
const fs = require('fs');
const os = require('os');
const path = require('path');

const fmt = (n) => (n === null || n === undefined ? '' : Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

const loadavg = () => os.loadavg().map((n) => Number(n.toFixed(2)));

function note(r) {
  const bits = [];
  if (r.rows !== undefined) bits.push(r.megabytes !== undefined ? `${r.rows} rows, ${r.megabytes} MB` : `${r.rows} rows${r.tags !== undefined ? `, ${r.tags} tags` : ''}`);
  if (r.eventsPerSecond !== undefined) bits.push(`${r.eventsPerSecond} events/s`);
  if (r.rssPeakMb !== undefined) bits.push(`RSS ${r.rssBaselineMb} → peak ${r.rssPeakMb} MB (+${r.rssGrowthMb})`);
  if (r.total !== undefined) bits.push(`${r.total} entries`);
  if (r.cells !== undefined) bits.push(`${r.cells} cells`);
  if (r.ownKb !== undefined) bits.push(`page chunk ${r.ownKb} KB`);
  if (r.totalKb !== undefined) bits.push(`all ${r.chunks} chunks ${r.totalKb} KB`);
  if (r.vsAdminRequest !== undefined) bits.push(`${r.vsAdminRequest}× the bare admin request`);
  if (r.tagged !== undefined) bits.push(`${r.tagged} tagged entries indexed`);
  if (r.vsListView !== undefined) bits.push(`${r.vsListView}× the list view`);
  if (r.afterStartUp !== undefined) bits.push(`${fmt(r.afterStartUp)} ms after the admin's start-up`);
  if (r.shown !== undefined) bits.push(`${r.shown} shown`);
  return bits.join('; ');
}

function table(rows, targets) {
  const lines = ['| measurement | median | p95 | n | notes |', '|---|---:|---:|---:|---|'];
  for (const r of rows) {
    const unit = r.unit ?? 'ms';
    const median = r.value !== undefined ? `${fmt(r.value)} ${unit}` : `${fmt(r.median)} ${unit}`;
    lines.push(`| ${r.label} | ${median} | ${r.p95 === null || r.p95 === undefined ? '' : `${fmt(r.p95)} ${unit}`} | ${r.n ?? ''} | ${note(r)} |`);
  }
  lines.push('', '| target | measured | met |', '|---|---:|---|');
  for (const t of targets) lines.push(`| ${t.text} | ${t.value === null ? 'not measured' : fmt(t.value)} | ${t.ok === null ? '–' : t.ok ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}

function writeResults(result) {
  const dir = path.resolve(__dirname, '..', 'results');
  fs.mkdirSync(dir, { recursive: true });
  // A partial run (--only) never replaces the file of a whole run at the same size.
  const partial = result.options?.only ? `-only-${result.options.only.join('-')}` : '';
  const file = path.join(dir, `${result.database}-${result.entries}${partial}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

module.exports = { machine, loadavg, table, writeResults };
