import fs from 'fs';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, adminCall, ensureSuperAdmin, login, newPage, screenshot, withFailureScreenshot, withBrowser } from './browser';

const MAP = `${BASE_URL}/admin/plugins/journey-map`;
const DEMO = 'smartphone-repair';

const call = adminCall;

const cellState = (page: Page, cell: string) => page.locator(`[data-cell="${cell}"]`).getAttribute('data-state');
const phaseOrder = (page: Page) => page.locator('[data-phase-header]').evaluateAll((els) => els.map((e) => e.getAttribute('data-phase-header')));

/** A journey as large as a real one gets: eight phases and six personas, imported from a model file. */
const bigJourney = () => ({
  format: 'journey-map/journey@1',
  journey: { name: 'Home broadband', slug: 'home-broadband', product: 'Kumo Fibre' },
  personas: ['Student', 'Remote worker', 'Gamer', 'Family', 'Senior', 'Small office'].map((name, i) => ({
    name,
    slug: `bb-${name.toLowerCase().replace(/ /g, '-')}`,
    summary: `${name} looking for a connection`,
    priority: 10 - i,
  })),
  phases: ['Trigger', 'Research', 'Compare', 'Choose', 'Order', 'Install', 'Use', 'Renew'].map((name, i) => ({
    name,
    slug: name.toLowerCase(),
    funnelBand: (['top', 'top', 'middle', 'middle', 'bottom', 'post-purchase', 'post-purchase', 'post-purchase'] as const)[i],
    customerGoal: `Goal of the ${name.toLowerCase()} phase, in a sentence a marketer would write`,
    questions: 'Which plan fits? How fast is it really?',
    thoughts: 'I hope this is not a hassle.',
    emotionLabel: ['Annoyed', 'Curious', 'Unsure', 'Hopeful', 'Anxious', 'Frustrated', 'Happy', 'Loyal'][i],
    emotionScore: [-1, 0, -1, 1, -1, -2, 2, 1][i],
    touchpoints: ['Search', 'Website'],
    painPoints: 'Too many plans',
    ctas: i === 1 ? [{ label: 'Check your address', actionType: 'visit', kpiMetric: 'address checks', kpiTarget: 1200, kpiPeriod: 'month' }] : [],
  })),
  excludedCells: [{ phase: 'install', persona: 'bb-small-office' }],
});

describe('the journey map and the content map', () => {
  let browser: Browser;
  let token: string;
  withBrowser((opened, superToken) => {
    browser = opened;
    token = superToken;
  });

  it('a marketing lead finds a gap on the content map, drafts content for it, publishes it and sees the gap close', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'content-map-gap', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${MAP}/content-map?journey=${DEMO}`);
      await page.getByTestId('heatmap').waitFor();
      // The seeded demo leaves Advocacy without fresh published content.
      expect(await cellState(page, 'advocacy:busy-parent')).toBe('gap');
      expect(await cellState(page, 'consideration:busy-parent')).toBe('ok');
      await page.getByTestId('untagged-callout').getByText('Tag them').waitFor();
      // One gap analysis: the content gaps and, from the demo's measures, the phases visitors leave.
      const gaps = page.getByTestId('gap-analysis');
      await gaps.getByText('Phase lacks content').first().waitFor();
      await gaps.getByText('Low conversion').first().waitFor();
      await screenshot(page, 'content-map');

      await page.locator('[data-cell="advocacy:busy-parent"]').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Create a draft for this gap').waitFor();
      await dialog.getByRole('combobox', { name: 'Type' }).click();
      await page.getByRole('option', { name: 'Article', exact: true }).click();
      await dialog.getByLabel('Title').fill('How to recommend Kumo repair to a friend');
      await screenshot(page, 'content-map-cell');
      await dialog.getByRole('button', { name: 'Create draft' }).click();

      // The new draft opens in the Content Manager, already tagged, and is published there.
      await page.waitForURL(/\/content-manager\/collection-types\/api::article\.article\/[a-z0-9]+/);
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Published', { exact: false }).first().waitFor();

      const draftId = page.url().match(/api::article\.article\/([a-z0-9]+)/)![1];

      await page.goto(`${MAP}/content-map?journey=${DEMO}`);
      await page.getByTestId('heatmap').waitFor();
      expect(await cellState(page, 'advocacy:busy-parent')).toBe('ok');
      expect(await cellState(page, 'advocacy:tech-enthusiast')).toBe('gap');

      // Leave the demo's gaps as the other browser tests expect them: deleting the entry removes its tags.
      await call(token, 'DELETE', `/content-manager/collection-types/api::article.article/${draftId}?locale=en`);
      await page.reload();
      await page.getByTestId('heatmap').waitFor();
      expect(await cellState(page, 'advocacy:busy-parent')).toBe('gap');
    });
    expect(consoleErrors).toEqual([]);
  });

  it('reorders two phases by drag and drop; the order is kept after a reload and in the content API', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'map-reorder', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${MAP}?journey=${DEMO}`);
      await page.getByTestId('journey-map').waitFor();
      expect((await phaseOrder(page)).slice(0, 3)).toEqual(['awareness', 'consideration', 'decision']);
      // The CTA lane shows the KPI target and, from the demo's measures, the actual behind it.
      const cta = page.locator('[data-lane="cta"][data-phase="consideration"]');
      await cta.getByText('manual downloads: target 500 per month').waitFor();
      await cta.getByText(/Actual [\d,]+ · (at risk|off track)/).waitFor();
      await screenshot(page, 'journey-map');

      await page.locator('[data-phase-header="decision"]').dragTo(page.locator('[data-phase-header="consideration"]'));
      await page.getByText('Phase order saved').waitFor();
      await page.reload();
      await page.getByTestId('journey-map').waitFor();
      expect((await phaseOrder(page)).slice(0, 3)).toEqual(['awareness', 'decision', 'consideration']);

      const apiToken = (await call(token, 'POST', '/admin/api-tokens', { name: 'maps-e2e', type: 'read-only', lifespan: null })).accessKey;
      const res = await fetch(`${BASE_URL}/api/journey-map/journeys/${DEMO}`, { headers: { Authorization: `Bearer ${apiToken}` } });
      expect(res.status).toBe(200);
      const delivered = ((await res.json()) as { data: { phases: Array<{ slug: string }> } }).data;
      expect(delivered.phases.map((p) => p.slug).slice(0, 3)).toEqual(['awareness', 'decision', 'consideration']);

      // Put it back with the move buttons (the keyboard-friendly way).
      await page.getByRole('button', { name: 'Move Decision right' }).click();
      await page.getByText('Phase order saved').first().waitFor();
      await page.locator('[data-phase-header]').nth(1).and(page.locator('[data-phase-header="consideration"]')).waitFor();
      expect((await phaseOrder(page)).slice(0, 3)).toEqual(['awareness', 'consideration', 'decision']);
    });
    expect(consoleErrors).toEqual([]);
  });

  it('exports the map as PNG and the model as JSON, and shows an eight-phase, six-persona journey at 1280 and 1920 px', async () => {
    const imported = await call(token, 'POST', '/journey-map/journeys/import', bigJourney());
    const admin = await ensureSuperAdmin();
    for (const width of [1280, 1920]) {
      const { page, consoleErrors } = await newPage(browser, width, 1000);
      await withFailureScreenshot(page, `map-${width}`, async () => {
        await login(page, admin.email, admin.password);
        await page.goto(`${MAP}?journey=home-broadband`);
        await page.getByTestId('journey-map').waitFor();
        expect(await phaseOrder(page)).toEqual(['trigger', 'research', 'compare', 'choose', 'order', 'install', 'use', 'renew']);
        // The page itself never scrolls sideways: the map scrolls inside its own frame.
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await screenshot(page, `journey-map-${width}`);

        if (width === 1280) {
          const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
          expect(png.suggestedFilename()).toBe('journey-map-home-broadband.png');
          const bytes = fs.readFileSync((await png.path())!);
          expect(bytes.subarray(1, 4).toString()).toBe('PNG');
          const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
          const file = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
          expect(file).toMatchObject({ format: 'journey-map/journey@1', journey: { slug: 'home-broadband' } });
          expect(file.phases).toHaveLength(8);
        }

        await page.goto(`${MAP}/content-map?journey=home-broadband`);
        await page.getByTestId('heatmap').waitFor();
        expect(await page.locator('[data-cell]').count()).toBe(48);
        expect(await cellState(page, 'install:bb-small-office')).toBe('not-applicable');
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await screenshot(page, `content-map-${width}`);
      });
      expect(consoleErrors).toEqual([]);
    }
    // Leave the site as the other browser tests expect it: the demo journey only.
    await call(token, 'DELETE', `/journey-map/journeys/${imported.documentId}?removeAssignments=true`);
    for (const persona of imported.personas) await call(token, 'DELETE', `/journey-map/personas/${persona.documentId}?removeAssignments=true`);
  });

  it('marks a cell not applicable from the content map, and back', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'content-map-na', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${MAP}/content-map?journey=${DEMO}`);
      await page.getByTestId('heatmap').waitFor();
      expect(await cellState(page, 'advocacy:small-business-owner')).toBe('gap');
      await page.locator('[data-cell="advocacy:small-business-owner"]').click();
      await page.getByRole('dialog').getByText('This phase does not apply to this persona', { exact: false }).click();
      await page.locator('[data-cell="advocacy:small-business-owner"][data-state="not-applicable"]').waitFor();
      await page.reload();
      await page.getByTestId('heatmap').waitFor();
      expect(await cellState(page, 'advocacy:small-business-owner')).toBe('not-applicable');
      await page.locator('[data-cell="advocacy:small-business-owner"]').click();
      await page.getByRole('dialog').getByText('This phase does not apply to this persona', { exact: false }).click();
      await page.locator('[data-cell="advocacy:small-business-owner"][data-state="gap"]').waitFor();
    });
    expect(consoleErrors).toEqual([]);
  });
});
