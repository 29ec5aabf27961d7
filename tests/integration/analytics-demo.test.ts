import fs from 'fs';
import path from 'path';
import { databaseClient } from '../helpers/database';
import { adminApi, type AdminApi } from '../helpers/fixtures';
import { registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

/*
 * The demo, end to end: the seeded site (journey, content, measures, URL patterns) at the last day of
 * November 2026, and the sample exports a marketing lead would import from playground/samples/ through
 * the real route. Each tool's events fill the manual-download CTA's actual, and the page reports fill the
 * content map's "how it performs" view. The expected numbers are read from the sample files themselves.
 */
const SAMPLES = path.resolve(__dirname, '..', '..', 'playground', 'samples');
const IMPORTS = '/journey-map/measure/imports';
/** The demo CTA's rule: the link contains /broken-phone-manual, in any case (a fragment or a host in capitals too). */
const isManual = (link: string) => link.toLowerCase().includes('/broken-phone-manual');
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

/** The sample's rows as objects (the first line that names `column` is the header; `#` lines skipped). */
function rowsOf(file: string, column: string, encoding: BufferEncoding = 'utf8'): Array<Record<string, string>> {
  const lines = fs.readFileSync(path.join(SAMPLES, file), encoding).replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
  const at = lines.findIndex((l) => l.split(',').includes(column));
  const header = lines[at].split(',');
  return lines.slice(at + 1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
}
const sum = (rows: Array<Record<string, string>>, column: string) => rows.reduce((n, r) => n + Number(r[column]), 0);

describe(`the demo with the sample analytics exports on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let token: string;
  let journey: string;
  let manual: string;

  const upload = (file: string, fields: Record<string, string> = {}) => {
    let r = app.http().post(IMPORTS).set('Authorization', `Bearer ${token}`).attach('file', path.join(SAMPLES, file));
    for (const [k, v] of Object.entries(fields)) r = r.field(k, v);
    return r;
  };
  const manualKpi = async () => (await api.get(`/journey-map/measure/kpis?journey=${journey}`).expect(200)).body.data.find((c: any) => c.cta.documentId === manual);
  const performance = async (source: string) =>
    (await api.get(`/journey-map/coverage/performance?journey=${journey}&source=${source}&from=${NOVEMBER.from}&to=${NOVEMBER.to}`).expect(200)).body.data;

  beforeAll(async () => {
    app = await startStrapi('analytics-demo', { PLAYGROUND_SEED: 'true', JOURNEY_MAP_NOW: '2026-11-30T12:00:00.000Z', JOURNEY_MAP_SUGGESTIONS_AFTER_BOOT_MS: '3600000' });
    token = (await registerSuperAdmin(app)).token;
    api = adminApi(app, token);
    const j = (await api.get('/journey-map/journeys/smartphone-repair').expect(200)).body.data;
    journey = j.documentId;
    const ctas = (await api.get(`/journey-map/ctas?journey=${journey}`).expect(200)).body.data;
    manual = ctas.find((c: any) => c.kpiMetric === 'manual downloads').documentId;
  }, 240_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("GA4: the sample's file_download events of the manual become the CTA's November actual", async () => {
    const expected = sum(rowsOf('ga4-events.csv', 'Event name').filter((r) => r['Event name'] === 'file_download' && isManual(r['Link URL'])), 'Event count');
    expect(expected).toBeGreaterThan(0);
    const summary = (await upload('ga4-events.csv').expect(200)).body.data;
    expect(summary).toMatchObject({ written: true, source: 'ga4', kind: 'events', period: { start: NOVEMBER.from, end: NOVEMBER.to }, rejected: { count: 0 } });
    const kpi = await manualKpi();
    expect(kpi.currentPeriod.period).toBe('2026-11');
    expect(kpi.imported).toMatchObject({ eventName: 'file_download', source: 'ga4', mode: 'replace', value: expected, sources: ['ga4'] });
    expect([kpi.actual, kpi.origins]).toEqual([expected, ['ga4']]);
  });

  it('GA4: the page report fills the content map with the views of the tagged entries it matched', async () => {
    const summary = (await upload('ga4-pages.csv').expect(200)).body.data;
    expect(summary).toMatchObject({ written: true, source: 'ga4', kind: 'pages', rejected: { count: 0 } });
    const report = await performance('ga4');
    // Oracle: the stored November rows of GA4 for the entries tagged in this journey, summed in the test.
    const k = app.strapi.db.connection;
    const tagged = await k('jm_assignments').distinct('content_type', 'entry_document_id', 'entry_locale').where('journey_id', journey);
    const keys = new Set(tagged.map((t: any) => `${t.content_type}|${t.entry_document_id}|${t.entry_locale}`));
    const rows = await k('jm_analytics_days').where({ source: 'ga4' }).where('period_start', '>=', NOVEMBER.from).where('period_end', '<=', NOVEMBER.to);
    const mine = rows.filter((r: any) => keys.has(`${r.content_type}|${r.entry_document_id}|${r.entry_locale}`));
    const views = mine.reduce((n: number, r: any) => n + Number(r.views), 0);
    expect(views).toBeGreaterThan(0);
    expect(report.totals.views).toBe(views);
    expect(report.cells.some((c: any) => c.views > 0)).toBe(true);
  });

  it("Plausible: the custom events export fills the actual once the CTA reads Plausible's File Download goal", async () => {
    const expected = sum(rowsOf('plausible-custom-events.csv', 'name').filter((r) => r.name === 'File Download' && isManual(r.link_url)), 'events');
    expect(expected).toBeGreaterThan(0);
    await upload('plausible-custom-events.csv').expect(200);
    await api.put(`/journey-map/ctas/${manual}`, { importEventName: 'File Download', importSource: 'plausible', importMode: 'replace' }).expect(200);
    const kpi = await manualKpi();
    expect([kpi.actual, kpi.origins, kpi.imported.value]).toEqual([expected, ['plausible'], expected]);
  });

  it("Matomo: the events report (UTF-16, no date per row) fills the actual for the period it is imported for", async () => {
    const expected = Number(rowsOf('matomo-events.csv', 'label', 'utf16le').find((r) => r.label === 'file_download')!.nb_events);
    await upload('matomo-events.csv', { periodStart: NOVEMBER.from, periodEnd: NOVEMBER.to }).expect(200);
    await api.put(`/journey-map/ctas/${manual}`, { importEventName: 'file_download', importLink: null, importSource: 'matomo', importMode: 'replace' }).expect(200);
    const kpi = await manualKpi();
    expect([kpi.actual, kpi.origins]).toEqual([expected, ['matomo']]);
  });

  it('a bad file changes nothing and names the row and column', async () => {
    const k = app.strapi.db.connection;
    const before = await k('jm_analytics_days').count({ n: '*' });
    const broken = path.join(SAMPLES, '..', '.tmp-broken-ga4.csv');
    const text = fs.readFileSync(path.join(SAMPLES, 'ga4-pages.csv'), 'utf8').split('\n');
    const header = text.findIndex((l) => l.startsWith('Page path'));
    const cells = text[header + 2].split(',');
    cells[1] = 'lots';
    text[header + 2] = cells.join(',');
    fs.writeFileSync(broken, text.join('\n'));
    try {
      const res = await app.http().post(IMPORTS).set('Authorization', `Bearer ${token}`).attach('file', broken).expect(400);
      expect(res.body.error.message).toMatch(new RegExp(`row ${header + 3}, column "[^"]+": "lots" is not a number`));
    } finally {
      fs.rmSync(broken, { force: true });
    }
    expect(await k('jm_analytics_days').count({ n: '*' })).toEqual(before);
  });
});
