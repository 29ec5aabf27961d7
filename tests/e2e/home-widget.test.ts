import type { Browser, Locator, Page } from 'playwright-core';
import { axeViolations } from './axe';
import { BASE_URL, adminCall, adminJson, createAdmin, ensureSuperAdmin, login, newPage, screenshot, withBrowser, withFailureScreenshot } from './browser';

/**
 * Journey Map's widget on Strapi's home page, on the demo: the journey's gaps and thin cells, its KPIs off
 * track and the first cells of "What to write next", as the plugin's own routes report them; each links to
 * its cell, its KPI card or its brief. A second journey brings a picker whose choice the browser remembers
 * (the journey is deleted again). Shown to a role with the plugin's read action only.
 */

const DEMO = 'smartphone-repair';
const HOME = `${BASE_URL}/admin`;
const WIDGET_UID = 'plugin::journey-map.journey-overview';
const SHOWN = 3;

const widgetOf = (page: Page) => page.locator(`section[aria-labelledby="${WIDGET_UID}"]`);


const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;
const entries = (count: number, min: number) => `${count} of ${plural(min, 'entry', 'entries')}`;
const SECTION = `section[aria-labelledby="${WIDGET_UID}"]`;

/**
 * axe on the widget: none in what the plugin draws (the widget's body), and none in the frame Strapi draws
 * around it but the contrast of its title, which Strapi writes in neutral500 (3.18:1) on every widget of
 * the home page, its own profile widget included.
 */
async function widgetAxe(page: Page) {
  // in view: axe leaves the contrast of what is off screen undecided
  await page.locator(SECTION).scrollIntoViewIfNeeded();
  expect(await axeViolations(page, `${SECTION} main`)).toEqual([]);
  const strapiTitle = (v: string, uid: string) => v.startsWith('serious color-contrast') && v.includes(` at #${uid.replace(/([:.])/g, '\\$1')}: `);
  const frame = await axeViolations(page, SECTION);
  expect(frame.filter((v) => !strapiTitle(v, WIDGET_UID))).toEqual([]);
  expect(frame.length).toBe(1);
  await page.locator('section[aria-labelledby="plugin::admin.profile-info"]').scrollIntoViewIfNeeded();
  const profile = await axeViolations(page, 'section[aria-labelledby="plugin::admin.profile-info"]');
  expect(profile.filter((v) => strapiTitle(v, 'plugin::admin.profile-info')).length).toBe(1);
}
const who = (persona: { name: string } | null | undefined) => persona?.name ?? 'All personas';

/** What the widget should list, read from the plugin's admin routes (the same ones the pages read). */
async function expected(token: string, journey: string) {
  const coverage = (await adminJson(token, `/journey-map/coverage?journey=${journey}`)).data;
  const kpis = (await adminJson(token, `/journey-map/measure/kpis?journey=${journey}`)).data;
  const next = (await adminJson(token, `/journey-map/next-content?journey=${journey}`)).data;
  const phases = [...coverage.phases].sort((a: any, b: any) => a.position - b.position);
  const personas = [null, ...coverage.personas];
  // gaps first, then thin cells; each in journey order (phase, then persona)
  const open = ['gap', 'thin'].flatMap((state) =>
    phases.flatMap((phase: any) =>
      personas.flatMap((persona: any) => {
        const cell = coverage.cells.find((c: any) => c.phase === phase.documentId && c.persona === (persona?.documentId ?? null) && c.state === state);
        return cell ? [{ cell, phase, persona, name: `${phase.name} × ${who(persona)}` }] : [];
      })
    )
  );
  const off = kpis.filter((k: any) => k.status === 'offTrack');
  return { coverage, open, off, next };
}

async function items(list: Locator) {
  const out: Array<{ link: string; text: string }> = [];
  for (let i = 0; i < (await list.count()); i++) {
    const item = list.nth(i);
    out.push({ link: String(await item.getByRole('link').textContent()), text: String(await item.textContent()) });
  }
  return out;
}

async function openHome(page: Page) {
  await page.goto(HOME);
  const widget = widgetOf(page);
  await widget.getByTestId('journey-map-widget').waitFor({ timeout: 60000 });
  await widget.getByTestId('widget-next').first().or(widget.getByText('Nothing to write')).first().waitFor();
  return widget;
}

describe('home page widget (browser)', () => {
  let browser: Browser;
  let token: string;
  withBrowser((opened, superToken) => {
    browser = opened;
    token = superToken;
  });

  it('shows the demo journey’s gaps and thin cells, KPIs off track and what to write next, and passes axe', async () => {
    const admin = await ensureSuperAdmin();
    const journeys = (await adminJson(token, '/journey-map/journeys')).data;
    expect(journeys.map((j: any) => j.slug)).toEqual([DEMO]);
    const { coverage, open, off, next } = await expected(token, DEMO);
    // the demo has gaps to show, and ranks them
    expect(coverage.totals.gap).toBeGreaterThan(0);
    expect(open.length).toBe(coverage.totals.gap + coverage.totals.thin);
    expect(next.items.length).toBe(open.length);

    for (const width of [1280, 1920]) {
      const { page, consoleErrors } = await newPage(browser, width, width === 1280 ? 900 : 1080);
      await withFailureScreenshot(page, `home-widget-${width}`, async () => {
        await login(page, admin.email, admin.password);
        const widget = await openHome(page);
        expect(await widget.getByRole('heading', { level: 2 }).textContent()).toBe('Journey Map');
        // one journey: no picker
        expect(await widget.getByRole('combobox').count()).toBe(0);

        const cells = widget.getByTestId('journey-map-widget-cells');
        expect(await cells.getByTestId('journey-map-widget-cells-count').textContent()).toBe(
          `${plural(coverage.totals.gap, 'gap', 'gaps')}, ${plural(coverage.totals.thin, 'thin cell', 'thin cells')}`
        );
        expect(await items(cells.getByTestId('widget-cell'))).toEqual(
          open.slice(0, SHOWN).map((o) => ({
            link: o.name,
            text: `${o.cell.state === 'gap' ? 'Gap' : 'Thin'}${o.name}${entries(o.cell.count, o.phase.min)}`,
          }))
        );

        const kpis = widget.getByTestId('journey-map-widget-kpis');
        expect(await kpis.getByTestId('journey-map-widget-kpis-count').textContent()).toBe(off.length === 0 ? 'none' : plural(off.length, 'CTA', 'CTAs'));
        expect((await items(kpis.getByTestId('widget-kpi'))).map((k) => k.link)).toEqual(off.slice(0, SHOWN).map((k: any) => k.cta.label));
        for (const item of await items(kpis.getByTestId('widget-kpi'))) expect(item.text.startsWith('Off track')).toBe(true);

        const ranked = widget.getByTestId('journey-map-widget-next');
        expect(await ranked.getByTestId('journey-map-widget-next-count').textContent()).toBe(`first ${Math.min(SHOWN, next.items.length)}`);
        expect(await items(ranked.getByTestId('widget-next'))).toEqual(
          next.items.slice(0, SHOWN).map((item: any, i: number) => {
            const name = `${item.phase.name} × ${who(item.persona)}`;
            return { link: name, text: `${i + 1}.${name}${item.state === 'gap' ? 'Gap' : 'Thin'} · ${entries(item.count, item.min)}` };
          })
        );
        // the header's link to the content map
        expect(await widget.getByRole('link', { name: 'Open the content map' }).count()).toBe(1);

        await widgetAxe(page);
        await widget.scrollIntoViewIfNeeded();
        await screenshot(page, `home-widget-${width}`);
      });
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    }
  });

  it('links open the cell on the content map, the KPI card on Measure and the cell’s brief', async () => {
    const admin = await ensureSuperAdmin();
    const { open, off, next } = await expected(token, DEMO);
    expect(off.length).toBeGreaterThan(0);
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'home-widget-links', async () => {
      await login(page, admin.email, admin.password);

      // a gap: the content map of the journey, with that cell's dialog open
      let widget = await openHome(page);
      await widget.getByTestId('widget-cell').first().getByRole('link').click();
      await page.waitForURL(/\/admin\/plugins\/journey-map\/content-map\?/);
      const cellDialog = page.getByRole('dialog');
      await cellDialog.waitFor();
      expect(await cellDialog.getByRole('heading', { name: open[0].name }).count()).toBe(1);
      expect(new URL(page.url()).searchParams.get('journey')).toBe(DEMO);
      // the link's cell left the address (closing the dialog stays closed)
      expect(new URL(page.url()).searchParams.get('phase')).toBeNull();
      await page.keyboard.press('Escape');
      await cellDialog.waitFor({ state: 'detached' });

      // a KPI off track: Measure, on that CTA's card, focused
      widget = await openHome(page);
      await widget.getByTestId('widget-kpi').first().getByRole('link').click();
      await page.waitForURL(/\/admin\/plugins\/journey-map\/measure\?/);
      const card = page.getByTestId(`kpi-card-${off[0].cta.documentId}`);
      await card.and(page.locator('[data-linked="true"]')).waitFor();
      await page.waitForFunction((id) => (globalThis as any).document.activeElement?.getAttribute('data-testid') === `kpi-card-${id}`, off[0].cta.documentId);
      expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe(off[0].cta.label);
      expect(await page.locator('[data-linked="true"]').count()).toBe(1);

      // the first ranked cell: "What to write next", with its brief open
      widget = await openHome(page);
      await widget.getByTestId('widget-next').first().getByRole('link').click();
      await page.waitForURL(/\/admin\/plugins\/journey-map\/next-content\?/);
      const brief = page.getByRole('dialog');
      await brief.waitFor();
      expect(await brief.getByRole('heading', { name: `Brief: ${next.items[0].phase.name} × ${who(next.items[0].persona)}` }).count()).toBe(1);
    });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('offers a journey picker when there are several, and remembers the choice', async () => {
    const admin = await ensureSuperAdmin();
    const second = await adminCall(token, 'POST', '/journey-map/journeys', { name: 'Widget second journey', slug: 'widget-second-journey' });
    const { page, consoleErrors } = await newPage(browser);
    try {
      await withFailureScreenshot(page, 'home-widget-picker', async () => {
        const { coverage } = await expected(token, 'widget-second-journey');
        await login(page, admin.email, admin.password);
        let widget = await openHome(page);
        const picker = widget.getByRole('combobox', { name: 'Journey' });
        expect(await picker.textContent()).toContain('Smartphone repair');
        await picker.click();
        await page.getByRole('option', { name: 'Widget second journey', exact: true }).click();
        await widget.getByText('Nothing to write').waitFor();
        expect(await widget.getByTestId('journey-map-widget-cells-count').textContent()).toBe(
          `${plural(coverage.totals.gap, 'gap', 'gaps')}, ${plural(coverage.totals.thin, 'thin cell', 'thin cells')}`
        );
        // a journey without phases has no cells yet, and says so
        expect(coverage.cells).toEqual([]);
        expect(await widget.getByTestId('journey-map-widget-cells').getByText('This journey has no cells yet: add its phases on the journey map.').count()).toBe(1);
        expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('journey-map.home.journey'))).toBe('widget-second-journey');
        await widgetAxe(page);
        // a reload keeps the choice
        widget = await openHome(page);
        expect(await widget.getByRole('combobox', { name: 'Journey' }).textContent()).toContain('Widget second journey');
        expect(await widget.getByTestId('widget-next').count()).toBe(0);
      });
    } finally {
      await adminCall(token, 'DELETE', `/journey-map/journeys/${second.documentId}`);
    }
    // the remembered journey is gone: the widget shows the demo again, without a picker
    const widget = await openHome(page);
    expect(await widget.getByRole('combobox').count()).toBe(0);
    expect(await widget.getByTestId('widget-next').count()).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('is shown to a role with the read action and not to a role without it', async () => {
    const reader = await createAdmin(token, 'Widget reader', [{ action: 'plugin::journey-map.read' }]);
    const outsider = await createAdmin(token, 'Widget outsider', [{ action: 'plugin::journey-map.settings' }]);
    const { open } = await expected(token, DEMO);

    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'home-widget-reader', async () => {
      await login(page, reader.email, reader.password);
      const widget = await openHome(page);
      expect((await items(widget.getByTestId('widget-cell'))).map((c) => c.link)).toEqual(open.slice(0, SHOWN).map((o) => o.name));
    });
    expect(consoleErrors).toEqual([]);
    await page.context().close();

    const other = await newPage(browser);
    const asked: string[] = [];
    other.page.on('request', (req) => {
      if (req.url().includes('/journey-map/')) asked.push(new URL(req.url()).pathname);
    });
    await withFailureScreenshot(other.page, 'home-widget-outsider', async () => {
      await login(other.page, outsider.email, outsider.password);
      await other.page.goto(HOME);
      // the home page has drawn its widgets (the profile widget is everyone's) and decided on permissions
      await other.page.locator('section[aria-labelledby="plugin::admin.profile-info"]').waitFor({ timeout: 60000 });
      await other.page.waitForLoadState('networkidle');
      expect(await widgetOf(other.page).count()).toBe(0);
      expect(await other.page.getByRole('heading', { name: 'Journey Map' }).count()).toBe(0);
    });
    // the widget was not loaded, and the admin's start-up does not ask for the tracked types (the Content
    // Manager's column and panel) for a role without read: no route of the plugin was asked, nothing refused
    expect(asked).toEqual([]);
    expect(other.consoleErrors).toEqual([]);
    await other.page.context().close();
    // nothing was widened: the route still refuses that role
    const session = await fetch(`${BASE_URL}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(outsider) });
    const outsiderToken = ((await session.json()) as { data: { token: string } }).data.token;
    expect((await fetch(`${BASE_URL}/journey-map/tracked-types`, { headers: { Authorization: `Bearer ${outsiderToken}` } })).status).toBe(403);
  });
});
