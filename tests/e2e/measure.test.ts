import path from 'path';
import type { Browser } from 'playwright-core';
import { BASE_URL, SCREENSHOTS, createAdmin, ensureSuperAdmin, launchBrowser, login, newPage, screenshot, superAdminToken, withFailureScreenshot } from './browser';

const MEASURE = `${BASE_URL}/admin/plugins/journey-map/measure`;
const MANUAL = 'Download the manual on what to do when your smartphone breaks';

describe('the Measure page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await ensureSuperAdmin();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the demo manual-downloads CTA behind target, the path drop-off and the measured gaps', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'measure', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(MEASURE);
      const card = page.locator('[data-testid^="kpi-card-"]').filter({ hasText: MANUAL });
      await card.waitFor();
      expect(await card.getByTestId('kpi-status').textContent()).toBe('At risk');
      expect(await page.locator('[data-testid^="kpi-card-"]').filter({ hasText: 'Book a repair' }).getByTestId('kpi-status').textContent()).toBe('On track');

      // The planned path: Consideration loses most sessions and is flagged below the 25 % threshold.
      const consideration = page.getByTestId('path-phase-consideration');
      expect(await consideration.getByTestId('path-dropoff').innerText()).toMatch(/^Drop-off \d+\s?%$/);
      const conversion = Number((await consideration.getByTestId('path-conversion').innerText()).replace(/[^\d]/g, ''));
      expect(conversion).toBeLessThan(25);
      await page.getByTestId('path-phase-awareness').getByText('Main entry').waitFor();
      expect(await page.getByTestId('path-skips').innerText()).toContain('Awareness → Decision (skipping Consideration)');
      expect(await page.getByTestId('path-backwards').innerText()).toContain('Consideration → Awareness');

      const gaps = page.getByTestId('measured-gaps');
      expect(await gaps.innerText()).toContain('Consideration');
      expect(await gaps.innerText()).toContain(`${MANUAL}: on course for`);
      expect(await gaps.innerText()).toContain('Retention');

      await screenshot(page, 'measure-top');
      // The admin scrolls inside its layout, not the document: a tall viewport shows the whole page.
      for (const width of [1440, 1280, 1920]) {
        await page.setViewportSize({ width, height: 2300 });
        await page.screenshot({ path: path.join(SCREENSHOTS, width === 1440 ? 'measure.png' : `measure-${width}.png`) });
      }
      await page.setViewportSize({ width: 1440, height: 900 });

      // The 1440-px page drawn 1200 px wide, down to the measured gaps, for the README (docs/measure.png).
      const small = await browser.newContext({ viewport: { width: 1440, height: 2300 }, deviceScaleFactor: 1200 / 1440, storageState: await page.context().storageState() });
      const docsPage = await small.newPage();
      await docsPage.goto(MEASURE);
      const docsGaps = docsPage.getByTestId('measured-gaps');
      await docsGaps.waitFor();
      const box = (await docsGaps.boundingBox())!;
      await docsPage.screenshot({ path: path.join(SCREENSHOTS, 'measure-docs.png'), clip: { x: 0, y: 0, width: 1440, height: Math.ceil(box.y + box.height + 48) } });
      await small.close();

      // Entering a KPI value measured elsewhere (manage permission): Kumo Care sign-ups from the shop system.
      await page.getByRole('button', { name: 'Enter a KPI value' }).click();
      await page.getByRole('combobox', { name: 'CTA' }).click();
      await page.getByRole('option', { name: 'Add Kumo Care' }).click();
      await page.getByRole('textbox', { name: 'Value', exact: true }).fill('90');
      await page.getByRole('textbox', { name: 'Note (source)' }).fill('shop system');
      await page.getByRole('button', { name: 'Save value' }).click();
      await page.getByText('KPI value saved').waitFor();
      const care = page.locator('[data-testid^="kpi-card-"]').filter({ hasText: 'Add Kumo Care' });
      await care.getByText('entered by hand').waitFor();
      expect(await care.getByTestId('kpi-actual').innerText()).toBe('90');
      expect(await care.getByTestId('kpi-status').textContent()).toBe('On track');
    });
    expect(consoleErrors).toEqual([]);
  });

  it('lets a role with read only see the measures but not enter values', async () => {
    const token = await superAdminToken();
    const reader = await createAdmin(token, 'Measure reader', [{ action: 'plugin::journey-map.read' }]);
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'measure-reader', async () => {
      await login(page, reader.email, reader.password);
      await page.goto(MEASURE);
      await page.locator('[data-testid^="kpi-card-"]').filter({ hasText: MANUAL }).waitFor();
      expect(await page.getByRole('button', { name: 'Enter a KPI value' }).count()).toBe(0);
    });
    expect(consoleErrors).toEqual([]);
  });
});
