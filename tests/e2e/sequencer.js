const Sequencer = require('@jest/test-sequencer').default;

/**
 * The browser tests share one playground database, and some of them change the demo journey (the audit
 * test tags entries into the gaps the content-map test starts from; the measure test enters KPI values).
 * They run in this fixed order, so each sees the demo as the one before it left it; other suites keep
 * Jest's own order.
 */
const E2E_ORDER = ['smoke', 'maps', 'tagging', 'audit', 'measure'];
const rank = (path) => {
  const name = path.replace(/^.*[\\/]/, '').replace(/\.test\.ts$/, '');
  const i = E2E_ORDER.indexOf(name);
  return i === -1 ? E2E_ORDER.length : i;
};

class JourneyMapSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const e2e = sorted.filter((t) => /[\\/]tests[\\/]e2e[\\/]/.test(t.path)).sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
    const others = sorted.filter((t) => !/[\\/]tests[\\/]e2e[\\/]/.test(t.path));
    return [...others, ...e2e];
  }
}

module.exports = JourneyMapSequencer;
