import path from 'path';
import type { Browser } from 'playwright-core';
import { BASE_URL, SCREENSHOTS, ensureSuperAdmin, launchBrowser, login, newPage, withFailureScreenshot } from './browser';
import { axeViolations } from './axe';

const MEASURE = `${BASE_URL}/admin/plugins/journey-map/measure`;
const SETTINGS = `${BASE_URL}/admin/settings/journey-map`;
const GA4_PAGES = path.resolve(__dirname, '..', '..', 'playground', 'samples', 'ga4-pages.csv');

describe('importing analytics', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await ensureSuperAdmin();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('previews a GA4 export, imports it with its summary, and the pages stay axe-clean', async () => {
    const admin = await ensureSuperAdmin();
    const { page } = await newPage(browser);
    await withFailureScreenshot(page, 'imports', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(MEASURE);
      const file = page.locator('input[type="file"][name="analytics-file"]');
      await file.waitFor({ state: 'attached' });
      await file.setInputFiles(GA4_PAGES);
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.mouse.move(0, 0);
      const summary = page.getByTestId('import-summary');
      await summary.waitFor();
      const preview = await summary.innerText();
      expect(preview).toContain('Preview of ga4-pages (ga4) for 2026-11-01 – 2026-11-30');
      expect(preview).toMatch(/Matched to entries\s+9/);
      expect(preview).toContain('/contact');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await summary.getByText(/^Imported ga4-pages/).waitFor();
      expect(await summary.innerText()).toContain('7 rows stored');
      await page.mouse.move(0, 0); // the pointer off the Import button (its hover colour is the design system's)
      expect(await axeViolations(page)).toEqual([]);
      await summary.scrollIntoViewIfNeeded();
      for (const width of [1280, 1920]) {
        await page.setViewportSize({ width, height: 1000 });
        await summary.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SCREENSHOTS, `imports-${width}.png`) });
      }

      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(SETTINGS);
      const urls = page.getByRole('heading', { name: 'URL patterns' });
      await urls.waitFor();
      expect(await page.locator('input[name^="urlPatterns.api::article.article"]').first().inputValue()).toBe('/articles/{slug}');
      expect(await axeViolations(page)).toEqual([]);
      for (const width of [1280, 1920]) {
        await page.setViewportSize({ width, height: 1000 });
        await urls.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SCREENSHOTS, `settings-urls-${width}.png`) });
      }
    });
  }, 180_000);
});
