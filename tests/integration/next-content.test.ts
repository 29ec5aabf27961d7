import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { adminWithPermissions, clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';
import { pathTransitionsRepository } from '../../server/src/repositories/path-transitions';

const DAY = 86_400_000;
const NOW = '2026-03-20T12:00:00.000Z';
const dayBefore = (days: number) => new Date(new Date(NOW).getTime() - days * DAY);
const label = (item: any) => `${item.phase.name}/${item.persona ? item.persona.name.split(' ')[0] : '-'}`;

/**
 * "What to write next" on the demo journey (six phases × two personas): which cells are ranked, from
 * which reasons, in which order; what the weights change; the brief of a cell; drafts that carry it.
 */
describe(`what to write next on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const ids: Record<string, string> = {};
  const list = async () => (await api.get(`/journey-map/next-content?journey=${d.slug}`).expect(200)).body.data;

  beforeAll(async () => {
    app = await startStrapi('next-content');
    clockOf(app).freeze(NOW);
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
    await api.put(`/journey-map/personas/${d.personas.parent}`, { priority: 2, goals: 'A working phone by tonight', preferredChannels: ['search'] }).expect(200);
    await api.put(`/journey-map/personas/${d.personas.techie}`, { priority: 1 }).expect(200);
    await api.put(`/journey-map/phases/${d.phases.consideration}`, { emotionScore: -2, emotionLabel: 'Worried', questions: 'Is a repair worth it?' }).expect(200);
    await api.put(`/journey-map/phases/${d.phases.decision}`, { emotionScore: -1 }).expect(200);
    await api.put(`/journey-map/phases/${d.phases.awareness}`, { emotionScore: 1 }).expect(200);

    // Sixty days ago: Purchase had its entry for the busy parent, everything else was a gap.
    ids.kept = await createEntry(app, ARTICLE, { title: 'Screen repair prices' });
    await tagEntry(api, ARTICLE, ids.kept, { phases: [d.phases.purchase], personas: [d.personas.parent] }).expect(200);
    await api.put('/journey-map/settings', { dailySnapshot: true }).expect(200);
    const snapshots = app.strapi.plugin('journey-map').service('snapshots');
    expect((await snapshots.runDaily(dayBefore(60))).taken).toHaveLength(1);
    // Forty-five days ago it was untagged: Purchase became a gap for the parent.
    await tagEntry(api, ARTICLE, ids.kept, { phases: [] }).expect(200);
    expect((await snapshots.runDaily(dayBefore(45))).taken).toHaveLength(1);

    // Now: Awareness covered for both, Consideration for the techie, Decision only by a draft.
    ids.aware = await createEntry(app, ARTICLE, { title: 'Why phones break' });
    await tagEntry(api, ARTICLE, ids.aware, { phases: [d.phases.awareness], personas: [d.personas.parent, d.personas.techie] }).expect(200);
    ids.compare = await createEntry(app, FAQ, { question: 'Repair or replace?' });
    await tagEntry(api, FAQ, ids.compare, { phases: [d.phases.consideration], personas: [d.personas.techie] }).expect(200);
    ids.draft = await createEntry(app, ARTICLE, { title: 'Choosing a repair shop (draft)' }, { publish: false });
    await tagEntry(api, ARTICLE, ids.draft, { phases: [d.phases.decision], personas: [d.personas.parent] }).expect(200);
  });
  afterAll(async () => {
    if (app) clockOf(app).reset();
    await app?.stop();
  });

  it('ranks every gap from what is known and gives each reason', async () => {
    const report = await list();
    expect(report.measures).toEqual({ sessions: 0, kpis: false, lastDailySnapshot: '2026-02-03' });
    expect(report.weights).toEqual({ persona: 3, cta: 3, emotion: 2, dropOff: 3, gapAge: 1 });
    expect(report.items.map((i: any) => [label(i), i.score])).toEqual([
      // parent 1 · no CTA 1 · emotion −1 → 0.75 · a gap for 60 days → 0.667: (3 + 3 + 1.5 + 0.667) / 12
      ['Decision/Busy', 68.1],
      // ties: the earlier phase first, then the higher-priority persona
      ['Decision/Tech', 55.6],
      ['Retention/Busy', 55.6],
      ['Advocacy/Busy', 55.6],
      // parent · no CTA · a gap for 45 days only (since the entry was untagged)
      ['Purchase/Busy', 54.2],
      // the CTA has no measured KPI yet: it adds nothing, the worst emotion does
      ['Consideration/Busy', 47.2],
      ['Purchase/Tech', 43.1],
      ['Retention/Tech', 43.1],
      ['Advocacy/Tech', 43.1],
    ]);
    const decision = report.items[0];
    expect(decision).toMatchObject({ state: 'gap', count: 0, min: 1, staleOrDraft: 1, persona: { documentId: d.personas.parent } });
    expect(decision.parts).toEqual({
      persona: { value: 1, priority: 2, rank: 1, name: `Busy parent Smartphone repair` },
      cta: { value: 1, kind: 'none', label: null, shortfall: null, status: null },
      emotion: { value: 0.75, score: -1, label: null },
      dropOff: { value: null, share: null, reached: 0, stopped: 0 },
      gapAge: { value: 0.667, days: 60, since: '2026-01-19' },
    });
    const purchase = report.items.find((i: any) => label(i) === 'Purchase/Busy');
    expect(purchase.parts.gapAge).toEqual({ value: 0.5, days: 45, since: '2026-02-03' });
    const consideration = report.items.find((i: any) => label(i) === 'Consideration/Busy');
    expect(consideration.parts.cta).toEqual({ value: null, kind: 'noData', label: 'Download the manual on what to do when your smartphone breaks', shortfall: null, status: 'noData' });
    expect(consideration.parts.emotion).toEqual({ value: 1, score: -2, label: 'Worried' });
  });

  it('reads the KPI behind target and the measured drop-off once there are any', async () => {
    await api.put('/journey-map/measure/kpi-values', { cta: d.cta, date: '2026-03-15', value: 300 }).expect(200);
    const kpi = (await api.get(`/journey-map/measure/kpis?journey=${d.slug}`).expect(200)).body.data[0];
    const value = kpi.projected ?? kpi.actual;
    await pathTransitionsRepository(app.strapi.db).add([
      { journeyId: d.journey, fromPhaseId: '', toPhaseId: d.phases.awareness, day: '2026-03-18', total: 100 },
      { journeyId: d.journey, fromPhaseId: d.phases.awareness, toPhaseId: d.phases.consideration, day: '2026-03-18', total: 60 },
      { journeyId: d.journey, fromPhaseId: d.phases.consideration, toPhaseId: d.phases.decision, day: '2026-03-18', total: 15 },
    ]);
    const report = await list();
    expect(report.measures).toEqual({ sessions: 100, kpis: true, lastDailySnapshot: '2026-02-03' });
    const consideration = report.items.find((i: any) => label(i) === 'Consideration/Busy');
    const shortfall = Math.round(((500 - value) / 500) * 1000) / 1000;
    expect(consideration.parts.cta).toEqual({ value: shortfall, kind: 'behind', label: kpi.cta.label, shortfall, status: kpi.status });
    expect(consideration.parts.dropOff).toEqual({ value: 0.75, share: 0.75, reached: 60, stopped: 45 });
    expect(report.items.find((i: any) => label(i) === 'Decision/Busy').parts.dropOff).toEqual({ value: 1, share: 1, reached: 15, stopped: 15 });
    expect(report.items.find((i: any) => label(i) === 'Purchase/Busy').parts.dropOff).toEqual({ value: null, share: null, reached: 0, stopped: 0 });
  });

  it('changes the order when a manager changes the weights', async () => {
    const before = (await list()).items.map(label);
    await api.put('/journey-map/settings', { nextContentWeights: { persona: 0, cta: 0, emotion: 0, dropOff: 0, gapAge: 10 } }).expect(200);
    const byAge = await list();
    // Every listed gap is 60 days old but Purchase's (45 days): it goes last.
    expect(byAge.items.map((i: any) => [label(i), i.score])).toEqual([
      ['Consideration/Busy', 66.7],
      ['Decision/Busy', 66.7],
      ['Decision/Tech', 66.7],
      ['Purchase/Tech', 66.7],
      ['Retention/Busy', 66.7],
      ['Retention/Tech', 66.7],
      ['Advocacy/Busy', 66.7],
      ['Advocacy/Tech', 66.7],
      ['Purchase/Busy', 50],
    ]);
    await api.put('/journey-map/settings', { nextContentWeights: { persona: 0, cta: 0, emotion: 0, dropOff: 10, gapAge: 0 } }).expect(200);
    const byDropOff = (await list()).items.map(label);
    expect(byDropOff.slice(0, 3)).toEqual(['Decision/Busy', 'Decision/Tech', 'Consideration/Busy']);
    expect(byDropOff).not.toEqual(before);
    await api.put('/journey-map/settings', { nextContentWeights: { persona: 3, cta: 3, emotion: 2, dropOff: 3, gapAge: 1 } }).expect(200);
    expect((await list()).items.map(label)).toEqual(before);
  });

  it('answers 400 naming the field', async () => {
    const message = async (path: string) => (await api.get(path).expect(400)).body.error.message;
    expect(await message('/journey-map/next-content')).toMatch(/^query\.journey: /);
    expect(await message(`/journey-map/next-content?journey=${d.slug}&locale=e n`)).toMatch(/^query\.locale: /);
    expect(await message(`/journey-map/next-content?journey=${d.slug}&sort=score`)).toMatch(/^query: Unrecognized key/);
    expect(await message(`/journey-map/next-content/brief?journey=${d.slug}`)).toMatch(/^query\.phase: /);
    expect(await message(`/journey-map/next-content/brief?journey=${d.slug}&phase=abcdefghijklmnopqrstuvwx`)).toMatch(/^query\.phase: abcdefghijklmnopqrstuvwx is not a phase of journey/);
    expect(await message(`/journey-map/next-content/brief?journey=${d.slug}&phase=${d.phases.decision}&persona=abcdefghijklmnopqrstuvwx`)).toMatch(/^query\.persona: /);
    expect((await api.put('/journey-map/settings', { nextContentWeights: { persona: 11, cta: 0, emotion: 0, dropOff: 0, gapAge: 0 } }).expect(400)).body.error.message).toMatch(/^body\.nextContentWeights\.persona: /);
    expect((await api.put('/journey-map/settings', { nextContentWeights: { persona: 1 } }).expect(400)).body.error.message).toMatch(/^body\.nextContentWeights\.cta: /);
    expect((await api.put('/journey-map/settings', { briefFields: { [ARTICLE]: 'title' } }).expect(400)).body.error.message).toBe(
      `body.briefFields.${ARTICLE}: "title" is not a text or rich-text field of ${ARTICLE}`
    );
    await api.get('/journey-map/next-content?journey=no-such-journey').expect(404);
  });

  it('writes the brief of a cell: persona, phase, CTA, entries to link from and to, and what to refresh', async () => {
    const brief = (await api.get(`/journey-map/next-content/brief?journey=${d.slug}&phase=${d.phases.decision}&persona=${d.personas.parent}`).expect(200)).body.data;
    expect(brief.persona).toEqual({ documentId: d.personas.parent, name: 'Busy parent Smartphone repair', goals: 'A working phone by tonight', needs: null, painPoints: null, channels: ['search'] });
    expect(brief.phase).toMatchObject({ name: 'Decision', emotionScore: -1, customerGoal: 'Choose a solution and a provider' });
    expect(brief.ctas).toEqual([]);
    // Consideration holds the techie's FAQ only: none for the parent to link from.
    expect(brief.linkFrom).toEqual({ phase: { documentId: d.phases.consideration, name: 'Consideration' }, entries: [] });
    expect(brief.linkTo).toEqual({ phase: { documentId: d.phases.purchase, name: 'Purchase' }, entries: [] });
    expect(brief.refresh.map((e: any) => [e.documentId, e.status, e.flags])).toEqual([[ids.draft, 'draft', ['draftOnly', 'phaseWithoutCta']]]);
    expect(brief.markdown).toContain('# Brief: Busy parent Smartphone repair · Decision\n');
    expect(brief.markdown).toContain('## Refresh instead of writing new\n\n- Choosing a repair shop (draft) (api::article.article, en, draft)\n');

    const techie = (await api.get(`/journey-map/next-content/brief?journey=${d.slug}&phase=${d.phases.decision}&persona=${d.personas.techie}`).expect(200)).body.data;
    expect(techie.linkFrom.entries.map((e: any) => [e.documentId, e.title])).toEqual([[ids.compare, 'Repair or replace?']]);
    expect(techie.refresh).toEqual([]);
    const consideration = (await api.get(`/journey-map/next-content/brief?journey=${d.slug}&phase=${d.phases.consideration}&persona=${d.personas.parent}`).expect(200)).body.data;
    expect(consideration.ctas).toEqual([{ label: 'Download the manual on what to do when your smartphone breaks', kpiMetric: 'manual downloads', kpiTarget: 500, kpiUnit: null, kpiPeriod: 'month' }]);
    expect(consideration.linkFrom.entries.map((e: any) => e.documentId)).toEqual([ids.aware]);
  });

  it('needs the read action; names only entries the role may read in the Content Manager', async () => {
    const none = adminApi(app, await adminWithPermissions(app, [{ action: 'plugin::journey-map.tag' }]));
    await none.get(`/journey-map/next-content?journey=${d.slug}`).expect(403);
    await none.get(`/journey-map/next-content/brief?journey=${d.slug}&phase=${d.phases.decision}`).expect(403);
    const faqsOnly = adminApi(
      app,
      await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }, { action: 'plugin::content-manager.explorer.read', subject: FAQ, properties: { locales: ['en'] } }])
    );
    await faqsOnly.get(`/journey-map/next-content?journey=${d.slug}`).expect(200);
    const brief = (await faqsOnly.get(`/journey-map/next-content/brief?journey=${d.slug}&phase=${d.phases.consideration}&persona=${d.personas.parent}`).expect(200)).body.data;
    expect(brief.linkFrom.entries).toEqual([]);
    expect(brief.markdown).not.toContain('Why phones break');
    const decision = (await faqsOnly.get(`/journey-map/next-content/brief?journey=${d.slug}&phase=${d.phases.decision}&persona=${d.personas.parent}`).expect(200)).body.data;
    expect(decision.refresh).toEqual([]);
  });

  it('creates a draft for a gap that carries the brief in the field chosen in Settings', async () => {
    const body = { contentType: ARTICLE, locale: 'en', phase: d.phases.decision, persona: d.personas.parent, title: 'How to choose a repair shop', brief: true };
    expect((await api.post('/journey-map/drafts', body).expect(400)).body.error.message).toBe(`body.brief: choose the field that receives briefs for ${ARTICLE} in Settings (briefFields)`);
    await api.put('/journey-map/settings', { briefFields: { [ARTICLE]: 'internalNotes' } }).expect(200);
    const types = (await api.get('/journey-map/content-types').expect(200)).body.data;
    expect(types.find((t: any) => t.uid === ARTICLE)).toMatchObject({ briefFieldChoices: ['summary', 'body', 'internalNotes'], briefFieldChosen: 'internalNotes' });
    const { markdown } = (await api.get(`/journey-map/next-content/brief?journey=${d.slug}&phase=${d.phases.decision}&persona=${d.personas.parent}&locale=en`).expect(200)).body.data;

    const created = (await api.post('/journey-map/drafts', body).expect(201)).body.data;
    expect(created).toMatchObject({ contentType: ARTICLE, locale: 'en', title: 'How to choose a repair shop', briefField: 'internalNotes' });
    const stored = await app.strapi.documents(ARTICLE as any).findOne({ documentId: created.documentId, locale: 'en', status: 'draft' } as any);
    expect(stored).toMatchObject({ title: 'How to choose a repair shop', internalNotes: markdown, publishedAt: null });
    const plain = (await api.post('/journey-map/drafts', { ...body, brief: false, title: 'No brief' }).expect(201)).body.data;
    expect(plain.briefField).toBeNull();
    expect((await app.strapi.documents(ARTICLE as any).findOne({ documentId: plain.documentId, locale: 'en', status: 'draft' } as any))?.internalNotes).toBeNull();

    // A role that may create articles but not set the brief's field is refused, naming it.
    const noNotes = adminApi(
      app,
      await adminWithPermissions(app, [
        { action: 'plugin::journey-map.tag' },
        { action: 'plugin::journey-map.read' },
        { action: 'plugin::content-manager.explorer.create', subject: ARTICLE, properties: { fields: ['title', 'slug', 'summary', 'body', 'readingMinutes'], locales: ['en'] } },
        { action: 'plugin::content-manager.explorer.read', subject: ARTICLE, properties: { fields: ['title'], locales: ['en'] } },
      ])
    );
    expect((await noNotes.post('/journey-map/drafts', body).expect(403)).body.error.message).toBe(`You may not set the internalNotes field of ${ARTICLE} entries`);
    await noNotes.post('/journey-map/drafts', { ...body, brief: false, title: 'Allowed without a brief' }).expect(201);
  });

  it('concurrent drafts with a brief for one gap: one draft per request, each tagged for the cell and carrying the brief', async () => {
    const body = { contentType: ARTICLE, locale: 'en', phase: d.phases.retention, persona: d.personas.techie, brief: true };
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => api.post('/journey-map/drafts', { ...body, title: `Loyalty tips ${i}` })));
    expect(answers.map((r) => (r.status === 201 ? 201 : `${r.status} ${r.text}`))).toEqual([201, 201, 201, 201, 201, 201]);
    const created = answers.map((r) => r.body.data.documentId);
    expect(new Set(created).size).toBe(6);
    const cell = (await api.get(`/journey-map/audit?journey=${d.journey}&phase=${d.phases.retention}&persona=${d.personas.techie}&pageSize=100`).expect(200)).body.data;
    expect(cell.map((e: any) => e.documentId).sort()).toEqual([...created].sort());
    const stored = await app.strapi.documents(ARTICLE as any).findMany({ filters: { documentId: { $in: created } }, locale: 'en', status: 'draft' } as any);
    expect(stored).toHaveLength(6);
    expect(stored.every((e: any) => e.internalNotes.startsWith('# Brief: Tech enthusiast Smartphone repair · Retention\n'))).toBe(true);
    // Drafts do not count: the cell is still ranked, now with six drafts to refresh.
    const item = (await list()).items.find((i: any) => label(i) === 'Retention/Tech');
    expect(item).toMatchObject({ state: 'gap', count: 0, staleOrDraft: 6 });
  });
});
