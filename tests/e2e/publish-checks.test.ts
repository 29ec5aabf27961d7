import type { Browser } from 'playwright-core';
import { axeViolations } from './axe';
import { BASE_URL, adminJson, ensureSuperAdmin, login, newPage, screenshot, withFailureScreenshot, withBrowser } from './browser';

/**
 * Publish checks in the browser: chosen per type on the Content types page; "warn" shows a note in the
 * Journey panel of an untagged draft; "require" makes the Content Manager's Publish button answer with
 * what to do. The draft is deleted and the check turned off again at the end.
 */
const ARTICLE = 'api::article.article';
const editUrl = (documentId: string) => `${BASE_URL}/admin/content-manager/collection-types/${ARTICLE}/${documentId}?plugins[i18n][locale]=en`;

describe('publish checks', () => {
  let browser: Browser;
  let token: string;
  withBrowser((opened, superToken) => {
    browser = opened;
    token = superToken;
  });

  it('is chosen on the Content types page, warns in the panel, and refuses the Publish button of an untagged draft', async () => {
    const admin = await ensureSuperAdmin();
    const api = (p: string, init?: RequestInit) => adminJson(token, p, init);
    const draft = await (
      await fetch(`${BASE_URL}/content-manager/collection-types/${ARTICLE}?locale=en`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Publish check draft' }),
      })
    ).json() as { data: { documentId: string } };
    const documentId = draft.data.documentId as string;
    const { page, consoleErrors } = await newPage(browser);
    try {
      await withFailureScreenshot(page, 'publish-checks', async () => {
        await login(page, admin.email, admin.password);
        // Chosen on the Content types page, with the keyboard-usable select of the design system.
        await page.goto(`${BASE_URL}/admin/plugins/journey-map/content-types`);
        const select = page.getByRole('combobox', { name: 'Publish check of Article' });
        await select.click();
        await page.getByRole('option', { name: 'Warn in the Journey panel' }).click();
        await page.getByText('Publish check saved').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, 'publish-check-setting');
        expect((await api('/journey-map/settings')).data.publishChecks).toEqual({ [ARTICLE]: 'warn' });

        await page.goto(editUrl(documentId));
        await page.getByTestId('publish-check-note').getByText(/has no journey phase in en yet\. Published like this, it will not appear on the journey map/).waitFor();
        expect(await axeViolations(page)).toEqual([]);

        await api('/journey-map/settings', { method: 'PUT', body: JSON.stringify({ publishChecks: { [ARTICLE]: 'require' } }) });
        await page.reload();
        await page.getByTestId('publish-check-note').getByText(/publishing is refused until this entry has one in en/).waitFor();
        await page.getByRole('button', { name: 'Publish', exact: true }).click();
        await page.getByText(/has no journey phase in en yet.*Tag it with a phase in the Journey panel/).first().waitFor();
        await screenshot(page, 'publish-check-refused');
        const stored = await (await fetch(`${BASE_URL}/content-manager/collection-types/${ARTICLE}/${documentId}?locale=en&status=published`, { headers: { Authorization: `Bearer ${token}` } })).json() as { data?: { publishedAt?: string | null } };
        expect(stored.data?.publishedAt ?? null).toBeNull();
      });
    } finally {
      await api('/journey-map/settings', { method: 'PUT', body: JSON.stringify({ publishChecks: {} }) });
      await fetch(`${BASE_URL}/content-manager/collection-types/${ARTICLE}/${documentId}?locale=*`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    }
    // the refused publish is the one failed request the browser reports
    expect(consoleErrors.filter((e) => !/^400 .*\/actions\/publish/.test(e))).toEqual([]);
  });
});
