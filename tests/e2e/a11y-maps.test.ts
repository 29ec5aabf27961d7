import type { Browser, Locator, Page } from 'playwright-core';
import { axeViolations, hasFocus } from './axe';
import { BASE_URL, adminCall, ensureSuperAdmin, login, newPage, screenshot, withFailureScreenshot, withBrowser } from './browser';

/**
 * Accessibility of the journey map, the content map, the Settings page and the Content types page
 * (issue 22): axe-core's WCAG 2.1 A/AA rules in every state a user meets — loaded, empty, error, each
 * dialog open — and the keyboard-only workflows: reorder phases, open a heatmap cell, draft for a gap.
 */

const MAP = `${BASE_URL}/admin/plugins/journey-map`;
const DEMO = 'smartphone-repair';

const call = adminCall;

const phaseOrder = (page: Page) => page.locator('[data-phase-header]').evaluateAll((els) => els.map((e) => e.getAttribute('data-phase-header')));

/** Waits for the design system's dialog to finish opening (its content is in the page and focus is in it). */
async function dialogOpen(page: Page, role: 'dialog' | 'alertdialog' = 'dialog') {
  const dialog = page.getByRole(role);
  await dialog.waitFor();
  await dialog.locator(':focus').or(dialog.and(page.locator(':focus'))).first().waitFor();
  // The opening animation: axe measures contrast on the colours as they end up.
  await page.waitForTimeout(400);
  return dialog;
}

async function closeDialog(page: Page, role: 'dialog' | 'alertdialog' = 'dialog') {
  await page.keyboard.press('Escape');
  await page.getByRole(role).waitFor({ state: 'detached' });
}

describe('accessibility of the maps, the settings and the content types (WCAG 2.1 A/AA, keyboard only)', () => {
  let browser: Browser;
  let token: string;
  withBrowser((opened, superToken) => {
    browser = opened;
    token = superToken;
  });

  it('the journey map has no violation, loaded and with each of its dialogs open', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'a11y-journey-map', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${MAP}?journey=${DEMO}`);
      await page.getByTestId('journey-map').waitFor();
      await page.locator('[data-cell-state]').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // A real table: rows of cells under phase (column) and lane (row) headers.
      const table = page.getByRole('table', { name: 'Smartphone repair' });
      expect(await table.getByRole('columnheader').count()).toBeGreaterThan(1);
      await table.getByRole('rowheader', { name: 'Customer goal' }).waitFor();
      await table.getByRole('columnheader', { name: /Awareness/ }).waitFor();
      // The emotion curve has a text equivalent a screen reader reaches.
      await page.getByTestId('emotion-curve').getByRole('list', { name: 'Emotion by phase' }).waitFor();

      // Each dialog opened from its button with the keyboard (focus, Enter); Escape closes it and focus
      // returns to that button.
      const dialogs: Array<{ name: string; opener: Locator; role?: 'dialog' | 'alertdialog' }> = [
        { name: 'edit journey', opener: page.getByRole('button', { name: 'Edit journey' }) },
        { name: 'edit phase', opener: page.getByRole('button', { name: 'Edit Awareness', exact: true }) },
        { name: 'add phase', opener: page.getByRole('button', { name: 'Add phase' }).first() },
        { name: 'edit persona', opener: page.getByRole('button', { name: 'Edit Busy parent', exact: true }) },
        { name: 'add persona', opener: page.getByRole('button', { name: 'Add persona' }) },
        { name: 'edit CTA', opener: page.getByRole('button', { name: /^Edit CTA / }).first() },
        { name: 'add CTA', opener: page.getByRole('button', { name: 'Add a CTA to Awareness' }) },
        { name: 'new journey', opener: page.getByRole('button', { name: 'New journey' }) },
        { name: 'delete journey', opener: page.getByRole('button', { name: 'Delete journey' }), role: 'alertdialog' },
        { name: 'delete phase', opener: page.getByRole('button', { name: 'Delete Advocacy', exact: true }), role: 'alertdialog' },
      ];
      for (const d of dialogs) {
        await d.opener.focus();
        await page.keyboard.press('Enter');
        await dialogOpen(page, d.role);
        expect({ dialog: d.name, violations: await axeViolations(page) }).toEqual({ dialog: d.name, violations: [] });
        await closeDialog(page, d.role);
        expect({ dialog: d.name, focusReturned: await hasFocus(d.opener) }).toEqual({ dialog: d.name, focusReturned: true });
      }

      // Deleting a tagged phase: the server refuses, and the dialog's second step asks what to do with
      // the tags (move them, with the target phase, or remove them). Checked, then cancelled.
      const deleteTagged = page.getByRole('button', { name: 'Delete Consideration', exact: true });
      await deleteTagged.focus();
      await page.keyboard.press('Enter');
      const confirm = await dialogOpen(page, 'alertdialog');
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await confirm.getByText(/tagged with Consideration\. What should happen to these tags\?/).waitFor();
      await confirm.getByRole('radiogroup', { name: 'What to do with the tags' }).waitFor();
      await confirm.getByRole('combobox', { name: 'Move the tags to' }).waitFor();
      expect({ dialog: 'delete tagged phase', violations: await axeViolations(page) }).toEqual({ dialog: 'delete tagged phase', violations: [] });
      await closeDialog(page, 'alertdialog');
      expect(await hasFocus(deleteTagged)).toBe(true);
      await page.getByRole('columnheader', { name: /Consideration/ }).waitFor();
    });
    // the refused delete is the one failed request the browser reports (its 409 is the second step)
    expect(consoleErrors.filter((e) => !/^409 .*\/journey-map\/phases\//.test(e))).toEqual([]);
    expect(consoleErrors.length).toBeLessThanOrEqual(1);
  });

  it('the content map has no violation, loaded and with the cell dialog open; cell states are named in text', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'a11y-content-map', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${MAP}/content-map?journey=${DEMO}`);
      await page.getByTestId('heatmap').waitFor();
      await page.getByTestId('untagged-callout').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // A real table with column (phase) and row (persona) headers; each cell names its state in text.
      const heatmap = page.getByRole('table', { name: 'Coverage by phase and persona' });
      await heatmap.getByRole('columnheader', { name: /Advocacy/ }).waitFor();
      await heatmap.getByRole('rowheader', { name: 'Busy parent' }).waitFor();
      await page.getByRole('button', { name: /Advocacy × Busy parent: 0 entries, Gap/ }).waitFor();
      expect(await page.locator('[data-cell="advocacy:busy-parent"]').innerText()).toContain('Gap');

      await page.locator('[data-cell="consideration:busy-parent"]').click();
      const dialog = await dialogOpen(page);
      await dialog.getByRole('grid').getByRole('link').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await closeDialog(page);

      await page.locator('[data-cell="advocacy:busy-parent"]').click();
      await (await dialogOpen(page)).getByText('Create a draft for this gap').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await closeDialog(page);
    });
    expect(consoleErrors).toEqual([]);
  });

  it('the Settings page and the Content types page have no violation', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'a11y-settings', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${BASE_URL}/admin/settings/journey-map`);
      await page.getByRole('heading', { name: 'Journey Map settings' }).waitFor();
      await page.getByLabel('Minimum entries per cell').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${MAP}/content-types`);
      await page.getByRole('grid').getByText('Article', { exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
    expect(consoleErrors).toEqual([]);
  });

  it('the empty and error states have no violation', async () => {
    const admin = await ensureSuperAdmin();
    const empty = await call(token, 'POST', '/journey-map/journeys', { name: 'Empty journey', slug: 'a11y-empty' });
    const { page } = await newPage(browser);
    try {
      await withFailureScreenshot(page, 'a11y-empty-error', async () => {
        await login(page, admin.email, admin.password);
        // A journey without phases or personas: the map's and the content map's empty states.
        await page.goto(`${MAP}?journey=a11y-empty`);
        await page.getByText('This journey has no phases yet.').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${MAP}/content-map?journey=a11y-empty`);
        await page.getByText('This journey has no personas', { exact: false }).waitFor();
        expect(await axeViolations(page)).toEqual([]);

        // No journey at all (a site that just installed the plugin): both maps say how to start.
        const none = /\/journey-map\/journeys(\?|$)/;
        await page.route(none, (route) =>
          route.request().method() === 'GET' ? route.fulfill({ status: 200, contentType: 'application/json', body: '{"data":[]}' }) : route.continue()
        );
        await page.goto(MAP);
        await page.getByText('No journey yet. Start from a phase model', { exact: false }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${MAP}/content-map`);
        await page.getByText('No journey yet: create one on the journey map first.').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.unroute(none);

        // The server fails: each page shows its error state.
        await page.route(/\/journey-map\/(coverage|journeys\/smartphone-repair)(\?|$)/, (route) =>
          route.request().method() === 'GET' ? route.fulfill({ status: 500, contentType: 'application/json', body: '{"data":null,"error":{"status":500,"name":"InternalServerError","message":"Internal Server Error"}}' }) : route.continue()
        );
        await page.goto(`${MAP}?journey=${DEMO}`);
        await page.getByText(/Whoops! Something went wrong/i).first().waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${MAP}/content-map?journey=${DEMO}`);
        await page.getByText(/Whoops! Something went wrong/i).first().waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.unroute(/\/journey-map\//);
      });
    } finally {
      await call(token, 'DELETE', `/journey-map/journeys/${empty.documentId}?removeAssignments=true`);
    }
  });

  it('every plugin page has no violation in the dark theme too', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    // The admin keeps the theme a user picks in local storage (Strapi's own key).
    await page.addInitScript(() => (globalThis as unknown as { localStorage: { setItem: (k: string, v: string) => void } }).localStorage.setItem('STRAPI_THEME', 'dark'));
    await withFailureScreenshot(page, 'a11y-dark', async () => {
      await login(page, admin.email, admin.password);
      const pages: Array<{ name: string; url: string; ready: () => Promise<unknown> }> = [
        { name: 'journey map', url: `${MAP}?journey=${DEMO}`, ready: () => page.locator('[data-cell-state]').first().waitFor() },
        { name: 'content map', url: `${MAP}/content-map?journey=${DEMO}`, ready: () => page.getByTestId('untagged-callout').waitFor() },
        { name: 'audit', url: `${MAP}/audit?journey=${DEMO}`, ready: () => page.getByRole('checkbox', { name: /^Select / }).nth(1).waitFor() },
        { name: 'measure', url: `${MAP}/measure`, ready: () => page.getByTestId('path-phase-consideration').waitFor() },
        { name: 'content types', url: `${MAP}/content-types`, ready: () => page.getByRole('grid').getByText('Article', { exact: true }).waitFor() },
        { name: 'settings', url: `${BASE_URL}/admin/settings/journey-map`, ready: () => page.getByLabel('Minimum entries per cell').waitFor() },
      ];
      for (const p of pages) {
        await page.goto(p.url);
        await p.ready();
        await page.waitForTimeout(300);
        expect({ page: p.name, violations: await axeViolations(page) }).toEqual({ page: p.name, violations: [] });
      }
      await page.goto(`${MAP}/content-map?journey=${DEMO}`);
      await page.locator('[data-cell="consideration:busy-parent"]').click();
      await dialogOpen(page);
      expect({ page: 'cell dialog', violations: await axeViolations(page) }).toEqual({ page: 'cell dialog', violations: [] });
      await screenshot(page, 'dark-content-map-dialog');
    });
    expect(consoleErrors).toEqual([]);
  });

  it('reorders a phase with the keyboard only; focus stays on the moved phase', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'a11y-reorder', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${MAP}?journey=${DEMO}`);
      await page.getByTestId('journey-map').waitFor();
      expect((await phaseOrder(page)).slice(0, 3)).toEqual(['awareness', 'consideration', 'decision']);

      // Tab from the page's journey picker to the "move left" button of Decision; Enter moves it.
      const moveLeft = page.getByRole('button', { name: 'Move Decision left' });
      await page.getByRole('button', { name: 'Edit journey' }).focus();
      for (let i = 0; i < 60 && !(await hasFocus(moveLeft)); i++) await page.keyboard.press('Tab');
      expect(await hasFocus(moveLeft)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByText('Phase order saved').first().waitFor();
      await page.locator('[data-phase-header]').nth(1).and(page.locator('[data-phase-header="decision"]')).waitFor();
      expect((await phaseOrder(page)).slice(0, 3)).toEqual(['awareness', 'decision', 'consideration']);
      // The move is announced, and focus follows the phase it moved.
      await page.getByRole('status').getByText('Decision moved to position 2 of', { exact: false }).waitFor();
      expect(await hasFocus(page.getByRole('button', { name: 'Move Decision left' }))).toBe(true);

      // Back with the keyboard: Tab to "move right" and Enter.
      await page.keyboard.press('Tab');
      expect(await hasFocus(page.getByRole('button', { name: 'Move Decision right' }))).toBe(true);
      await page.keyboard.press('Enter');
      await page.locator('[data-phase-header]').nth(2).and(page.locator('[data-phase-header="decision"]')).waitFor();
      expect((await phaseOrder(page)).slice(0, 3)).toEqual(['awareness', 'consideration', 'decision']);
      expect(await hasFocus(page.getByRole('button', { name: 'Move Decision right' }))).toBe(true);
      await page.reload();
      await page.getByTestId('journey-map').waitFor();
      expect((await phaseOrder(page)).slice(0, 3)).toEqual(['awareness', 'consideration', 'decision']);
    });
    expect(consoleErrors).toEqual([]);
  });

  it('opens a heatmap cell with Enter and with Space; focus returns to the cell when the dialog closes', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'a11y-cell-keyboard', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${MAP}/content-map?journey=${DEMO}`);
      await page.getByTestId('heatmap').waitFor();
      const cell = page.locator('[data-cell="consideration:busy-parent"]');

      for (const key of ['Enter', ' ']) {
        await cell.focus();
        // Focus is visible on the cell (an outline the design system's focus colour draws).
        expect(await cell.evaluate((el) => (el.ownerDocument.defaultView as unknown as { getComputedStyle: (e: unknown) => { outlineStyle: string } }).getComputedStyle(el).outlineStyle)).not.toBe('none');
        await page.keyboard.press(key);
        const dialog = await dialogOpen(page);
        await dialog.getByRole('heading', { name: 'Consideration × Busy parent' }).waitFor();
        await closeDialog(page);
        expect(await hasFocus(cell)).toBe(true);
      }

      // Closed with its close button (Enter on it), focus returns to the cell too.
      await cell.focus();
      await page.keyboard.press('Enter');
      const dialog = await dialogOpen(page);
      await dialog.getByRole('button', { name: /close/i }).first().focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      expect(await hasFocus(cell)).toBe(true);
    });
    expect(consoleErrors).toEqual([]);
  });

  it('creates a draft for a gap with the keyboard only', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'a11y-draft-keyboard', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${MAP}/content-map?journey=${DEMO}`);
      await page.getByTestId('heatmap').waitFor();
      await page.locator('[data-cell="advocacy:busy-parent"]').focus();
      await page.keyboard.press('Enter');
      const dialog = await dialogOpen(page);
      await dialog.getByText('Create a draft for this gap').waitFor();

      // Tab to the Type select, open it with the keyboard, pick Article, Tab to the title, type, Enter.
      const type = dialog.getByRole('combobox', { name: 'Type' });
      for (let i = 0; i < 40 && !(await hasFocus(type)); i++) await page.keyboard.press('Tab');
      expect(await hasFocus(type)).toBe(true);
      await page.keyboard.press('Enter');
      const article = page.getByRole('option', { name: 'Article', exact: true });
      await article.waitFor();
      for (let i = 0; i < 20 && (await article.getAttribute('data-highlighted')) === null; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await dialog.getByRole('combobox', { name: 'Type' }).getByText('Article').waitFor();
      const title = dialog.getByLabel('Title');
      for (let i = 0; i < 10 && !(await hasFocus(title)); i++) await page.keyboard.press('Tab');
      expect(await hasFocus(title)).toBe(true);
      await page.keyboard.type('Keyboard-made draft for advocacy');
      await page.keyboard.press('Tab');
      expect(await hasFocus(dialog.getByRole('button', { name: 'Create draft' }))).toBe(true);
      await page.keyboard.press('Enter');

      await page.waitForURL(/\/content-manager\/collection-types\/api::article\.article\/[a-z0-9]+/);
      const draftId = page.url().match(/api::article\.article\/([a-z0-9]+)/)![1];
      await screenshot(page, 'a11y-draft-keyboard');
      // Leave the demo's gaps as the other browser tests expect them: deleting the entry removes its tags.
      await call(token, 'DELETE', `/content-manager/collection-types/api::article.article/${draftId}?locale=en`);
    });
    expect(consoleErrors).toEqual([]);
  });

  it('looks clean at 1280 and 1920 px (screenshots of both maps)', async () => {
    const admin = await ensureSuperAdmin();
    for (const width of [1280, 1920]) {
      const { page } = await newPage(browser, width, 1000);
      await login(page, admin.email, admin.password);
      await page.goto(`${MAP}?journey=${DEMO}`);
      await page.getByTestId('journey-map').waitFor();
      await page.locator('[data-cell-state]').first().waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await screenshot(page, `a11y-journey-map-${width}`);
      await page.goto(`${MAP}/content-map?journey=${DEMO}`);
      await page.getByTestId('heatmap').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await screenshot(page, `a11y-content-map-${width}`);
      await page.context().close();
    }
  });
});
