import fs from 'fs';
import path from 'path';
import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, createEntry, demoJourney, tagEntry, type AdminApi } from '../helpers/fixtures';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

/**
 * The content API as GraphQL (@strapi/plugin-graphql, enabled in the playground): the same answers, the
 * same permissions and the same validation as the REST routes, and nothing else of the plugin in the schema.
 */
const CTA = 'documentId label actionType targetUrl persona kpi { metric unit target direction period }';
const PHASE_REF = 'documentId name slug position funnelBand';
const JOURNEY = `query Journey($slug: String!) { journeyMapJourney(slug: $slug) {
  documentId name slug description product
  phases { documentId name slug position funnelBand description customerGoal questions actions thoughts emotionLabel emotionScore
    touchpoints channels painPoints opportunities minContentPerPersona ctas { ${CTA} } }
  personas { documentId name slug summary goals needs painPoints preferredChannels priority } } }`;
const CONTENT = `query Content($journey: String!, $phase: String!, $persona: String, $locale: String, $limit: Int) {
  journeyMapContent(journey: $journey, phase: $phase, persona: $persona, locale: $locale, limit: $limit) {
    journey { documentId name slug } phase { ${PHASE_REF} } persona { documentId name slug } locale
    servedPhase { ${PHASE_REF} } cta { ${CTA} } nextPhase { ${PHASE_REF} cta { ${CTA} } }
    entries { documentId contentType title locale match fields } } }`;
const INGEST = `mutation Ingest($events: [JourneyMapEventInput!]!) { journeyMapIngestEvents(events: $events) { received accepted rejected { index reason } } }`;

/** Everything of the plugin a GraphQL schema shows: exactly these names. */
const DELIBERATE = [
  'JourneyMapContent', 'JourneyMapCta', 'JourneyMapCtaKpi', 'JourneyMapEntry', 'JourneyMapEntryRefInput', 'JourneyMapEventInput',
  'JourneyMapIngestResult', 'JourneyMapJourney', 'JourneyMapJourneyRef', 'JourneyMapNextPhase', 'JourneyMapPersona',
  'JourneyMapPersonaRef', 'JourneyMapPhase', 'JourneyMapPhaseRef', 'JourneyMapRejectedEvent', 'JourneyMapSiteEntry',
  'journeyMapContent', 'journeyMapIngestEvents', 'journeyMapJourney',
];

/**
 * The REST answer without the plugin's numeric `id`s (Strapi 5's GraphQL types name documents by
 * documentId only); an entry's `fields` are the site's answer and stay whole.
 */
const withoutIds = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutIds)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'id').map(([k, v]) => [k, k === 'fields' ? v : withoutIds(v)]))
      : value;

describe(`GraphQL on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const ids: Record<string, string> = {};
  const slugs: Record<string, string> = {};

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const req = app.http().post('/graphql').send({ query, variables });
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req;
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  async function grantPublic(actions: string[]) {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    for (const action of actions) await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  const counter = async (where: Record<string, string>) =>
    Number((await app.strapi.db.connection('jm_metric_counters').sum({ total: 'total' }).where(where).first())?.total ?? 0);

  beforeAll(async () => {
    app = await startStrapi('graphql');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    d = await demoJourney(api);
    const tag = (uid: string, id: string, body: unknown) => tagEntry(api, uid, id, body).expect(200);
    ids.exact = await createEntry(app, ARTICLE, { title: 'For busy parents', summary: 'exact', internalNotes: 'not for the site' });
    await tag(ARTICLE, ids.exact, { phases: [d.phases.consideration], personas: [d.personas.parent] });
    ids.all = await createEntry(app, FAQ, { question: 'For everyone in consideration', answer: 'Yes.' });
    await tag(FAQ, ids.all, { phases: [d.phases.consideration] });
    ids.draft = await createEntry(app, ARTICLE, { title: 'Unpublished' }, { publish: false });
    await tag(ARTICLE, ids.draft, { phases: [d.phases.consideration], personas: [d.personas.parent] });
    const personas = (await api.get(`/journey-map/personas?journey=${d.journey}`).expect(200)).body.data;
    slugs.parent = personas.find((p: any) => p.documentId === d.personas.parent).slug;
    slugs.techie = personas.find((p: any) => p.documentId === d.personas.techie).slug;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses the public role without the grants (FORBIDDEN), as REST answers 403, and counts nothing', async () => {
    await app.http().get(`/api/journey-map/journeys/${d.slug}`).expect(403);
    await app.http().post('/api/journey-map/events').send({ type: 'view', phase: d.phases.awareness }).expect(403);
    const calls: Array<[string, Record<string, unknown>, string]> = [
      [JOURNEY, { slug: d.slug }, 'journeyMapJourney'],
      [CONTENT, { journey: d.slug, phase: 'consideration' }, 'journeyMapContent'],
      [INGEST, { events: [{ type: 'view', phase: d.phases.awareness }] }, 'journeyMapIngestEvents'],
    ];
    for (const [query, variables, field] of calls) {
      const res = await gql(query, variables).expect(200);
      expect(res.body.data).toEqual({ [field]: null });
      expect(res.body.errors.map((e: any) => [e.message, e.extensions.code, e.path])).toEqual([['Forbidden access', 'FORBIDDEN', [field]]]);
    }
    expect(await counter({ journey_id: d.journey })).toBe(0);
  });

  it('serves the journey by slug once the role has journey → findOne: the REST answer, field for field', async () => {
    await grantPublic(['plugin::journey-map.journey.findOne', 'plugin::journey-map.content.find', 'plugin::journey-map.events.ingest', `${ARTICLE}.find`]);
    const rest = (await app.http().get(`/api/journey-map/journeys/${d.slug}`).expect(200)).body.data;
    const res = await gql(JOURNEY, { slug: d.slug }).expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.journeyMapJourney).toEqual(withoutIds(rest));
    expect(res.body.data.journeyMapJourney.phases.map((p: any) => p.slug)).toEqual(['awareness', 'consideration', 'decision', 'purchase', 'retention', 'advocacy']);
    expect(res.body.data.journeyMapJourney.phases[1].ctas).toEqual([
      { documentId: d.cta, label: 'Download the manual on what to do when your smartphone breaks', actionType: 'download', targetUrl: null, persona: null,
        kpi: { metric: 'manual downloads', unit: null, target: 500, direction: 'higher', period: 'month' } },
    ]);
  });

  it('serves a cell as REST does, only of the types the caller may find, with the entry as the site\'s own type', async () => {
    const vars = { journey: d.slug, phase: 'consideration', persona: slugs.parent, locale: 'en' };
    const rest = (await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=consideration&persona=${slugs.parent}&locale=en`).expect(200)).body.data;
    const res = await gql(CONTENT, vars).expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.journeyMapContent).toEqual(withoutIds(rest));
    // No find on FAQs: only the article, and its private field stays out.
    expect(res.body.data.journeyMapContent.entries.map((e: any) => [e.documentId, e.contentType, e.title, e.match])).toEqual([[ids.exact, ARTICLE, 'For busy parents', 'exact']]);
    expect(res.body.data.journeyMapContent.entries[0].fields.internalNotes).toBeUndefined();
    expect(res.body.data.journeyMapContent.cta.documentId).toBe(d.cta);
    expect(res.body.data.journeyMapContent.nextPhase).toEqual({ documentId: d.phases.decision, name: 'Decision', slug: 'decision', position: 2, funnelBand: 'bottom', cta: null });

    const union = await gql(
      `query($journey: String!, $phase: String!, $persona: String) { journeyMapContent(journey: $journey, phase: $phase, persona: $persona) {
        entries { match entry { __typename ... on Article { documentId title summary } ... on Faq { question } } } } }`,
      vars
    ).expect(200);
    expect(union.body.errors).toBeUndefined();
    expect(union.body.data.journeyMapContent.entries).toEqual([{ match: 'exact', entry: { __typename: 'Article', documentId: ids.exact, title: 'For busy parents', summary: 'exact' } }]);
  });

  it('falls back to the next phase as REST does, and selects the FAQ\'s fields once the role may find FAQs', async () => {
    await grantPublic([`${FAQ}.find`]);
    const rest = (await app.http().get(`/api/journey-map/content?journey=${d.slug}&phase=awareness&persona=${slugs.techie}`).expect(200)).body.data;
    const res = await gql(CONTENT, { journey: d.slug, phase: 'awareness', persona: slugs.techie }).expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.journeyMapContent).toEqual(withoutIds(rest));
    expect(res.body.data.journeyMapContent.servedPhase.slug).toBe('consideration');
    expect(res.body.data.journeyMapContent.entries.map((e: any) => [e.documentId, e.match])).toEqual([[ids.all, 'next-phase']]);

    const union = await gql(
      `{ journeyMapContent(journey: "${d.slug}", phase: "awareness", persona: "${slugs.techie}") { entries { entry { __typename ... on Faq { documentId question answer } } } } }`
    ).expect(200);
    expect(union.body.data.journeyMapContent.entries).toEqual([{ entry: { __typename: 'Faq', documentId: ids.all, question: 'For everyone in consideration', answer: 'Yes.' } }]);
  });

  it('answers the query of docs/api.md', async () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'api.md'), 'utf8');
    const query = /```graphql\n(query[\s\S]*?)\n```/.exec(doc.slice(doc.indexOf('### GraphQL')))![1]
      .replace('"smartphone-repair"', JSON.stringify(d.slug))
      .replace('"busy-parent"', JSON.stringify(slugs.parent));
    const res = await gql(query).expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.journeyMapContent).toEqual({
      servedPhase: { slug: 'consideration', name: 'Consideration' },
      cta: { label: 'Download the manual on what to do when your smartphone breaks', targetUrl: null, kpi: { metric: 'manual downloads', target: 500 } },
      nextPhase: { slug: 'decision', cta: null },
      entries: [
        { match: 'exact', title: 'For busy parents', entry: { __typename: 'Article', summary: 'exact', readingMinutes: null } },
        { match: 'phase', title: 'For everyone in consideration', entry: { __typename: 'Faq', question: 'For everyone in consideration', answer: 'Yes.' } },
      ],
    });
  });

  it('lets a read-only API token read but not post events, as for the REST routes', async () => {
    const token = (await api.post('/admin/api-tokens', { name: 'graphql read-only', type: 'read-only', lifespan: null, description: '' }).expect(201)).body.data.accessKey;
    const journey = await gql(JOURNEY, { slug: d.slug }, bearer(token)).expect(200);
    expect(journey.body.data.journeyMapJourney.slug).toBe(d.slug);
    const ingest = await gql(INGEST, { events: [{ type: 'view', phase: d.phases.awareness }] }, bearer(token)).expect(200);
    expect(ingest.body.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(await counter({ journey_id: d.journey })).toBe(0);
  });

  it('ingests events through the mutation and counts exactly the accepted ones', async () => {
    const res = await gql(INGEST, {
      events: [
        { type: 'view', phase: d.phases.consideration, session: 'graphql-session-1' },
        { type: 'view', phase: d.phases.consideration, session: 'graphql-session-1' },
        { type: 'conversion', cta: d.cta, session: 'graphql-session-1', phase: null },
        { type: 'click', cta: 'nosuchctaid0000000000000' },
      ],
    }).expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.journeyMapIngestEvents).toEqual({ received: 4, accepted: 3, rejected: [{ index: 3, reason: 'cta: unknown CTA nosuchctaid0000000000000' }] });
    expect(await counter({ phase_id: d.phases.consideration, cta_id: '', event_type: 'view' })).toBe(2);
    expect(await counter({ cta_id: d.cta, event_type: 'conversion' })).toBe(1);
    expect(await counter({ journey_id: d.journey })).toBe(3);
    // The same numbers through the admin's measure report.
    const kpis = (await api.get(`/journey-map/measure/kpis?journey=${d.slug}&periods=1`).expect(200)).body.data;
    expect(kpis.find((k: any) => k.cta.documentId === d.cta).events).toEqual({ view: 0, click: 0, conversion: 1 });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and counts nothing', async () => {
    const refused = async (query: string, variables: Record<string, unknown>, field: string) => {
      const res = await gql(query, variables).expect(200);
      expect(res.body.data).toEqual({ [field]: null });
      return res.body.errors.map((e: any) => [e.extensions.code, e.message]);
    };
    expect(await refused(JOURNEY, { slug: 'Bad Slug' }, 'journeyMapJourney')).toEqual([['BAD_USER_INPUT', expect.stringMatching(/^slug: /)]]);
    expect(await refused(CONTENT, { journey: d.slug, phase: 'consideration', limit: 500 }, 'journeyMapContent')).toEqual([
      ['BAD_USER_INPUT', 'limit: Number must be less than or equal to 100'],
    ]);
    expect(await refused(CONTENT, { journey: d.slug, phase: 'consideration', locale: 'not a locale!' }, 'journeyMapContent')).toEqual([
      ['BAD_USER_INPUT', expect.stringMatching(/^locale: /)],
    ]);
    expect(await refused(INGEST, { events: [] }, 'journeyMapIngestEvents')).toEqual([['BAD_USER_INPUT', 'events: Array must contain at least 1 element(s)']]);
    expect(await refused(INGEST, { events: [{ type: 'view', phase: d.phases.consideration, session: 'not a session!' }] }, 'journeyMapIngestEvents')).toEqual([
      ['BAD_USER_INPUT', 'no event accepted: events.0: session: must be 8-128 letters, digits, - or _'],
    ]);
    expect(await refused(INGEST, { events: [{ type: 'scroll', phase: d.phases.consideration }] }, 'journeyMapIngestEvents')).toEqual([
      ['BAD_USER_INPUT', expect.stringMatching(/^no event accepted: events\.0: type: /)],
    ]);
    // Unknown journeys are not found, as REST's 404.
    expect(await refused(JOURNEY, { slug: 'no-such-journey' }, 'journeyMapJourney')).toEqual([['STRAPI_NOT_FOUND_ERROR', 'journey no-such-journey not found']]);
    expect(await counter({ journey_id: d.journey })).toBe(3);
  });

  it('applies the ingestion key and the rate limit of the REST route', async () => {
    await api.put('/journey-map/settings', { ingestionKey: 'graphql-ingestion-key-1', rateLimitPerMinute: 2 }).expect(200);
    const event = { events: [{ type: 'view', phase: d.phases.awareness }] };
    const clock = clockOf(app);
    // A fresh one-minute window, so that earlier requests of this file do not count.
    const minute = Math.floor(clock.now().getTime() / 60_000) * 60_000;
    clock.freeze(new Date(minute + 60 * 60_000 + 1_000));
    try {
      const noKey = await gql(INGEST, event).expect(200);
      expect(noKey.body.errors.map((e: any) => [e.extensions.code, e.message])).toEqual([['FORBIDDEN', 'missing or wrong ingestion key (header x-journey-map-key)']]);
      const key = { 'X-Journey-Map-Key': 'graphql-ingestion-key-1' };
      for (let i = 0; i < 2; i += 1) expect((await gql(INGEST, event, key).expect(200)).body.data.journeyMapIngestEvents.accepted).toBe(1);
      const limited = await gql(INGEST, event, key).expect(200);
      expect(limited.body.errors.map((e: any) => [e.extensions.code, e.message])).toEqual([['STRAPI_RATE_LIMIT_ERROR', 'too many requests: at most 2 per minute']]);
      expect(await counter({ phase_id: d.phases.awareness, cta_id: '' })).toBe(2);
    } finally {
      clock.reset();
      await api.put('/journey-map/settings', { ingestionKey: null, rateLimitPerMinute: 120 }).expect(200);
    }
  });

  it('shows only the deliberate queries, mutation and types of the plugin; the entry union holds the site\'s types', async () => {
    const res = await gql(`{ __schema {
      queryType { fields { name } } mutationType { fields { name } }
      types { name kind possibleTypes { name } fields { name } inputFields { name } enumValues { name } } } }`).expect(200);
    expect(res.body.errors).toBeUndefined();
    const schema = res.body.data.__schema;
    const names = [
      ...schema.queryType.fields.map((f: any) => f.name),
      ...schema.mutationType.fields.map((f: any) => f.name),
      ...schema.types.flatMap((t: any) => [t.name, ...[...(t.fields ?? []), ...(t.inputFields ?? []), ...(t.enumValues ?? [])].map((f: any) => f.name)]),
    ];
    expect([...new Set(names.filter((n: string) => /journey.?map/i.test(n)))].sort()).toEqual(DELIBERATE);
    const union = schema.types.find((t: any) => t.name === 'JourneyMapSiteEntry');
    expect(union.kind).toBe('UNION');
    expect(union.possibleTypes.map((t: any) => t.name).sort()).toEqual(['Article', 'CaseStudy', 'Faq', 'HomePage', 'LandingPage']);
  });
});

describe(`the plugin without the GraphQL plugin on ${databaseClient()}`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startStrapi('graphql-off', { PLAYGROUND_WITHOUT_GRAPHQL: 'true' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('boots and serves its REST content API; there is no /graphql', async () => {
    expect(app.strapi.plugin('graphql')).toBeUndefined();
    expect(app.strapi.plugin('journey-map')).toBeDefined();
    await app.http().get('/api/journey-map/journeys/smartphone-repair').expect(403);
    const snippet = await app.http().get('/api/journey-map/snippet.js').expect(200);
    expect(snippet.text.startsWith('/* Journey Map event snippet */')).toBe(true);
    // Answered as any path without a route (the admin's pages take every GET).
    const graphql = await app.http().post('/graphql').send({ query: '{ __typename }' });
    const nowhere = await app.http().post('/no-such-endpoint').send({ query: '{ __typename }' });
    expect([graphql.status, nowhere.status]).toEqual([405, 405]);
    expect(graphql.body.data).toBeUndefined();
  });
});
