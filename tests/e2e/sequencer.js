const Sequencer = require('@jest/test-sequencer').default;

/**
 * The browser tests share one playground database and start from the demo's gaps (Advocacy has no fresh
 * content). The map and audit tests undo what they tag; the listing test tags nothing and reads
 * Advocacy's gap; the tagging test tags Advocacy for good, so it runs after them; the measure test enters KPI values, so it runs last. Other suites keep Jest's order.
 */
const E2E_ORDER = ['smoke', 'maps', 'audit', 'listing', 'tagging', 'measure'];
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
