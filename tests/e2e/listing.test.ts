import type { Browser, Page } from 'playwright-core';
import { BASE_URL, ensureSuperAdmin, login, newPage, pickOptions, screenshot, withFailureScreenshot, adminCall, withBrowser } from './browser';

const ARTICLE = 'api::article.article';
const CASE = 'api::case-study.case-study';

const listUrl = (uid: string) => `${BASE_URL}/admin/content-manager/collection-types/${uid}?page=1&pageSize=50&sort=title:ASC&plugins[i18n][locale]=en`;
const editUrl = (uid: string, documentId: string) => `${BASE_URL}/admin/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=en`;
const journeyHeader = (page: Page) => page.locator('thead th').filter({ hasText: /^Journey$/ });

/**
 * The Content Manager side of Journey Map: the list column only on tracked types (the tracked set is
 * loaded once when the admin starts), personas in it, the bulk dialog's wording and CTA, and the panel
 * explaining why a draft or a stale entry does not count on the map. Nothing here changes tags.
 */
describe('the list column and the panel explanation', () => {
  let browser: Browser;
  let token: string;
  const call = (method: string, path: string, body?: unknown) => adminCall(token, method, path, body);
  const articleId = async (title: string) => {
    const res = await fetch(`${BASE_URL}/content-manager/collection-types/${ARTICLE}?page=1&pageSize=100&locale=en`, { headers: { Authorization: `Bearer ${token}` } });
    return ((await res.json()) as { results: Array<{ documentId: string; title: string }> }).results.find((e) => e.title === title)!.documentId;
  };

  withBrowser((opened, superToken) => {
    browser = opened;
    token = superToken;
  });

  it('shows the Journey column with phases and personas on a tracked type, none on an untracked one, with one request for the tracked set', async () => {
    const admin = await ensureSuperAdmin();
    const { trackedContentTypes } = await call('GET', '/journey-map/settings');
    await call('PUT', '/journey-map/settings', { trackedContentTypes: trackedContentTypes.filter((uid: string) => uid !== CASE) });
    const { page, consoleErrors } = await newPage(browser);
    const asked: string[] = [];
    page.on('request', (req) => {
      const path = new URL(req.url()).pathname;
      if (path.startsWith('/journey-map/')) asked.push(path);
    });
    try {
      await withFailureScreenshot(page, 'list-column-tracked', async () => {
        await login(page, admin.email, admin.password);
        // The home page renders once the plugins are ready, i.e. once the tracked set has loaded.
        await page.getByRole('link', { name: 'Journey Map' }).first().waitFor();
        asked.length = 0; // from here on, one admin start: the tracked set is asked for once
        await page.goto(listUrl(ARTICLE));
        await journeyHeader(page).waitFor();
        const row = page.getByRole('row').filter({ hasText: 'Water damage first aid for phones' });
        await row.getByText('Awareness', { exact: true }).waitFor();
        // tagged for two personas: the first one and how many more, all names on hover
        const personas = row.getByText('Busy parent +1', { exact: true });
        await personas.waitFor();
        expect(await personas.getAttribute('title')).toBe('Busy parent, Tech enthusiast');
        await page.getByRole('row').filter({ hasText: 'Where old phones go: our recycling programme' }).getByText('Untagged').waitFor();
        for (const width of [1280, 1920]) {
          await page.setViewportSize({ width, height: 900 });
          await screenshot(page, `list-column-${width}`);
        }
        await page.setViewportSize({ width: 1440, height: 900 });

        // to the untracked type inside the same admin session: no column, no tag request
        const before = asked.length;
        await page.getByRole('link', { name: 'Case study', exact: true }).click();
        await page.getByRole('row').filter({ hasText: 'Couriers back on the road the same day' }).waitFor();
        expect(await journeyHeader(page).count()).toBe(0);
        expect(asked.slice(before)).toEqual([]);
        expect(asked.filter((p) => p === '/journey-map/tracked-types')).toHaveLength(1);
      });
    } finally {
      await call('PUT', '/journey-map/settings', { trackedContentTypes });
    }
    expect(consoleErrors).toEqual([]);
  });

  it('words the bulk dialog for one entry and offers a CTA when adding tags', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'bulk-one', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(listUrl(ARTICLE));
      const row = page.getByRole('row').filter({ hasText: 'Trade in your old phone, even if it is broken' });
      await row.getByText('Untagged').waitFor();
      await row.getByRole('checkbox').click();
      await page.getByText('1 entry selected').waitFor();
      // The Content Manager shows its bulk actions above the table, once scrolled back up to it (the row is low).
      await page.evaluate(`document.querySelectorAll('*').forEach((el) => { if (el.scrollTop > 0) el.scrollTop = 0; })`);
      const tagAction = page.getByRole('button', { name: 'Tag journey' });
      await tagAction.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Tag 1 entry with journey phases').waitFor();
      await dialog.getByText('The phases of the customer journey this entry serves.').waitFor();
      await pickOptions(page, 'Phases', ['Consideration']);
      await dialog.getByRole('combobox', { name: 'CTA' }).click();
      await page.getByRole('option', { name: 'Download the manual on what to do when your smartphone breaks' }).waitFor();
      await page.keyboard.press('Escape');
      await screenshot(page, 'bulk-dialog');
      await dialog.getByRole('radio', { name: 'Remove these tags' }).click();
      expect(await dialog.getByRole('combobox', { name: 'CTA' }).count()).toBe(0);
      await dialog.getByRole('button', { name: 'Remove tags' }).waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    });
    expect(consoleErrors).toEqual([]);
  });

  it('explains that a draft does not count yet and which gap it would close', async () => {
    const admin = await ensureSuperAdmin();
    const id = await articleId('Self-repair kits: what you can fix at home');
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'panel-draft', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(editUrl(ARTICLE, id));
      // the seed tags this draft with Consideration for the tech enthusiast
      const effect = page.getByRole('region', { name: 'What these tags do to the map' });
      await effect.getByText('Not counted yet: this entry is a draft only. It counts once it is published.').waitFor();
      await effect.getByText(/^Consideration × Tech enthusiast: /).waitFor();
      expect(await effect.getByText(/once it counts|already has enough/).count()).toBeGreaterThan(0);
      // The picker already holds the seeded tag, whose remove button sits where a click would land: open it
      // from the keyboard.
      await page.getByRole('combobox', { name: 'Phases' }).focus();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('option', { name: 'Advocacy', exact: true }).first().click();
      await page.keyboard.press('Escape');
      await effect.getByText('Advocacy × Tech enthusiast: a gap; this entry would close it once it counts').waitFor();
      await effect.scrollIntoViewIfNeeded();
      await screenshot(page, 'panel-draft');
    });
    expect(consoleErrors).toEqual([]);
  });

  it('explains since when a stale entry no longer counts', async () => {
    const admin = await ensureSuperAdmin();
    const id = await articleId('Where old phones go: our recycling programme');
    const explained = await call('GET', `/journey-map/panel/${ARTICLE}/${id}?locale=en`);
    expect(explained.entry).toMatchObject({ counts: false, reason: 'stale' });
    const day = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(iso));
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'panel-stale', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(editUrl(ARTICLE, id));
      await page.getByRole('combobox', { name: 'Phases' }).waitFor();
      await pickOptions(page, 'Phases', ['Advocacy']);
      const effect = page.getByRole('region', { name: 'What these tags do to the map' });
      await effect
        .getByText(
          `Not counted: stale since ${day(explained.entry.staleSince)} (last updated ${day(explained.entry.publishedUpdatedAt)}; entries count for 365 days). Update and publish it to count again.`
        )
        .waitFor();
      await effect.getByText('Advocacy × Busy parent: a gap; this entry would close it once it counts').waitFor();
      await effect.scrollIntoViewIfNeeded();
      await screenshot(page, 'panel-stale');
      // nothing was saved: the panel's button stays enabled for the unsaved pick, the tags unchanged
      expect((await call('GET', `/journey-map/assignments/${ARTICLE}/${id}?locale=en`)).phases).not.toContain(explained.journeys[0].phases.find((p: any) => p.slug === 'advocacy').documentId);
    });
    expect(consoleErrors).toEqual([]);
  });
});
