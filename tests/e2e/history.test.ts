import type { Browser } from 'playwright-core';
import { axeViolations } from './axe';
import { BASE_URL, adminJson, ensureSuperAdmin, login, newPage, screenshot, withBrowser, withFailureScreenshot } from './browser';

const MAP = `${BASE_URL}/admin/plugins/journey-map/content-map?journey=smartphone-repair`;

/**
 * Coverage over time on the content map, from the demo's seeded 89 days of cell history (the clock is
 * JOURNEY_MAP_NOW, 2026-11-30): Advocacy's cells became gaps 20 days ago, Decision × Small business
 * owner stopped being one 12 days ago. Reads only: the demo is left as it was.
 */
describe('the content map over time', () => {
  let browser: Browser;
  let token: string;
  withBrowser((opened, superToken) => {
    browser = opened;
    token = superToken;
  });

  it('the API answers the seeded series and changes', async () => {
    const history = (await adminJson(token, '/journey-map/coverage/history?journey=smartphone-repair&days=90')).data;
    expect(history.days[89]).toBe('2026-11-30');
    expect(history.recordedDays).toBe(89);
    const changes = (await adminJson(token, '/journey-map/coverage/changes?journey=smartphone-repair&since=2026-10-31')).data;
    expect(changes.comparedWith).toBe('2026-10-31');
    const names = new Map<string, string>();
    const journey = (await adminJson(token, '/journey-map/journeys/smartphone-repair')).data;
    for (const p of [...journey.phases, ...journey.personas]) names.set(p.documentId, p.slug);
    const cells = (list: any[]) => list.map((c) => `${names.get(c.phase)}:${names.get(c.persona)}`).sort();
    expect(cells(changes.opened)).toEqual(['advocacy:busy-parent', 'advocacy:small-business-owner', 'advocacy:tech-enthusiast']);
    expect(cells(changes.closed)).toEqual(['decision:small-business-owner']);
  });

  for (const width of [1280, 1920]) {
    it(`a marketing lead switches on the last 90 days and reads what changed (${width} px)`, async () => {
      const admin = await ensureSuperAdmin();
      const { page, consoleErrors } = await newPage(browser, width, 1000);
      await withFailureScreenshot(page, `history-${width}`, async () => {
        await login(page, admin.email, admin.password);
        await page.goto(MAP);
        await page.getByTestId('heatmap').waitFor();
        expect(await page.getByTestId('sparkline').count()).toBe(0);

        // The switch, by keyboard.
        const toggle = page.getByRole('switch', { name: 'Show the last 90 days' });
        await toggle.focus();
        await page.keyboard.press('Space');
        await page.getByTestId('history-note').waitFor();
        expect(await toggle.getAttribute('aria-checked')).toBe('true');
        expect(page.url()).toContain('history=on');
        expect(await page.getByTestId('sparkline').count()).toBe(await page.locator('[data-cell]').count());
        // The text equivalent is in each cell's accessible name.
        await page.getByRole('button', { name: /^Advocacy × Busy parent: 0 entries, Gap\. Was a gap on 19 of the last 90 days$/ }).waitFor();
        await page.getByRole('button', { name: /^Decision × Small business owner: \d+ entries, OK\. Was a gap on 78 of the last 90 days$/ }).waitFor();

        // Changes since 30 days ago (the default).
        const changes = page.getByTestId('changes-since');
        await changes.getByText('Gaps opened (3)').waitFor();
        expect(await page.getByTestId('gaps-opened').locator('li').allInnerTexts()).toEqual([
          'Advocacy × Busy parent (1 then)',
          'Advocacy × Tech enthusiast (1 then)',
          'Advocacy × Small business owner (1 then)',
        ]);
        expect(await page.getByTestId('gaps-closed').locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^Decision × Small business owner \(\d+ now\)$/)]);
        // A later day: only what changed since then.
        await changes.getByLabel('Since').fill('2026-11-15');
        await changes.getByText('Gaps opened (0)').waitFor();
        await changes.getByText('Gaps closed (1)').waitFor();
        await changes.getByLabel('Since').fill('2026-10-31');
        await changes.getByText('Gaps opened (3)').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `content-map-history-${width}`);

        // The cell dialog's table of the series.
        await page.locator('[data-cell="advocacy:busy-parent"]').click();
        const table = page.getByTestId('cell-history');
        await table.getByText('Was a gap on 19 of the last 90 days · a gap since Nov 11, 2026').waitFor();
        expect(await table.locator('tbody tr').count()).toBe(89);
        expect(await table.locator('tbody tr').first().innerText()).toMatch(/^Nov 29, 2026\s+0\s+Gap$/);
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `content-map-history-dialog-${width}`);
        await page.keyboard.press('Escape');
        await page.getByTestId('cell-history').waitFor({ state: 'detached' });
      });
      expect(consoleErrors).toEqual([]);
      await page.close();
    });
  }
});
