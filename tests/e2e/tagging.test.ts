import type { Browser } from 'playwright-core';
import { BASE_URL, createAdmin, ensureSuperAdmin, login, newPage, pickOptions, screenshot, withFailureScreenshot, withBrowser } from './browser';

const ARTICLE = 'api::article.article';
const HOME = 'api::home-page.home-page';

/** The entries of a type in one locale, through the Content Manager's own API. */
async function entries(token: string, uid: string, locale = 'en') {
  const res = await fetch(`${BASE_URL}/content-manager/collection-types/${uid}?page=1&pageSize=100&locale=${locale}`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as { results: Array<{ documentId: string; title: string }> }).results;
}
async function tagsOf(token: string, uid: string, documentId: string, locale = 'en') {
  const res = await fetch(`${BASE_URL}/journey-map/assignments/${uid}/${documentId}?locale=${locale}`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as { data: { phases: string[]; personas: string[] } }).data;
}
const editUrl = (uid: string, documentId: string, locale = 'en') =>
  `${BASE_URL}/admin/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=${locale}`;
const listUrl = (uid: string, locale = 'en') =>
  `${BASE_URL}/admin/content-manager/collection-types/${uid}?page=1&pageSize=50&sort=title:ASC&plugins[i18n][locale]=${locale}`;

describe('tagging content in the Content Manager', () => {
  let browser: Browser;
  let token: string;
  withBrowser((opened, superToken) => {
    browser = opened;
    token = superToken;
  });

  it('tags an untagged article from the edit-view panel, shows them in the list at once (no reload), keeps them on reload', async () => {
    const admin = await ensureSuperAdmin();
    const article = (await entries(token, ARTICLE)).find((e) => e.title === 'Is an extended warranty worth it?')!;
    expect((await tagsOf(token, ARTICLE, article.documentId)).phases).toEqual([]);
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'panel-tag', async () => {
      await login(page, admin.email, admin.password);
      // The list first: its column holds the entry's tags (none yet) in the admin's cache.
      await page.goto(listUrl(ARTICLE));
      const listed = page.getByRole('row').filter({ hasText: 'Is an extended warranty worth it?' });
      await listed.getByText('Untagged').waitFor();
      await listed.getByText('Is an extended warranty worth it?').click();
      await page.waitForURL(new RegExp(article.documentId));
      await page.getByText('JOURNEY', { exact: true }).or(page.getByText('Journey', { exact: true })).first().waitFor();
      await pickOptions(page, 'Phases', ['Advocacy']);
      await pickOptions(page, 'Personas', ['Busy parent']);
      // the demo's Advocacy phase has only stale content: the panel says this published entry closes a gap
      await page.getByText('This entry counts on the map now', { exact: false }).waitFor();
      await page.getByText('Advocacy × Busy parent: closes the gap (no other entry counts there)').waitFor();
      await page.getByRole('button', { name: 'Save journey tags' }).scrollIntoViewIfNeeded();
      await screenshot(page, 'panel');
      await page.getByRole('button', { name: 'Save journey tags' }).click();
      await page.getByText('Journey tags saved').waitFor();
      // the entry itself is not modified: the Content Manager's Save stays disabled
      expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);

      // Back to the list inside the same page (no reload): the saved tags made the column's cached tags
      // stale, so it shows the new phase at once.
      await page.evaluate('window.journeyMapSamePage = true');
      await page.goBack();
      await listed.getByText('Advocacy', { exact: true }).waitFor();
      expect(await page.evaluate('window.journeyMapSamePage === true')).toBe(true);

      // A new page load keeps them.
      await page.goto(editUrl(ARTICLE, article.documentId));
      await page.getByRole('combobox', { name: 'Phases' }).waitFor();
      await page.getByText('Advocacy', { exact: true }).first().waitFor();
      const stored = await tagsOf(token, ARTICLE, article.documentId);
      expect(stored.phases).toHaveLength(1);
      expect(stored.personas).toHaveLength(1);

      await page.goto(listUrl(ARTICLE));
      const row = page.getByRole('row').filter({ hasText: 'Is an extended warranty worth it?' });
      await row.getByText('Advocacy', { exact: true }).waitFor();
      await page.getByRole('row').filter({ hasText: 'Stories from the repair bench' }).getByText('Untagged').waitFor();
      await screenshot(page, 'list-column');
    });
    expect(consoleErrors).toEqual([]);
  });

  it('tags a Japanese entry in its own locale', async () => {
    const admin = await ensureSuperAdmin();
    const ja = (await entries(token, ARTICLE, 'ja')).find((e) => e.title === 'バッテリーの健康状態をわかりやすく')!;
    const { page } = await newPage(browser);
    await withFailureScreenshot(page, 'panel-ja', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(editUrl(ARTICLE, ja.documentId, 'ja'));
      await page.getByRole('combobox', { name: 'Phases' }).waitFor();
      await pickOptions(page, 'Phases', ['Retention']);
      await page.getByRole('button', { name: 'Save journey tags' }).click();
      await page.getByText('Journey tags saved').waitFor();
    });
    const jaTags = await tagsOf(token, ARTICLE, ja.documentId, 'ja');
    const enTags = await tagsOf(token, ARTICLE, ja.documentId, 'en');
    expect(jaTags.phases).toHaveLength(1);
    expect(enTags.phases).not.toEqual(jaTags.phases);
  });

  it('bulk-tags three entries from the list view', async () => {
    const admin = await ensureSuperAdmin();
    const titles = ['Repair service or phone insurance?', 'Screen protector myths', 'Stories from the repair bench'];
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'bulk', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(listUrl(ARTICLE));
      for (const title of titles) await page.getByRole('row').filter({ hasText: title }).getByRole('checkbox').click();
      await page.getByRole('button', { name: 'Tag journey' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Tag 3 entries with journey phases').waitFor();
      await pickOptions(page, 'Phases', ['Advocacy']);
      await dialog.getByRole('button', { name: 'Add tags' }).click();
      await page.getByText('Journey tags added to 3 entries').waitFor();
      for (const title of titles) await page.getByRole('row').filter({ hasText: title }).getByText('Advocacy', { exact: true }).waitFor();
    });
    const all = await entries(token, ARTICLE);
    for (const title of titles) {
      const entry = all.find((e) => e.title === title)!;
      expect((await tagsOf(token, ARTICLE, entry.documentId)).phases).toHaveLength(1);
    }
    expect(consoleErrors).toEqual([]);
  });

  it('shows the panel on a newly tracked type right after the settings change, without a restart', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'settings', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${BASE_URL}/admin/content-manager/single-types/${HOME}?plugins[i18n][locale]=en`);
      await page.getByRole('heading', { name: /Kumo: phones that last|Home page/ }).first().waitFor();
      await page.waitForTimeout(1000);
      expect(await page.getByRole('combobox', { name: 'Phases' }).count()).toBe(0);

      await page.goto(`${BASE_URL}/admin/settings/journey-map`);
      await page.getByRole('heading', { name: 'Journey Map settings' }).waitFor();
      await page.getByRole('checkbox', { name: /Home page/ }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Settings saved').waitFor();
      await screenshot(page, 'settings');

      await page.goto(`${BASE_URL}/admin/content-manager/single-types/${HOME}?plugins[i18n][locale]=en`);
      await page.getByRole('combobox', { name: 'Phases' }).waitFor();
    });
    expect(consoleErrors).toEqual([]);
  });

  it('hides the panel from a role without "tag" and the settings page from a role without "settings"', async () => {
    const cm = ['read', 'update', 'create'].map((a) => ({ action: `plugin::content-manager.explorer.${a}`, subject: ARTICLE }));
    const reader = await createAdmin(token, 'Reader', [...cm, { action: 'plugin::journey-map.read' }]);
    const article = (await entries(token, ARTICLE))[0];
    const { page } = await newPage(browser);
    await withFailureScreenshot(page, 'rbac', async () => {
      await login(page, reader.email, reader.password);
      await page.goto(editUrl(ARTICLE, article.documentId));
      await page.getByRole('textbox', { name: /title/i }).first().waitFor();
      await page.waitForTimeout(1500);
      expect(await page.getByRole('combobox', { name: 'Phases' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save journey tags' }).count()).toBe(0);

      await page.goto(`${BASE_URL}/admin/settings`);
      await page.getByRole('heading', { name: /Settings|Overview/ }).first().waitFor();
      await page.waitForTimeout(1000);
      expect(await page.getByRole('link', { name: 'Settings', exact: true }).filter({ has: page.locator('[href$="/settings/journey-map"]') }).count()).toBe(0);
      expect(await page.locator('a[href$="/settings/journey-map"]').count()).toBe(0);
      await page.goto(`${BASE_URL}/admin/settings/journey-map`);
      await page.waitForTimeout(1500);
      expect(await page.getByRole('heading', { name: 'Journey Map settings' }).count()).toBe(0);
    });
  });
});
