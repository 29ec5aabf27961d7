import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, SCREENSHOTS, createAdmin, ensureSuperAdmin, login, newPage, pickOptions, screenshot, withFailureScreenshot, withBrowser, adminJson } from './browser';

const AUDIT = `${BASE_URL}/admin/plugins/journey-map/audit`;
const DOCS = path.resolve(__dirname, '..', '..', 'docs');

/** A small reader for the rows the CSV export writes (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string) {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A ~1200 px wide copy of a screenshot for the README, rendered by the browser itself (no image tool needed). */
async function smallCopy(browser: Browser, name: string, target: string) {
  const file = fs.readFileSync(path.join(SCREENSHOTS, `${name}.png`));
  const png = file.toString('base64');
  // PNG header: width and height are big-endian at bytes 16 and 20
  const height = Math.round((file.readUInt32BE(20) * 1200) / file.readUInt32BE(16));
  const context = await browser.newContext({ viewport: { width: 1200, height } });
  const page = await context.newPage();
  await page.setContent(`<body style="margin:0"><img src="data:image/png;base64,${png}" style="width:1200px;display:block"></body>`);
  await page.screenshot({ path: path.join(DOCS, target) });
  await context.close();
}

describe('the Audit page', () => {
  let browser: Browser;
  let token: string;
  let journey: { documentId: string; name: string };
  const api = (p: string, init?: RequestInit) => adminJson(token, p, init);
  /** Every row of the audit for a query, through the JSON API, page by page. */
  const allRows = async (query: string) => {
    const rows: any[] = [];
    for (let page = 1; ; page += 1) {
      const body = await api(`/journey-map/audit?${query}&page=${page}&pageSize=100`);
      rows.push(...body.data);
      if (page >= body.meta.pagination.pageCount) return rows;
    }
  };
  const openAudit = async (page: Page, query = '') => {
    await page.goto(`${AUDIT}${query}`);
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
  };

  withBrowser(async (opened, superToken) => {
    browser = opened;
    token = superToken;
    journey = (await api('/journey-map/journeys')).data.find((j: any) => j.slug === 'smartphone-repair');
  });

  it('takes a snapshot, tags two entries, takes another, and the comparison shows exactly those changes', async () => {
    const admin = await ensureSuperAdmin();
    // two fresh, published entries the demo left untagged
    const untagged = (await allRows(`journey=${journey.documentId}&flag=untagged&sort=title:asc`)).filter(
      (r) => r.status === 'published' && r.flags.length === 1 && r.locale === 'en'
    );
    const picked = untagged.slice(0, 2);
    expect(picked).toHaveLength(2);
    // a phase with a cell that two more entries (tagged for all personas) will fill
    const coverage = (await api(`/journey-map/coverage?journey=${journey.documentId}`)).data;
    const target = coverage.phases.find((p: any) =>
      coverage.cells.some((c: any) => c.phase === p.documentId && (c.state === 'gap' || c.state === 'thin') && c.count + 2 >= p.min)
    );
    expect(target).toBeDefined();
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'audit-snapshots', async () => {
      await login(page, admin.email, admin.password);
      await openAudit(page);
      await page.getByRole('button', { name: /^Untagged: \d+ entries/ }).waitFor();
      await page.getByRole('link', { name: picked[0].title }).or(page.getByRole('row').nth(1)).first().waitFor();
      await screenshot(page, 'audit');
      for (const width of [1280, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `audit-${width}`);
      }
      await page.setViewportSize({ width: 1440, height: 900 });

      // first snapshot
      await page.getByRole('tab', { name: 'Snapshots' }).click();
      await page.getByText('No snapshot of this journey yet', { exact: false }).waitFor();
      await page.getByLabel('Note').fill('Before tagging');
      await page.getByRole('button', { name: 'Take snapshot' }).click();
      await page.getByRole('row').filter({ hasText: 'Before tagging' }).waitFor();

      // tag the two entries from the audit table, filtered to the untagged ones
      await openAudit(page, `?journey=${journey.documentId}&flag=untagged&sort=title:asc&pageSize=100`);
      expect(await page.getByRole('button', { name: /^Untagged: / }).getAttribute('aria-pressed')).toBe('true');
      for (const row of picked) await page.getByRole('checkbox', { name: `Select ${row.title}` }).click();
      await page.getByText('2 entries selected').waitFor();
      await page.getByRole('button', { name: 'Tag', exact: true }).click();
      await page.getByRole('dialog').getByText('Tag 2 entries with journey phases').waitFor();
      await pickOptions(page, 'Phases', [target.name]);
      await page.getByRole('dialog').getByRole('button', { name: 'Add tags' }).click();
      await page.getByText('Journey tags added to 2 entries').waitFor();
      // tagged, they leave the untagged list
      for (const row of picked) await page.getByRole('checkbox', { name: `Select ${row.title}` }).waitFor({ state: 'detached' });

      // second snapshot, then compare the two
      await page.getByRole('tab', { name: 'Snapshots' }).click();
      await page.getByLabel('Note').fill('After tagging');
      await page.getByRole('button', { name: 'Take snapshot' }).click();
      await page.getByRole('row').filter({ hasText: 'After tagging' }).waitFor();
      await screenshot(page, 'audit-snapshot-list');
      for (const note of ['Before tagging', 'After tagging']) await page.getByRole('row').filter({ hasText: note }).getByRole('checkbox').click();
      await page.getByRole('button', { name: 'Compare' }).click();
      await page.getByRole('heading', { name: 'Entries tagged' }).waitFor();

      const snapshots = (await api(`/journey-map/snapshots?journey=${journey.documentId}`)).data;
      const [after, before] = snapshots;
      expect([before.note, after.note]).toEqual(['Before tagging', 'After tagging']);
      const diff = (await api(`/journey-map/snapshots/compare?from=${before.documentId}&to=${after.documentId}`)).data;
      const key = (r: any) => `${r.contentType}|${r.documentId}|${r.locale}`;
      expect(diff.entriesTagged.map(key).sort()).toEqual(picked.map(key).sort());
      expect(diff.entriesGoneStale).toEqual([]);
      expect(diff.newGaps).toEqual([]);
      expect(diff.counts.untagged.delta).toBe(-2);
      // the two fresh entries close gaps of that phase, and of no other
      expect(diff.gapsClosed.length).toBeGreaterThan(0);
      expect(diff.gapsClosed.every((c: any) => c.phase.documentId === target.documentId)).toBe(true);

      const section = (title: string) => page.getByRole('region', { name: title, exact: true });
      const items = async (title: string) => (await section(title).getByRole('listitem').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
      const tagged = await items('Entries tagged');
      expect(tagged).toHaveLength(2);
      for (const row of picked) expect(tagged.some((text) => text.startsWith(row.title))).toBe(true);
      expect(await items('Entries gone stale')).toEqual([]);
      expect(await items('New gaps')).toEqual([]);
      const closed = await items('Gaps closed');
      expect(closed).toHaveLength(diff.gapsClosed.length);
      for (const c of diff.gapsClosed) expect(closed.some((text) => text.startsWith(`${c.phase.name} × ${c.persona.name}`))).toBe(true);
      await page.getByRole('region', { name: 'Comparison' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.getByText('Snapshot taken').waitFor({ state: 'hidden' });
      // tall enough for the whole comparison
      await page.setViewportSize({ width: 1440, height: 1350 });
      await page.getByRole('region', { name: 'Comparison' }).evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await page.waitForTimeout(500);
      await screenshot(page, 'audit-compare');
    });
    expect(consoleErrors).toEqual([]);
    if (process.env.UPDATE_DOCS === '1') {
      await smallCopy(browser, 'audit', 'audit.png');
      await smallCopy(browser, 'audit-compare', 'snapshots.png');
    }
    // Leave the demo's gaps as the other browser tests expect them: untag the two entries again.
    for (const row of picked) {
      await api('/journey-map/assignments/bulk', {
        method: 'POST',
        body: JSON.stringify({ contentType: row.contentType, documentIds: [row.documentId], ...(row.locale ? { locale: row.locale } : {}), mode: 'remove', phases: [target.documentId] }),
      });
    }
    // The second snapshot recorded today's coverage with those gaps closed; a third records them open
    // again, so that the coverage history (what to write next: how long a cell has been a gap) reads as
    // the demo's again.
    await api('/journey-map/snapshots', { method: 'POST', body: JSON.stringify({ journey: journey.documentId, note: 'After undoing' }) });
  });

  it('exports the filtered set as a CSV whose rows are exactly those of the audit API', async () => {
    const admin = await ensureSuperAdmin();
    const { page, consoleErrors } = await newPage(browser);
    const query = `journey=${journey.documentId}&locale=en&sort=title:asc`;
    await withFailureScreenshot(page, 'audit-csv', async () => {
      await login(page, admin.email, admin.password);
      await openAudit(page, `?${query}`);
      await page.getByRole('row').nth(1).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^journey-map-audit-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = fs.readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
      expect(header).toEqual(['contentType', 'documentId', 'locale', 'title', 'status', 'updatedAt', 'phases', 'personas', 'flags']);

      const expected = await allRows(query);
      expect(rows.length).toBe(expected.length);
      expect(expected.length).toBeGreaterThan(10);
      rows.forEach((row, i) => {
        const e = expected[i];
        expect(row).toEqual([
          e.contentType,
          e.documentId,
          e.locale ?? '',
          e.title ?? '',
          e.status,
          e.updatedAt ?? '',
          e.phases.map((p: any) => p.name).join('; '),
          e.personas.map((p: any) => p.name).join('; '),
          e.flags.join('; '),
        ]);
      });
    });
    expect(consoleErrors).toEqual([]);
  });

  it('switches the daily snapshot on in the settings', async () => {
    const admin = await ensureSuperAdmin();
    expect((await api('/journey-map/settings')).data.dailySnapshot).toBe(false);
    const { page, consoleErrors } = await newPage(browser);
    await withFailureScreenshot(page, 'audit-daily-setting', async () => {
      await login(page, admin.email, admin.password);
      await page.goto(`${BASE_URL}/admin/settings/journey-map`);
      await page.getByRole('heading', { name: 'Snapshots' }).waitFor();
      await page.getByRole('checkbox', { name: 'Take a daily snapshot' }).or(page.getByRole('switch', { name: 'Take a daily snapshot' })).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Settings saved').waitFor();
    });
    expect((await api('/journey-map/settings')).data.dailySnapshot).toBe(true);
    await api('/journey-map/settings', { method: 'PUT', body: JSON.stringify({ dailySnapshot: false }) });
    expect(consoleErrors).toEqual([]);
  });

  it('keeps the filters in the URL and shows a read-only role neither selection nor snapshot taking', async () => {
    // The audit lists only entries the role may read in the Content Manager: this reader reads every tracked type.
    const tracked = ['api::article.article', 'api::faq.faq', 'api::landing-page.landing-page', 'api::case-study.case-study'];
    const reader = await createAdmin(token, 'Audit reader', [
      { action: 'plugin::journey-map.read' },
      ...tracked.map((subject) => ({ action: 'plugin::content-manager.explorer.read', subject, properties: { locales: ['en', 'ja'] } })),
    ]);
    const { page } = await newPage(browser);
    await withFailureScreenshot(page, 'audit-rbac', async () => {
      await login(page, reader.email, reader.password);
      await openAudit(page, '?flag=stale');
      await page.getByRole('row').nth(1).waitFor();
      expect(await page.getByRole('button', { name: /^Stale: / }).getAttribute('aria-pressed')).toBe('true');
      const stale = (await allRows('flag=stale')).length;
      expect(await page.getByRole('row').count()).toBe(stale + 1);
      await page.reload();
      await page.getByRole('row').nth(1).waitFor();
      expect(await page.getByRole('row').count()).toBe(stale + 1);
      expect(await page.getByRole('checkbox').count()).toBe(0);
      await page.getByRole('tab', { name: 'Snapshots' }).click();
      await page.getByText('Your role can read and compare snapshots', { exact: false }).waitFor();
      expect(await page.getByRole('button', { name: 'Take snapshot' }).count()).toBe(0);
    });
  });
});
