import { databaseClient } from '../helpers/database';
import { seedDemoMeasures } from '../../playground/src/seed/measure';
import { adminApi, demoJourney, type AdminApi } from '../helpers/fixtures';
import { INSTANTS } from '../helpers/instants';
import { adminWithPermissions, clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

const EVENTS = '/api/journey-map/events';
const DAY = 86_400_000;
const monthOf = (d: string) => d.slice(0, 7);
/** The UTC month containing `now`: its first instant, the next month's, and its neighbours' labels. */
const monthAround = (now: Date) => {
  const [y, m] = [now.getUTCFullYear(), now.getUTCMonth()];
  const label = (t: number) => new Date(t).toISOString().slice(0, 7);
  return { start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1), labels: [label(Date.UTC(y, m - 2, 1)), label(Date.UTC(y, m - 1, 1)), label(Date.UTC(y, m, 1))] };
};

describe(`KPIs, paths and measured gaps on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  let bookCta: string;
  /** Today on the app's clock (the system clock, or JOURNEY_MAP_NOW when CI sets it). */
  const day = (offset = 0) => new Date(clockOf(app).now().getTime() + offset * DAY).toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startStrapi('measure-report');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
    bookCta = (await api.post('/journey-map/ctas', { label: 'Book a repair', phase: d.phases.purchase, kpiMetric: 'bookings', kpiBaseline: 180, kpiTarget: 250, kpiPeriod: 'month' }).expect(200)).body.data.documentId;
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'plugin::journey-map.events.ingest', role: role.id } });
    await api.put('/journey-map/settings', { rateLimitPerMinute: 100000 }).expect(200);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('gives exactly the expected path numbers for a scripted set of sessions', async () => {
    const p = d.phases;
    const twoHoursAgo = new Date(clockOf(app).now().getTime() - 2 * 3600_000).toISOString();
    const visits: Array<[string, string[]]> = [
      ['session-one', [p.awareness, p.consideration, p.decision, p.purchase]],
      ['session-two', [p.awareness, p.consideration]],
      ['session-three', [p.consideration, p.awareness, p.consideration]],
      ['session-four', [p.awareness, p.decision]],
      ['session-five', [p.consideration, p.consideration]],
      ['session-six', [p.decision]],
    ];
    for (const [session, phases] of visits) {
      for (const phase of phases) await app.http().post(EVENTS).send({ type: 'view', phase, session }).expect(200);
    }
    // A visitor back after the 30-minute session TTL enters again instead of moving on.
    await app.http().post(EVENTS).send({ type: 'view', phase: p.awareness, session: 'session-seven', at: twoHoursAgo }).expect(200);
    await app.http().post(EVENTS).send({ type: 'view', phase: p.consideration, session: 'session-seven' }).expect(200);

    const body = (await api.get(`/journey-map/measure/paths?journey=${d.slug}`).expect(200)).body.data;
    expect(body.sessions).toBe(8);
    expect(body.mainEntry.documentId).toBe(p.awareness);
    expect(body.threshold).toBe(0.25);
    const rows = Object.fromEntries(body.phases.map((r: any) => [r.slug, r]));
    const pick = (r: any) => [r.entries, r.arrivals, r.reached, r.toNext, r.skippedAhead, r.backward, r.dropOff, r.conversionToNext, r.lowConversion];
    expect(pick(rows.awareness)).toEqual([4, 1, 5, 3, 1, 0, 1, 0.6, false]);
    expect(pick(rows.consideration)).toEqual([3, 3, 6, 1, 0, 1, 4, 1 / 6, true]);
    expect(pick(rows.decision)).toEqual([1, 2, 3, 1, 0, 0, 2, 1 / 3, false]);
    expect(pick(rows.purchase)).toEqual([0, 1, 1, 0, 0, 0, 1, 0, true]);
    expect(pick(rows.retention)).toEqual([0, 0, 0, 0, 0, 0, 0, null, false]);
    expect(pick(rows.advocacy)).toEqual([0, 0, 0, 0, 0, 0, 0, null, false]);
    expect(body.totals).toEqual({ entries: 8, next: 5, skip: 1, backward: 1, dropOff: 8 });
    const skip = body.flows.find((f: any) => f.kind === 'skip');
    expect(skip).toEqual({ from: p.awareness, to: p.decision, count: 1, kind: 'skip', skipped: [p.consideration] });
    expect(body.flows.find((f: any) => f.kind === 'backward')).toMatchObject({ from: p.consideration, to: p.awareness, count: 1 });

    const empty = (await api.get(`/journey-map/measure/paths?journey=${d.slug}&from=2020-01-01&to=2020-01-31`).expect(200)).body.data;
    expect(empty).toMatchObject({ sessions: 0, mainEntry: null, range: { from: '2020-01-01', to: '2020-01-31' } });
    expect((await api.get(`/journey-map/measure/paths?journey=${d.slug}&from=2020-02-30`).expect(400)).body.error.message).toMatch(/query\.from/);
    expect((await api.get(`/journey-map/measure/paths?journey=${d.slug}&from=2020-03-01&to=2020-02-01`).expect(400)).body.error.message).toMatch(/query\.from/);
    await api.get('/journey-map/measure/paths?journey=no-such-journey').expect(404);
  });

  it.each(INSTANTS)('reports target vs actual per CTA at %s: measured, projected from the time elapsed, with a trend', async (_label, iso) => {
    const now = new Date(iso);
    clockOf(app).freeze(now);
    try {
      const metrics = app.strapi.db.connection;
      const month = monthAround(now);
      const today = iso.slice(0, 10);
      const lastOfPrevious = new Date(month.start - DAY).toISOString().slice(0, 10);
      const base = { journey_id: d.journey, phase_id: d.phases.consideration, cta_id: d.cta, event_type: 'conversion' };
      await metrics('jm_metric_counters').where({ cta_id: d.cta }).del();
      await metrics('jm_metric_counters').insert([
        { ...base, day: lastOfPrevious, total: 430 },
        { ...base, day: today, total: 240 },
        { ...base, day: today, event_type: 'view', total: 12000 },
      ]);
      const kpis = (await api.get(`/journey-map/measure/kpis?journey=${d.journey}&periods=3`).expect(200)).body.data;
      const manual = kpis.find((c: any) => c.cta.documentId === d.cta);
      // The month is in progress until its last instant; its projection divides by the time elapsed.
      const share = (now.getTime() - month.start) / (month.end - month.start);
      const projected = share >= 1 / 30 ? Math.round(240 / share) : null;
      const status = projected === null ? 'noData' : projected >= 500 ? 'onTrack' : projected >= 450 ? 'atRisk' : 'offTrack';
      expect(manual).toMatchObject({
        cta: { documentId: d.cta, label: 'Download the manual on what to do when your smartphone breaks', phase: { documentId: d.phases.consideration, slug: 'consideration' }, persona: null },
        metric: 'manual downloads', target: 500, direction: 'higher', period: 'month',
        actual: 240, source: 'measured', projected, status,
        currentPeriod: { period: monthOf(today), partial: true },
        events: { view: 12000, click: 0, conversion: 240 },
      });
      expect(manual.trend.map((t: any) => [t.period, t.value, t.partial])).toEqual([
        [month.labels[0], null, false],
        [month.labels[1], 430, false],
        [month.labels[2], 240, true],
      ]);
    } finally {
      clockOf(app).reset();
      await app.strapi.db.connection('jm_metric_counters').where({ cta_id: d.cta }).del();
    }
  });

  it('takes a value entered by hand as the figure of its period', async () => {
    const kpis = (await api.get(`/journey-map/measure/kpis?journey=${d.journey}&periods=3`).expect(200)).body.data;
    const book = kpis.find((c: any) => c.cta.documentId === bookCta);
    expect(book).toMatchObject({ actual: null, status: 'noData', target: 250, baseline: 180 });

    // A KPI measured elsewhere: a value entered by hand replaces the measured one for its period.
    const entered = (await api.put('/journey-map/measure/kpi-values', { cta: bookCta, date: day(), value: 230, note: 'from the booking system' }).expect(200)).body.data;
    expect(entered).toMatchObject({ cta: bookCta, date: day(), value: 230, note: 'from the booking system' });
    const again = (await api.put('/journey-map/measure/kpi-values', { cta: bookCta, date: day(), value: 231 }).expect(200)).body.data;
    expect(again.id).toBe(entered.id);
    const after = (await api.get(`/journey-map/measure/kpis?journey=${d.slug}`).expect(200)).body.data.find((c: any) => c.cta.documentId === bookCta);
    expect(after).toMatchObject({ actual: 231, source: 'manual', status: 'atRisk' });
    expect((await api.get(`/journey-map/measure/kpi-values?cta=${bookCta}`).expect(200)).body.data).toHaveLength(1);

    await api.put('/journey-map/measure/kpi-values', { cta: 'nosuchctadocumentid0000', date: day(), value: 1 }).expect(404);
    expect((await api.put('/journey-map/measure/kpi-values', { cta: bookCta, date: day(), value: 'many' }).expect(400)).body.error.message).toMatch(/body\.value/);
    expect((await api.get(`/journey-map/measure/kpis?journey=${d.slug}&periods=99`).expect(400)).body.error.message).toMatch(/query\.periods/);
  });

  it('lists the measured gaps: phases converting below the threshold and CTAs below target', async () => {
    const gaps = (await api.get(`/journey-map/measure/gaps?journey=${d.slug}`).expect(200)).body.data;
    const flags = Object.fromEntries(gaps.phases.map((p: any) => [p.slug, p.flags]));
    expect(flags).toEqual({
      awareness: { lowConversion: false, ctaBelowTarget: false },
      consideration: { lowConversion: true, ctaBelowTarget: false },
      decision: { lowConversion: false, ctaBelowTarget: false },
      purchase: { lowConversion: true, ctaBelowTarget: true },
      retention: { lowConversion: false, ctaBelowTarget: false },
      advocacy: { lowConversion: false, ctaBelowTarget: false },
    });
    expect(gaps.phases.find((p: any) => p.slug === 'purchase').ctasBelowTarget).toEqual([
      expect.objectContaining({ documentId: bookCta, label: 'Book a repair', status: 'atRisk', actual: 231, target: 250 }),
    ]);
    expect(gaps.totals).toEqual({ lowConversion: 2, ctaBelowTarget: 1 });

    await api.put('/journey-map/settings', { pathConversionThreshold: 10 }).expect(200);
    const lower = (await api.get(`/journey-map/measure/gaps?journey=${d.slug}`).expect(200)).body.data;
    expect(lower.phases.filter((p: any) => p.flags.lowConversion).map((p: any) => p.slug)).toEqual(['purchase']);
  });

  it('needs read to see measures and manage to enter values; deleting a value', async () => {
    const reader = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }]));
    await reader.get(`/journey-map/measure/kpis?journey=${d.slug}`).expect(200);
    await reader.put('/journey-map/measure/kpi-values', { cta: bookCta, date: day(), value: 1 }).expect(403);
    const nobody = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.settings' }]));
    await nobody.get(`/journey-map/measure/paths?journey=${d.slug}`).expect(403);
    await nobody.get(`/journey-map/measure/gaps?journey=${d.slug}`).expect(403);

    const [value] = (await api.get(`/journey-map/measure/kpi-values?cta=${bookCta}`).expect(200)).body.data;
    await reader.del(`/journey-map/measure/kpi-values/${value.id}`).expect(403);
    await api.del(`/journey-map/measure/kpi-values/${value.id}`).expect(200);
    await api.del(`/journey-map/measure/kpi-values/${value.id}`).expect(404);
  });

  it('seeds weeks of demo measures once, with the manual downloads slightly behind target', async () => {
    const k = app.strapi.db.connection;
    await api.put('/journey-map/settings', { pathConversionThreshold: 25 }).expect(200);
    const reseed = async () => {
      await k('jm_metric_counters').where('journey_id', d.journey).del();
      await k('jm_path_transitions').where('journey_id', d.journey).del();
      expect(await seedDemoMeasures(app.strapi)).toBe(true);
    };
    await reseed();
    const rows = async () => [Number((await k('jm_metric_counters').count({ n: '*' }).first())?.n), Number((await k('jm_path_transitions').count({ n: '*' }).first())?.n)];
    const seeded = await rows();
    expect(seeded[0]).toBeGreaterThan(500);
    expect(await seedDemoMeasures(app.strapi)).toBe(false);
    expect(await rows()).toEqual(seeded);
    const paths = (await api.get(`/journey-map/measure/paths?journey=${d.slug}`).expect(200)).body.data;
    expect(paths.mainEntry.slug).toBe('awareness');
    expect(paths.phases.filter((p: any) => p.lowConversion).map((p: any) => p.slug)).toEqual(['consideration', 'retention']);
  });

  // The demo is placed relative to the clock: on any day the month's projection is just behind the target.
  it.each(INSTANTS.filter(([, iso]) => { const t = new Date(iso); return (t.getTime() - monthAround(t).start) / (monthAround(t).end - monthAround(t).start) >= 0.25; }))(
    'seeds the demo measures relative to the clock at %s: the manual downloads project just behind 500',
    async (_label, iso) => {
      const k = app.strapi.db.connection;
      clockOf(app).freeze(iso);
      try {
        await k('jm_metric_counters').where('journey_id', d.journey).del();
        await k('jm_path_transitions').where('journey_id', d.journey).del();
        expect(await seedDemoMeasures(app.strapi)).toBe(true);
        const manual = (await api.get(`/journey-map/measure/kpis?journey=${d.slug}`).expect(200)).body.data.find((c: any) => c.cta.documentId === d.cta);
        expect(manual.currentPeriod).toMatchObject({ period: iso.slice(0, 7), partial: true });
        expect(manual.status).toBe('atRisk');
        expect(manual.projected).toBeGreaterThanOrEqual(450);
        expect(manual.projected).toBeLessThan(500);
      } finally {
        clockOf(app).reset();
      }
    }
  );

  it('on the first instant of a month, seeds a finished previous month and projects nothing yet', async () => {
    const k = app.strapi.db.connection;
    clockOf(app).freeze('2026-12-01T00:00:00.000Z');
    try {
      await k('jm_metric_counters').where('journey_id', d.journey).del();
      await k('jm_path_transitions').where('journey_id', d.journey).del();
      expect(await seedDemoMeasures(app.strapi)).toBe(true);
      const manual = (await api.get(`/journey-map/measure/kpis?journey=${d.slug}&periods=2`).expect(200)).body.data.find((c: any) => c.cta.documentId === d.cta);
      expect(manual).toMatchObject({ currentPeriod: { period: '2026-12', partial: true }, actual: 0, projected: null, status: 'noData' });
      expect(manual.trend[0]).toMatchObject({ period: '2026-11', partial: false });
      expect(Math.abs(manual.trend[0].value - 475)).toBeLessThanOrEqual(1);
    } finally {
      clockOf(app).reset();
    }
  });
});
