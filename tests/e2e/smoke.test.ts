import type { Browser } from 'playwright-core';
import { BASE_URL, ensureSuperAdmin, launchBrowser, login, newPage, screenshot, withFailureScreenshot } from './browser';

describe('production build of the playground', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('boots as a child process and answers health checks', async () => {
    const res = await fetch(`${BASE_URL}/_health`);
    expect(res.status).toBe(204);
    console.log(`production playground answered after ${process.env.E2E_BOOT_MS} ms`);
  });

  it('shows the Journey Map menu entry and page to a logged-in admin', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'smoke-menu', async () => {
      await login(page, admin.email, admin.password);
      const link = page.locator('nav a[href$="/plugins/journey-map"]');
      await link.waitFor({ timeout: 30000 });
      await link.click();
      await page.getByRole('link', { name: 'Content types' }).click();
      await page.getByRole('heading', { name: 'Content types', level: 1 }).waitFor();
      await page.getByText('Article', { exact: true }).waitFor();
      await screenshot(page, 'home');
    });
    expect(consoleErrors).toEqual([]);
  });
});
