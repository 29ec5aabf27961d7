import type { Browser } from 'playwright-core';
import { axeViolations } from './axe';
import { BASE_URL, adminJson, ensureSuperAdmin, login, newPage, screenshot, withBrowser, withFailureScreenshot } from './browser';

const MAP = `${BASE_URL}/admin/plugins/journey-map/content-map?journey=smartphone-repair`;
const MANUAL = 'Download the manual on what to do when your smartphone breaks';

/**
 * "How it performs" on the content map, the audit's "Nobody reads it" and the manual CTA's imported
 * actual, from the demo's sample of imported analytics (playground/src/seed/analytics.ts; the clock is
 * JOURNEY_MAP_NOW, 2026-11-30). Reads only: the demo is left as it was.
 */
describe('how the content performs (imported analytics)', () => {
  let browser: Browser;
  let token: string;
  const slugs = new Map<string, string>();
  withBrowser(async (opened, superToken) => {
    browser = opened;
    token = superToken;
    const journey = (await adminJson(token, '/journey-map/journeys/smartphone-repair')).data;
    for (const p of [...journey.phases, ...journey.personas]) slugs.set(p.documentId, p.slug);
  });
  const performance = async (query: string) => (await adminJson(token, `/journey-map/coverage/performance?journey=smartphone-repair${query}`)).data;
  /** Each cell's views and conversions as the API answers them, by the map's `data-cell` key. */
  const byCell = (report: any) => new Map<string, string>(report.cells.map((c: any) => [`${slugs.get(c.phase)}:${slugs.get(c.persona)}`, `${c.views}/${c.conversions}`]));

  it('the API answers the seeded sample: GA4 by day, Plausible as one 60-day row, prorated', async () => {
    const month = await performance('&days=30');
    expect(month.range).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30 });
    expect(month.analytics).toEqual({
      imported: true,
      sources: [
        { source: 'ga4', first: '2026-11-01', last: '2026-11-30' },
        { source: 'plausible', first: '2026-10-02', last: '2026-11-30' },
      ],
    });
    // The Japanese manual page: one Plausible row of 60 days (38 × 60 × 0.35 = 798 views), half of it in 30 days.
    const cell = await performance(`&days=30&locale=ja&phase=${[...slugs].find(([, s]) => s === 'consideration')![0]}`);
    const manual = cell.cell.entries.find((e: any) => e.title === 'スマホ故障マニュアル');
    expect([manual.views, manual.conversions]).toEqual([399, 48]);
    const unread = await adminJson(token, '/journey-map/audit?journey=smartphone-repair&flag=unread&pageSize=100');
    expect(unread.meta.unread).toMatchObject({ computed: true, from: '2026-11-01', to: '2026-11-30' });
    expect(unread.data.map((r: any) => r.title).sort()).toEqual(['Is my data safe during a repair?', 'Meet the Kumo X3']);
  });

  for (const width of [1280, 1920]) {
    it(`a marketing lead switches the map to how it performs, picks a period and ranks a cell's entries (${width} px)`, async () => {
      const admin = await ensureSuperAdmin();
      const { page, consoleErrors } = await newPage(browser, width, 1000);
      await withFailureScreenshot(page, `performance-${width}`, async () => {
        await login(page, admin.email, admin.password);
        await page.goto(MAP);
        await page.getByTestId('heatmap').waitFor();

        // The switch, by keyboard; the address keeps it.
        const toggle = page.getByRole('switch', { name: 'How it performs (imported views and conversions)' });
        await toggle.focus();
        await page.keyboard.press('Space');
        const note = page.getByTestId('performance-note');
        await note.waitFor();
        expect(page.url()).toContain('view=performance');
        expect(await note.innerText()).toContain('Nov 1, 2026 – Nov 30, 2026, imported from GA4, Plausible');
        expect(await note.innerText()).toContain('prorated by overlapping days');
        const month = byCell(await performance('&days=30'));
        const shown = async () =>
          new Map(
            await page.locator('[data-cell]').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-cell')!, `${c.getAttribute('data-views')}/${c.getAttribute('data-conversions')}`] as [string, string]))
          );
        expect(await shown()).toEqual(month);
        // The numbers are in each cell's accessible name too.
        const [views, conversions] = month.get('consideration:busy-parent')!.split('/');
        await page.locator('[data-cell="consideration:busy-parent"]').getByText(`${views} views, ${conversions} conversions`).waitFor({ state: 'attached' });
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `content-map-performance-${width}`);

        // The last 7 days.
        await page.getByRole('combobox', { name: 'Period' }).click();
        await page.getByRole('option', { name: 'Last 7 days' }).click();
        await page.waitForURL(/days=7/);
        const week = byCell(await performance('&days=7'));
        await page.waitForFunction(
          ([key, value]) => {
            const cell = (globalThis as any).document.querySelector(`[data-cell="${key}"]`);
            return cell && `${cell.getAttribute('data-views')}/${cell.getAttribute('data-conversions')}` === value;
          },
          ['awareness:busy-parent', week.get('awareness:busy-parent')!]
        );
        expect(await shown()).toEqual(week);

        // The cell dialog ranks its entries, most viewed first.
        await page.locator('[data-cell="consideration:busy-parent"]').click();
        const ranked = page.getByTestId('cell-performance');
        await ranked.getByTestId('ranked-entry').first().waitFor();
        const consideration = [...slugs].find(([, s]) => s === 'consideration')![0];
        const parent = [...slugs].find(([, s]) => s === 'busy-parent')![0];
        const cell = (await performance(`&days=7&phase=${consideration}&persona=${parent}`)).cell;
        const rows = await ranked.getByTestId('ranked-entry').allInnerTexts();
        expect(rows.map((r) => r.split(/\t|\n/).filter(Boolean)[0])).toEqual(cell.entries.map((e: any) => String(e.rank)));
        expect(rows[0]).toContain(cell.entries[0].title);
        expect(cell.entries[0].views).toBeGreaterThanOrEqual(cell.entries[cell.entries.length - 1].views);
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `content-map-performance-cell-${width}`);
        await page.keyboard.press('Escape');

        // A period without imports says so, and how to import.
        await page.goto(`${MAP}&view=performance&from=2025-01-01&to=2025-01-31`);
        const empty = page.getByTestId('performance-empty');
        await empty.waitFor();
        expect(await empty.innerText()).toContain('No analytics imported for Jan 1, 2025 – Jan 31, 2025');
        expect(await empty.getByRole('link', { name: 'Import analytics' }).getAttribute('href')).toContain('/plugins/journey-map/measure');
        expect(await page.getByLabel('From').inputValue()).toBe('2025-01-01');
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `content-map-performance-empty-${width}`);

        // The Measure page says where the manual CTA's actual comes from.
        await page.goto(`${BASE_URL}/admin/plugins/journey-map/measure?journey=smartphone-repair`);
        const card = page.locator('[data-testid^="kpi-card-"]').filter({ hasText: MANUAL });
        await card.getByTestId('kpi-origin').waitFor();
        expect(await card.getByTestId('kpi-origin').innerText()).toBe(
          'Actual from imported from GA4 · imported event: file_download with a link that contains /broken-phone-manual; rows over several days prorated by day'
        );
        expect(await page.locator('[data-testid^="kpi-card-"]').filter({ hasText: 'Book a repair' }).getByTestId('kpi-origin').innerText()).toBe('Actual from the snippet');
        await screenshot(page, `measure-origins-${width}`);

        // The audit's card.
        await page.goto(`${BASE_URL}/admin/plugins/journey-map/audit?journey=smartphone-repair`);
        await page.getByRole('button', { name: /^Nobody reads it: 2 entries\. Filter by this flag$/ }).waitFor();
        expect(consoleErrors).toEqual([]);
      });
      await page.close();
    });
  }
});
