const Sequencer = require('@jest/test-sequencer').default;

/**
 * The browser tests share one playground database and start from the demo's gaps (Advocacy has no fresh
 * content). The map and audit tests undo what they tag; the listing test tags nothing and reads
 * Advocacy's gap; the history test reads the demo's seeded history (Advocacy a gap), so it runs early; the tagging test tags Advocacy for good, so it runs after them; the measure test enters KPI values, so it runs after that. The
 * accessibility tests follow the pages they check: a11y-maps right after maps (it drafts for a gap and
 * deletes the draft, and moves a phase and back), a11y-audit after them (it tags and untags, and enters the KPI
 * value the measure test entered), next-content before tagging (it ranks the demo's Advocacy gaps, which the
 * tagging test closes for good; it publishes a draft for a gap and deletes it). The
 * history, performance-view and suggestions tests run right after smoke: they read the demo as seeded (performance-view
 * counts the demo's unread entries, which tagging would change) (suggestions untags
 * what it tags and restores the settings); publish-checks deletes its draft and turns its check off again.
 * home-widget reads the demo as seeded too (it adds a second journey and deletes it, and adds two roles).
 * Other suites keep Jest's order.
 */
const E2E_ORDER = ['smoke', 'history', 'performance-view', 'suggestions', 'home-widget', 'maps', 'a11y-maps', 'audit', 'listing', 'next-content', 'tagging', 'publish-checks', 'measure', 'a11y-audit'];
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
