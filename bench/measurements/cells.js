/** Cell counts of a coverage matrix, keyed "phase|persona", for comparing the three ways of computing it. */
const cellCounts = (coverage) => Object.fromEntries(coverage.cells.map((c) => [`${c.phase}|${c.persona}`, c.count]));

/** Expands per-(phase, persona-or-'') counts into every persona's cell, as the plugin counts them. */
function expandRows(rows, personas) {
  const out = {};
  for (const r of rows) {
    const targets = r.persona ? [r.persona] : personas;
    for (const p of targets) out[`${r.phase}|${p}`] = (out[`${r.phase}|${p}`] ?? 0) + Number(r.count);
  }
  return out;
}

/** Throws when two matrices disagree on any cell (a benchmark of wrong numbers is worthless). */
function assertSameCounts(expected, actual, what) {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const diff = [...keys].filter((k) => (expected[k] ?? 0) !== (actual[k] ?? 0));
  if (diff.length) {
    const k = diff[0];
    throw new Error(`${what} disagrees with GET /coverage on ${diff.length} cells, e.g. ${k}: ${actual[k] ?? 0} vs ${expected[k] ?? 0}`);
  }
}

module.exports = { cellCounts, expandRows, assertSameCounts };
