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

const DATABASES = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MariaDB/MySQL' };
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * One table of every target across runs (results files' contents): a column per run, each target's value
 * (**bold** with "no" when not met), the bare admin request's median the ratios are to, then each run's
 * load average (start → end) and duration.
 */
function summaryTable(runs) {
  const head = runs.map((r) => `${DATABASES[r.database] ?? r.database}, ${thousands(r.entries)}`);
  const lines = [`| target | ${head.join(' | ')} |`, `|---|${runs.map(() => '---:').join('|')}|`];
  const byId = runs.map((r) => Object.fromEntries(r.results.map((x) => [x.id, x])));
  lines.push(`| reference: GET /settings median | ${byId.map((b) => (b['admin-request'] ? `${fmt(b['admin-request'].median)} ms` : '')).join(' | ')} |`);
  const ids = [...new Set(runs.flatMap((r) => r.targets.map((t) => t.id)))];
  for (const id of ids) {
    const text = runs.map((r) => r.targets.find((t) => t.id === id)).find(Boolean).text;
    const cells = runs.map((r) => {
      const t = r.targets.find((x) => x.id === id);
      if (!t || t.value === null) return '–';
      return t.ok ? `${fmt(t.value)}` : `**${fmt(t.value)} no**`;
    });
    lines.push(`| ${text} | ${cells.join(' | ')} |`);
  }
  const load = (r) => `${r.machine.loadavgAtStart[0]} → ${r.machine.loadavgAtEnd[0]}`;
  lines.push(`| load average, 1 min (start → end) | ${runs.map(load).join(' | ')} |`);
  lines.push(`| seed (s) | ${runs.map((r) => (r.seed?.seconds !== undefined ? fmt(r.seed.seconds) : '')).join(' | ')} |`);
  lines.push(`| whole run (min) | ${runs.map((r) => (r.durationSeconds / 60).toFixed(1)).join(' | ')} |`);
  return lines.join('\n');
}

module.exports = { machine, loadavg, table, writeResults, summaryTable };
