import type { Browser } from 'playwright-core';
import { BASE_URL, adminCall, ensureSuperAdmin, login, newPage, screenshot, withFailureScreenshot, withBrowser } from './browser';

/**
 * Settings → Webhooks with the plugin: the demo webhook that lists the Journey Map events is in the list;
 * the create form's events table is Strapi's fixed table (a plugin cannot add rows to it, docs/webhooks.md),
 * so the Journey Map events are chosen through the admin API, and saving a webhook in the form keeps them.
 * The webhook this test saves gets its name back at the end.
 */
const EVENTS = ['journey-map.gap.opened', 'journey-map.gap.closed', 'journey-map.kpi.off-track', 'journey-map.kpi.on-track', 'journey-map.snapshot.created'];
const DEMO = 'Journey Map demo';

describe('webhooks', () => {
  let browser: Browser;
  let token: string;
  withBrowser((opened, superToken) => {
    browser = opened;
    token = superToken;
  });

  it('lists the demo webhook, opens the create form, and keeps the Journey Map events when a webhook is saved in the form', async () => {
    const admin = await ensureSuperAdmin();
    const call = (method: string, path: string, body?: unknown) => adminCall(token, method, path, body);
    const demo = ((await call('GET', '/admin/webhooks')) as any[]).find((w) => w.name === DEMO);
    expect(demo).toMatchObject({ url: 'https://webhooks.invalid/journey-map', events: EVENTS, isEnabled: false });
    const { page, consoleErrors } = await newPage(browser);
    try {
      await withFailureScreenshot(page, 'webhooks', async () => {
        await login(page, admin.email, admin.password);
        await page.goto(`${BASE_URL}/admin/settings/webhooks`);
        await page.getByText(DEMO).waitFor();
        await page.getByText('https://webhooks.invalid/journey-map').waitFor();
        await screenshot(page, 'webhooks-list');

        // Settings → Webhooks → create: Strapi's own events table (entry events), no place for a plugin's.
        await page.getByRole('link', { name: /create new webhook/i }).first().click();
        await page.waitForURL(/\/admin\/settings\/webhooks\/create$/);
        const table = page.locator('table').filter({ hasText: 'Entry' });
        await table.waitFor();
        const tableText = await table.innerText();
        expect(tableText).toMatch(/entry/i);
        expect(tableText).not.toMatch(/journey/i);
        await screenshot(page, 'webhooks-create');

        // The demo webhook's edit page: renamed and saved in the form, it keeps the Journey Map events.
        await page.goto(`${BASE_URL}/admin/settings/webhooks/${demo.id}`);
        const name = page.getByRole('textbox', { name: /name/i });
        await name.waitFor();
        expect(await name.inputValue()).toBe(DEMO);
        await name.fill(`${DEMO} renamed`);
        const put = page.waitForResponse((r) => r.url().endsWith(`/admin/webhooks/${demo.id}`) && r.request().method() === 'PUT');
        await page.getByRole('button', { name: 'Save' }).click();
        expect((await put).status()).toBe(200);
        await page.getByText('Changes saved').first().waitFor();
        const saved = await call('GET', `/admin/webhooks/${demo.id}`);
        expect(saved).toMatchObject({ name: `${DEMO} renamed`, url: demo.url, events: EVENTS, isEnabled: false });
      });
      expect(consoleErrors).toEqual([]);
    } finally {
      await call('PUT', `/admin/webhooks/${demo.id}`, { name: DEMO, url: demo.url, headers: demo.headers, events: demo.events, isEnabled: demo.isEnabled });
      await page.close();
    }
  });
});
