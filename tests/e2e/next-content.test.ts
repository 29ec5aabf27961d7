import type { Browser, Page } from 'playwright-core';
import { axeViolations, hasFocus } from './axe';
import { BASE_URL, adminCall, adminJson, ensureSuperAdmin, login, newPage, screenshot, withBrowser, withFailureScreenshot } from './browser';

/**
 * "What to write next" on the demo: the first ranked cells are the demo's real gaps with their reasons;
 * a brief opens (axe-clean, keyboard), copies as Markdown and becomes a draft carrying it; publishing that
 * draft changes the cell on the content map. Runs last: it sets a brief field and publishes an entry,
 * and undoes both.
 */

const ARTICLE = 'api::article.article';
const DEMO = 'smartphone-repair';
const PAGE = `${BASE_URL}/admin/plugins/journey-map/next-content?journey=${DEMO}`;

const cellName = (item: any) => `${item.phase.name} × ${item.persona?.name ?? 'All personas'}`;

async function dialogOpen(page: Page) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.locator(':focus').or(dialog.and(page.locator(':focus'))).first().waitFor();
  // The opening animation: axe measures contrast on the colours as they end up.
  await page.waitForTimeout(400);
  return dialog;
}

describe('what to write next (browser)', () => {
  let browser: Browser;
  let token: string;
  withBrowser((opened, superToken) => {
    browser = opened;
    token = superToken;
  });

  it('ranks the demo’s real gaps first, with their reasons in words, and passes axe', async () => {
    const admin = await ensureSuperAdmin();
    const report = (await adminJson(token, `/journey-map/next-content?journey=${DEMO}`)).data;
    const coverage = (await adminJson(token, `/journey-map/coverage?journey=${DEMO}`)).data;
    const key = (phase: string, persona: string | null) => `${phase}|${persona ?? ''}`;
    const history = (await adminJson(token, `/journey-map/coverage/history?journey=${DEMO}`)).data;
    const today: string = history.days[history.days.length - 1];
    // the seeded history gives the demo's gaps an age: some of them are older than today
    expect(report.items.some((i: any) => i.state === 'gap' && i.parts.gapAge.days > 1)).toBe(true);
    // Every gap and thin cell of the map is ranked, nothing else; the first ones are gaps.
    const open = coverage.cells.filter((c: any) => c.state === 'gap' || c.state === 'thin').map((c: any) => key(c.phase, c.persona)).sort();
    expect(report.items.map((i: any) => key(i.phase.documentId, i.persona?.documentId ?? null)).sort()).toEqual(open);
    expect(report.items.slice(0, 3).map((i: any) => i.state)).toEqual(['gap', 'gap', 'gap']);
    expect(report.measures.sessions).toBeGreaterThan(0);

    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'next-content-list', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(PAGE);
      await page.getByTestId('next-list').waitFor();
      const shown = page.getByTestId('next-item');
      expect(await shown.count()).toBe(report.items.length);
      for (const [i, item] of report.items.slice(0, 3).entries()) {
        expect(await shown.nth(i).getByTestId('next-cell').textContent()).toBe(cellName(item));
        const reasons = String(await shown.nth(i).getByTestId('next-reasons').textContent());
        const words: string[] = [];
        if (item.parts.persona.rank !== null) words.push(`${item.persona.name} is priority ${item.parts.persona.rank}`);
        if (item.parts.cta.kind === 'none') words.push(`${item.phase.name} has no CTA`);
        if (item.parts.cta.kind === 'behind') words.push(`${item.phase.name}’s CTA is ${Math.round(item.parts.cta.shortfall * 100)}% behind target`);
        if (item.parts.dropOff.share !== null) words.push(`${Math.round(item.parts.dropOff.share * 100)}% of sessions stop here`);
        // how long the cell has been a gap, as the coverage history tells it (the demo's seeded history,
        // and today's row if an earlier test took a snapshot while the gap was closed)
        const since = history.cells.find((c: any) => key(c.phase, c.persona) === key(item.phase.documentId, item.persona?.documentId ?? null))?.gapSince;
        expect(since).toEqual(expect.any(String));
        const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / 86_400_000);
        expect(item.parts.gapAge.days).toBe(days);
        words.push(days === 0 ? 'a gap since today' : days === 1 ? 'a gap for 1 day' : `a gap for ${days} days`);
        expect({ cell: cellName(item), reasons: reasons.split(' · ').filter((r) => words.includes(r)) }).toEqual({ cell: cellName(item), reasons: words });
      }
      // The demo measures paths and KPIs and has its cell history: nothing was ranked without.
      expect(await page.getByTestId('next-missing').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    });
    expect(consoleErrors).toEqual([]);
  });

  it('opens a brief with the keyboard, copies it as Markdown, makes a draft with it; publishing the draft changes the cell', async () => {
    const admin = await ensureSuperAdmin();
    const report = (await adminJson(token, `/journey-map/next-content?journey=${DEMO}`)).data;
    const first = report.items[0];
    const brief = (await adminJson(token, `/journey-map/next-content/brief?journey=${DEMO}&phase=${first.phase.documentId}&persona=${first.persona.documentId}&locale=en`)).data;
    await adminCall(token, 'PUT', '/journey-map/settings', { briefFields: { [ARTICLE]: 'body' } });
    const { page, consoleErrors } = await newPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
    let draftId = '';
    try {
      await withFailureScreenshot(page, 'next-content-brief', async () => {
        await login(page, admin.email, admin.password);
        await page.goto(`${PAGE}&locale=en`);
        await page.getByTestId('next-list').waitFor();
        const opener = page.getByRole('button', { name: `Brief for ${cellName(first)}` });
        await opener.focus();
        await page.keyboard.press('Enter');
        const dialog = await dialogOpen(page);
        await dialog.getByTestId('brief').waitFor();
        await dialog.getByRole('heading', { name: `Persona: ${first.persona.name}` }).waitFor();
        await dialog.getByRole('heading', { name: `Phase: ${first.phase.name}` }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, 'next-content-brief');

        await dialog.getByRole('button', { name: 'Copy as Markdown' }).click();
        await page.getByText('The brief was copied as Markdown').waitFor();
        expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(brief.markdown);

        // Escape closes the brief and focus goes back to its button.
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        expect(await hasFocus(opener)).toBe(true);

        await opener.click();
        const again = await dialogOpen(page);
        await again.getByText('with this brief in its “body” field').waitFor();
        await again.getByLabel('Title').fill('What to do when your phone breaks: a checklist');
        await again.getByRole('button', { name: 'Create draft' }).click();
        await page.waitForURL(/\/content-manager\/collection-types\/api::article\.article\/[a-z0-9]+/);
        draftId = page.url().match(/api::article\.article\/([a-z0-9]+)/)![1];
      });
      const draft = await adminCall(token, 'GET', `/content-manager/collection-types/${ARTICLE}/${draftId}?locale=en`);
      expect(draft.body).toBe(brief.markdown);
      expect(draft.publishedAt).toBeNull();

      // Published through the Content Manager's API, the draft counts: the cell is no longer a gap.
      const cellOf = async () => (await adminJson(token, `/journey-map/coverage?journey=${DEMO}`)).data.cells.find((c: any) => c.phase === first.phase.documentId && c.persona === first.persona.documentId);
      expect((await cellOf()).state).toBe('gap');
      await adminCall(token, 'POST', `/content-manager/collection-types/${ARTICLE}/${draftId}/actions/publish?locale=en`, {});
      const after = await cellOf();
      expect(after.count).toBe(1);
      expect(after.state).not.toBe('gap');
      await withFailureScreenshot(page, 'next-content-map', async () => {
        await page.goto(`${BASE_URL}/admin/plugins/journey-map/content-map?journey=${DEMO}`);
        const phaseSlug = coverageSlug(first.phase.name);
        const cell = page.locator(`[data-cell^="${phaseSlug}:"][data-state="${after.state}"]`).filter({ hasText: first.persona.name });
        await cell.first().waitFor();
        // And the ranked list no longer holds it as a gap.
        await page.goto(PAGE);
        await page.getByTestId('next-list').waitFor();
        expect(await page.getByTestId('next-cell').allTextContents()).not.toContain(cellName(first));
      });
    } finally {
      if (draftId) await adminCall(token, 'DELETE', `/content-manager/collection-types/${ARTICLE}/${draftId}?locale=en`);
      await adminCall(token, 'PUT', '/journey-map/settings', { briefFields: {} });
    }
    expect(consoleErrors).toEqual([]);
  });

  it('looks clean at 1280 and 1920 px', async () => {
    const admin = await ensureSuperAdmin();
    for (const width of [1280, 1920]) {
      const { page } = await newPage(browser, width, 1000);
      await login(page, admin.email, admin.password);
      await page.goto(PAGE);
      await page.getByTestId('next-list').waitFor();
      await screenshot(page, `next-content-${width}`);
      await page.getByRole('button', { name: /^Brief for / }).first().click();
      await (await dialogOpen(page)).getByTestId('brief').waitFor();
      await screenshot(page, `next-content-brief-${width}`);
      // Where the weights and the brief fields are set.
      await page.goto(`${BASE_URL}/admin/settings/journey-map`);
      const weights = page.getByRole('heading', { name: 'What to write next' });
      await weights.scrollIntoViewIfNeeded();
      await screenshot(page, `next-content-settings-${width}`);
      await page.goto(`${BASE_URL}/admin/plugins/journey-map/content-types`);
      await page.getByRole('combobox', { name: 'Brief field of Article' }).waitFor();
      await screenshot(page, `next-content-types-${width}`);
      await page.context().close();
    }
  });
});

/** The demo's phase slugs are their names in lower case. */
const coverageSlug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
