/**
 * The admin pages in Chromium, on the production admin build the bench's Strapi serves: for the Content
 * Manager's list view of articles and each plugin page, the time from navigation start until the page's
 * data is on screen (an element that exists only once the data has rendered, not the shell or a loader).
 * Each repetition loads every page once, in an order that rotates, so load on the machine hits all pages
 * alike; the targets are each plugin page's median as a ratio to the list view's.
 *
 * Every load is a full navigation (`page.goto`, from about:blank) in one tab, logged in once through the
 * login form: the admin starts up each time (its bundle from the browser's cache), as when a link or a
 * bookmark is opened. That start-up is the same on every page and most of each time; each row also gives
 * the page's own part, from the end of the start-up to the data on screen.
 * The moment is taken in the page (`performance.now()`, whose origin is the navigation's start) by a
 * MutationObserver installed before the admin's scripts run, so no round trip to this process is timed.
 */
/* global window, document, location, MutationObserver -- watchForData and loadedUntilVisible run in the page */
const fs = require('fs');
const { summarize, round } = require('../lib/stats');
const { ratio } = require('../lib/targets');
const { BENCH_ADMIN } = require('../lib/strapi');
const { LARGE } = require('../lib/args');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/**
 * A round is eight full page loads of seconds each: a third of --reps rounds (30 → 10, CI's 5 → 2), at
 * most 10, and at most 2 warm-up rounds, so that the small run in CI stays within about two minutes. Above
 * 200,000 entries (where the list view alone counts and sorts every entry) at most 4 rounds after one
 * warm-up, so that a 1,000,000-entry run fits in its 30 minutes.
 */
const MAX_REPS = 10;
const MAX_WARMUP = 2;
const MAX_LARGE_REPS = 4;
const roundsFor = (reps, entries = 0) => Math.min(entries > LARGE ? MAX_LARGE_REPS : MAX_REPS, Math.max(1, Math.ceil(reps / 3)));
const warmupFor = (warmup, entries = 0) => Math.min(warmup, entries > LARGE ? 1 : MAX_WARMUP);
const TIMEOUT = 60000;

const PLUGIN = '/admin/plugins/journey-map';
/**
 * `selector`: appears only once the page's data has rendered; `count`: what the page must then show
 * (checked on every load, so a page that renders the wrong thing fails the run instead of timing it).
 */
const PAGES = [
  {
    id: 'page-cm-list',
    label: "Content Manager's list view of articles",
    path: '/admin/content-manager/collection-types/api::article.article',
    // an entry's link in the id column: the loading and empty states have no such row
    selector: 'table tbody tr td[aria-colindex="2"] a',
    rows: 'table tbody tr',
  },
  { id: 'page-journey-map', label: 'journey map', path: PLUGIN, selector: '[data-testid="journey-map"] [data-cell-state]', rows: '[data-testid="journey-map"] [data-cell-state]' },
  { id: 'page-content-map', label: 'content map', path: `${PLUGIN}/content-map`, selector: '[data-testid="heatmap"] [data-cell]', rows: '[data-testid="heatmap"] [data-cell]' },
  { id: 'page-next-content', label: 'what to write next', path: `${PLUGIN}/next-content`, selector: '[data-testid="next-item"], [data-testid="next-empty"]' },
  { id: 'page-audit', label: 'audit', path: `${PLUGIN}/audit`, selector: 'table tbody tr a', rows: 'table tbody tr' },
  { id: 'page-measure', label: 'measure', path: `${PLUGIN}/measure`, selector: '[data-testid="measured-gaps"], [data-testid="measured-gaps-empty"]' },
  { id: 'page-content-types', label: 'content types', path: `${PLUGIN}/content-types`, selector: 'table tbody tr', rows: 'table tbody tr' },
  { id: 'page-settings', label: 'settings', path: '/admin/settings/journey-map', selector: 'main button[role="checkbox"]', rows: 'main button[role="checkbox"]' },
];
const REFERENCE = 'page-cm-list';

/** Why the measurement cannot run here, or null. */
function skipReason() {
  if (!fs.existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed';
  }
  return null;
}

/** Installed in every document before its scripts: notes when the current page's selector first matches. */
function watchForData(pages) {
  const page = pages.find((p) => location.pathname === p.path || location.pathname === `${p.path}/`);
  if (!page) return;
  const found = () => {
    if (window.__benchVisibleAt !== undefined || !document.querySelector(page.selector)) return false;
    window.__benchVisibleAt = performance.now();
    return true;
  };
  const observer = new MutationObserver(() => found() && observer.disconnect());
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

/** What the page loaded until its data showed, from the browser's resource timings (ms from navigation start). */
function loadedUntilVisible() {
  const until = window.__benchVisibleAt;
  const entries = performance.getEntriesByType('resource').filter((e) => e.startTime <= until);
  const api = entries
    .filter((e) => e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest')
    .map((e) => ({ url: e.name.replace(location.origin, ''), start: Math.round(e.startTime), end: Math.round(e.responseEnd) }));
  const scripts = entries.filter((e) => e.initiatorType === 'script' || /\.m?js(\?|$)/.test(e.name));
  // every script until then, by file name: lazy chunks fetched one after another show here
  const chunks = scripts.map((e) => ({ file: e.name.split('/').pop(), start: Math.round(e.startTime), end: Math.round(e.responseEnd) }));
  const nav = performance.getEntriesByType('navigation')[0];
  // The plugin's initializer holds the admin's routes until its tracked types have loaded: the end of that
  // request is where every page's own work starts (the start-up before it is the same on every page).
  const started = entries.find((e) => e.name.includes('/journey-map/tracked-types'));
  return {
    visibleAt: until,
    afterStartUp: started ? until - started.responseEnd : null,
    domContentLoaded: nav ? Math.round(nav.domContentLoadedEventEnd) : null,
    api,
    scripts: scripts.length,
    chunks,
    scriptsEnd: Math.round(Math.max(0, ...scripts.map((e) => e.responseEnd))),
    scriptKb: Math.round(scripts.reduce((n, e) => n + (e.decodedBodySize || 0), 0) / 1024),
  };
}

async function load(page, baseUrl, spec) {
  // From a blank page: a navigation's clock starts before the previous document unloads, so without this
  // each page would also pay for leaving whichever page came before it.
  await page.goto('about:blank');
  await page.goto(baseUrl + spec.path, { waitUntil: 'commit', timeout: TIMEOUT });
  try {
    await page.waitForFunction(() => window.__benchVisibleAt !== undefined, null, { timeout: TIMEOUT, polling: 50 });
  } catch (error) {
    const text = await page.innerText('main').catch(() => page.innerText('body').catch(() => ''));
    throw new Error(`${spec.label} (${spec.path}): no "${spec.selector}" within ${TIMEOUT / 1000} s; the page reads: ${text.slice(0, 1500)}`, { cause: error });
  }
  const detail = await page.evaluate(loadedUntilVisible);
  detail.rows = spec.rows ? await page.locator(spec.rows).count() : undefined;
  return detail;
}

async function login(page, baseUrl) {
  await page.goto(`${baseUrl}/admin/auth/login`, { timeout: TIMEOUT });
  await page.getByLabel(/email/i).fill(BENCH_ADMIN.email);
  await page.getByLabel(/password/i).fill(BENCH_ADMIN.password);
  await page.getByRole('button', { name: /login/i }).click();
  await page.waitForURL(/\/admin(\/)?$/, { timeout: TIMEOUT });
}

module.exports = {
  id: 'admin-pages',
  roundsFor,
  warmupFor,
  needsAdminBuild: true,
  PAGES,
  skipReason,
  async run({ baseUrl, options, log }) {
    const { chromium } = require('playwright-core');
    const reps = roundsFor(options.reps, options.entries);
    const warmup = warmupFor(options.warmup, options.entries);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
      const page = await context.newPage();
      const failures = [];
      page.on('response', (res) => {
        if (res.status() >= 400 && /\/(journey-map|content-manager)\//.test(res.url())) failures.push(`${res.status()} ${res.url()}`);
      });
      await page.addInitScript(watchForData, PAGES.map(({ path, selector }) => ({ path, selector })));
      await login(page, baseUrl);

      const samples = Object.fromEntries(PAGES.map((p) => [p.id, []]));
      const ownPart = Object.fromEntries(PAGES.map((p) => [p.id, []]));
      const last = {};
      for (let round_ = 0; round_ < warmup + reps; round_ += 1) {
        // rotate the order each round: no page always comes first, after the same page, or last
        const order = PAGES.map((_, i) => PAGES[(i + round_) % PAGES.length]);
        for (const spec of order) {
          const detail = await load(page, baseUrl, spec);
          if (spec.rows && !detail.rows) throw new Error(`${spec.label}: "${spec.rows}" matched nothing once the data showed`);
          if (round_ >= warmup) {
            samples[spec.id].push(detail.visibleAt);
            if (detail.afterStartUp !== null) ownPart[spec.id].push(detail.afterStartUp);
          }
          last[spec.id] = detail;
        }
        log(`admin pages: ${round_ < warmup ? 'warm-up' : 'round'} ${round_ < warmup ? round_ + 1 : round_ - warmup + 1} done`);
      }
      if (failures.length) throw new Error(`admin pages: failed requests: ${[...new Set(failures)].join(', ')}`);

      const reference = summarize(samples[REFERENCE]);
      return PAGES.map((spec) => {
        const stats = spec.id === REFERENCE ? reference : summarize(samples[spec.id]);
        const d = last[spec.id];
        return {
          id: spec.id,
          label: `admin page in Chromium: ${spec.label}`,
          ...stats,
          samples: samples[spec.id].map((n) => round(n)),
          ...(spec.id === REFERENCE ? {} : { vsListView: ratio(stats.median, reference.median) }),
          // the page's own part, after the admin's start-up (median): what the shared start-up dilutes in the ratio
          afterStartUp: ownPart[spec.id].length ? summarize(ownPart[spec.id]).median : undefined,
          shown: d.rows,
          apiRequests: d.api.length,
          // the last load's waterfall until the data showed, to see requests made one after another
          waterfall: d.api,
          chunks: d.chunks,
          domContentLoaded: d.domContentLoaded,
          scripts: d.scripts,
          scriptsEnd: d.scriptsEnd,
          scriptKb: d.scriptKb,
        };
      });
    } finally {
      await browser.close();
    }
  },
};
