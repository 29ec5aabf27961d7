import { databaseClient } from '../helpers/database';
import {
  ARTICLE,
  FAQ,
  adminApi,
  createEntry,
  demoJourney,
  ensureJapanese,
  tagEntry,
  type AdminApi,
} from '../helpers/fixtures';
import { INSTANTS } from '../helpers/instants';
import { adminWithPermissions, clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';
import { auditRepository, type AuditFilter } from '../../server/src/repositories/audit';
import { cellCountsRepository, expectedTriggers } from '../../server/src/repositories/cell-counts';
import { EntryScope, type TypeReach } from '../../server/src/permissions/entries';
import { AUDIT_FLAGS } from '../../shared/constants';
import type { AuditFlag } from '../../shared/contracts/audit';

const DAY = 24 * 3600 * 1000;
const NOW = '2026-12-15T12:00:00.000Z';
const STALE_AFTER_DAYS = 30;
/** The flags a filter may name and still be counted from the state counts (all but `unread`). */
const STATE_FLAGS = AUDIT_FLAGS.filter((f) => f !== 'unread');

/**
 * The audit's total and flag counts read from the maintained state counts (jm_state_counts) must equal
 * the count over the entry states, for every flag filter, locale and type, and every cutoff — the first
 * and last millisecond of days, months and years included — after publishes, unpublishes, deletes, tags
 * and untags, entry dates moved by SQL and repaired, and rows written around Strapi with NULLs in them.
 */
describe(`audit counts from maintained counts on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const articles: string[] = [];
  const faqs: string[] = [];
  const plugin = () => app.strapi.plugin('journey-map');
  const knex = () => app.strapi.db.connection;
  const repo = () => auditRepository(app.strapi, true);

  /** Articles in Japanese only, every FAQ. */
  const jaArticles = () =>
    new EntryScope(
      app.strapi,
      new Map<string, TypeReach>([
        [ARTICLE, { kind: 'locales', locales: ['ja'] }],
        [FAQ, { kind: 'all' }],
      ])
    );
  const filterOf = (over: Partial<AuditFilter>): AuditFilter => ({
    types: [ARTICLE, FAQ],
    journeyId: null,
    phasesWithoutCta: [],
    cutoff: new Date(NOW),
    sort: 'updatedAt:desc',
    unread: null,
    readable: EntryScope.everything(app.strapi),
    ...over,
  });

  const compare = async (f: AuditFilter) => {
    const label = { cutoff: f.cutoff.toISOString(), types: f.types, locale: f.locale, flag: f.flag };
    const scanned = await repo().summaryOfEntries(f);
    expect({ ...label, ...(await repo().summaryFromCounts(f)) }).toEqual({ ...label, ...scanned });
    return scanned.total;
  };
  /**
   * Both reads agree for every flag filter, locale and type set at the first `full` cutoffs, and without
   * a filter and on `stale` (what the date decides) at every cutoff. Returns the states listed at the first.
   */
  const expectSame = async (cutoffs: Date[], full = 3) => {
    let listed = -1;
    for (const [i, cutoff] of cutoffs.entries()) {
      for (const types of i < full ? [[ARTICLE, FAQ], [FAQ]] : [[ARTICLE, FAQ]]) {
        for (const locale of i < full ? [undefined, 'en', 'ja'] : [undefined]) {
          for (const flag of (i < full ? [undefined, ...STATE_FLAGS] : [undefined, 'stale']) as Array<
            AuditFlag | undefined
          >) {
            const total = await compare(filterOf({ types, locale, flag, cutoff }));
            if (listed < 0) listed = total;
            // A caller limited by locale (what i18n's permissions are): the same limits on both reads.
            if (i < full) await compare(filterOf({ types, locale, flag, cutoff, readable: jaArticles() }));
          }
        }
      }
    }
    return listed;
  };
  /** Every stored entry date, a millisecond either side, the day, month and year starts around them. */
  const cutoffsAround = async () => {
    const rows: Array<{ entry_updated_at: unknown }> = await knex()('jm_entry_states')
      .select('entry_updated_at')
      .whereNotNull('entry_updated_at');
    const dates = rows.map((r) => new Date(r.entry_updated_at as any));
    const starts = dates.flatMap((at) => [
      Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()),
      Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1),
      Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1),
      Date.UTC(at.getUTCFullYear(), 0, 1),
    ]);
    const all = [...dates.map((x) => x.getTime()), ...starts, ...INSTANTS.map(([, iso]) => Date.parse(iso))].flatMap(
      (t) => [t - 1, t, t + 1]
    );
    return [...new Set(all)].sort((x, y) => x - y).map((t) => new Date(t));
  };
  const countsWrong = async () => (await plugin().service('consistency').check()).countsWrong;
  /** Moves the articles' dates (published row; the draft a day later) around Strapi, then runs the repair. */
  const moveArticleDates = async (dates: Date[]) => {
    for (const [i, documentId] of articles.entries()) {
      const at = dates[i % dates.length];
      await knex()('articles')
        .where({ document_id: documentId })
        .whereNotNull('published_at')
        .update({ updated_at: at });
      await knex()('articles')
        .where({ document_id: documentId })
        .whereNull('published_at')
        .update({ updated_at: new Date(at.getTime() + DAY) });
    }
    expect(await plugin().service('entryStates').repair()).toEqual([ARTICLE]);
  };

  beforeAll(async () => {
    app = await startStrapi('audit_counts');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
    await api.put('/journey-map/settings', { staleAfterDays: STALE_AFTER_DAYS }).expect(200);
    const phases = Object.values(d.phases);
    for (let i = 0; i < 10; i += 1) {
      const id = await createEntry(
        app,
        ARTICLE,
        { title: `Counted ${i}` },
        { publish: i % 4 !== 3, ...(i % 3 === 0 ? { ja: { title: `数えた ${i}` } } : {}) }
      );
      articles.push(id);
      // Every third untagged; the others on one or two phases (awareness has no CTA); some Japanese versions too.
      if (i % 3 !== 2)
        await tagEntry(api, ARTICLE, id, {
          phases: [phases[i % phases.length], ...(i % 2 ? [d.phases.awareness] : [])],
          personas: [],
        }).expect(200);
      if (i % 6 === 0)
        await tagEntry(api, ARTICLE, id, { phases: [d.phases.awareness], personas: [] }, 'ja').expect(200);
    }
    for (let i = 0; i < 4; i += 1) {
      const id = await createEntry(
        app,
        FAQ,
        { question: `Counted question ${i}?` },
        { publish: i !== 0, ...(i === 1 ? { ja: { question: `質問 ${i}?` } } : {}) }
      );
      faqs.push(id);
      if (i >= 2)
        await tagEntry(api, FAQ, id, { phases: [d.phases.awareness], personas: [d.personas.parent] }).expect(200);
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('are kept by the current triggers and equal the count over the entries for every filter and cutoff', async () => {
    expect(plugin().service('cellCounts').maintained()).toBe(true);
    expect(await cellCountsRepository(app.strapi.db, app.strapi.db.dialect.client as any).triggers()).toEqual(
      expectedTriggers().sort()
    );
    expect(await countsWrong()).toBe(0);
    const now = clockOf(app).now();
    expect(await expectSame([new Date(now.getTime() + DAY), new Date(0), new Date(now.getTime() - DAY), now], 4)).toBe(
      19
    );
  });

  it('stay exact at the first and last millisecond of days, months and years when entry dates move', async () => {
    const dates = [
      '2026-11-29T23:59:59.999Z',
      '2026-11-30T00:00:00.000Z',
      '2026-11-30T23:59:59.999Z',
      '2026-12-01T00:00:00.000Z',
      '2026-12-31T23:59:59.999Z',
      '2027-01-01T00:00:00.000Z',
      '2025-12-31T23:59:59.999Z',
      '2026-02-28T12:00:00.000Z',
      '2028-02-29T12:00:00.000Z',
      '2026-12-01T00:00:00.001Z',
    ].map((iso) => new Date(iso));
    await moveArticleDates(dates);
    expect(await countsWrong()).toBe(0);
    await expectSame([new Date(NOW), ...dates, ...(await cutoffsAround())]);
    // Moved again, the other way round: the old buckets empty, the new ones fill.
    const moved = [...dates].reverse().map((at) => new Date(at.getTime() - 40 * DAY));
    await moveArticleDates(moved);
    expect(await countsWrong()).toBe(0);
    await expectSame([new Date(NOW), ...moved, ...(await cutoffsAround())]);
  });

  it('follow publishes, unpublishes, deletes, tags and untags', async () => {
    const docs = (uid: string) => app.strapi.documents(uid as any);
    await docs(ARTICLE).unpublish({ documentId: articles[0], locale: '*' } as any);
    await docs(ARTICLE).publish({ documentId: articles[3], locale: '*' } as any);
    await docs(ARTICLE).update({ documentId: articles[1], locale: 'en', data: { title: 'Counted again' } } as any);
    await docs(ARTICLE).delete({ documentId: articles[4], locale: '*' } as any);
    await docs(FAQ).delete({ documentId: faqs[1], locale: 'ja' } as any);
    await tagEntry(api, ARTICLE, articles[5], { phases: [], personas: [] }).expect(200);
    await tagEntry(api, ARTICLE, articles[2], {
      phases: [d.phases.consideration],
      personas: [d.personas.techie],
    }).expect(200);
    await tagEntry(api, FAQ, faqs[0], { phases: [d.phases.awareness], personas: [] }, 'en').expect(200);
    await plugin().service('entryStates').settled();
    expect(await countsWrong()).toBe(0);
    await expectSame([new Date(NOW), new Date(0), ...(await cutoffsAround())]);

    // A CTA added to awareness: its tags no longer flag phaseWithoutCta (an audit request follows the CTAs).
    const before = (await api.get('/journey-map/audit').expect(200)).body.meta.counts.phaseWithoutCta;
    const cta = (
      await api
        .post('/journey-map/ctas', {
          label: 'Read more',
          phase: d.phases.awareness,
          actionType: 'download',
          kpiMetric: 'downloads',
          kpiTarget: 1,
          kpiPeriod: 'month',
        })
        .expect(200)
    ).body.data;
    expect((await api.get('/journey-map/audit').expect(200)).body.meta.counts.phaseWithoutCta).toBeLessThan(before);
    await expectSame([new Date(NOW)]);
    await api.del(`/journey-map/ctas/${cta.documentId}`).expect(200);
    expect((await api.get('/journey-map/audit').expect(200)).body.meta.counts.phaseWithoutCta).toBe(before);
    await expectSame([new Date(NOW)]);
  });

  it('count states written around Strapi, NULLs included, and a spoiled count shows until the repair', async () => {
    const at = new Date('2026-11-30T10:00:00.000Z');
    const base = {
      entry_updated_at: at,
      live_updated_at: null,
      draft_and_publish: true,
      versions: 1,
      updated_ms: at.getTime(),
      tagged: false,
      no_cta_tagged: false,
      other_locale_tagged: false,
    };
    const raw = [
      {
        ...base,
        content_type: FAQ,
        entry_document_id: 'rawnolocale000000000000',
        entry_locale: '',
        title: 'No locale',
      },
      {
        ...base,
        content_type: FAQ,
        entry_document_id: 'rawnulls00000000000000000',
        entry_locale: 'en',
        title: null,
        tagged: null,
        other_locale_tagged: true,
        draft_and_publish: null,
      },
      {
        ...base,
        content_type: FAQ,
        entry_document_id: 'rawnodate0000000000000000',
        entry_locale: 'ja',
        entry_updated_at: null,
        live_updated_at: at,
        tagged: true,
        no_cta_tagged: true,
      },
    ];
    await knex()('jm_entry_states').insert(raw);
    // A NULL locale, where the database allows it (the plugin always writes ''): counted under no locale filter.
    const nullLocale = {
      ...base,
      content_type: FAQ,
      entry_document_id: 'rawnulllocale000000000000',
      title: 'NULL locale',
    };
    await knex()('jm_entry_states')
      .insert({ ...nullLocale, entry_locale: null })
      .catch(() => undefined);
    expect(await countsWrong()).toBe(0);
    await expectSame([new Date(0), at, new Date(at.getTime() + 1), new Date(NOW)]);
    await knex()('jm_entry_states')
      .where({ entry_document_id: 'rawnulls00000000000000000' })
      .update({ tagged: true, entry_updated_at: new Date('2024-01-01T00:00:00.000Z') });
    await expectSame([new Date('2024-01-01T00:00:00.000Z'), new Date('2024-01-01T00:00:00.001Z'), new Date(NOW)]);
    await knex()('jm_entry_states')
      .whereIn(
        'entry_document_id',
        [...raw, nullLocale].map((r) => r.entry_document_id)
      )
      .del();
    expect(await countsWrong()).toBe(0);
    await expectSame([new Date(NOW)]);

    // The audit reads the counts: a spoiled count row shows in GET /audit until the repair recounts.
    clockOf(app).freeze(NOW);
    try {
      const meta = async () => (await api.get('/journey-map/audit').expect(200)).body.meta;
      const right = await meta();
      const spoiled = await knex()('jm_state_counts')
        .where({ content_type: FAQ, grain: 'y' })
        .whereNot('bucket', '')
        .orderBy('bucket')
        .first();
      await knex()('jm_state_counts')
        .where(spoiled)
        .update({ n: knex().raw('n + 5') });
      expect((await meta()).pagination.total).toBe(right.pagination.total + 5);
      expect(await plugin().service('consistency').check()).toMatchObject({ exact: false, countsWrong: 1 });
      expect(await plugin().service('consistency').repair()).toMatchObject({ exact: true, countsWrong: 0 });
      expect(await meta()).toEqual(right);
    } finally {
      clockOf(app).reset();
    }
  });

  it('GET /audit answers the same from the counts as over the entries, and a role with conditions is counted over its entries', async () => {
    clockOf(app).freeze(NOW);
    try {
      const cutoff = new Date(Date.parse(NOW) - STALE_AFTER_DAYS * DAY);
      const tally = (rows: any[]) =>
        Object.fromEntries(AUDIT_FLAGS.map((flag) => [flag, rows.filter((r) => r.flags.includes(flag)).length]));
      for (const query of [
        '',
        '&locale=en',
        '&locale=ja',
        ...STATE_FLAGS.map((flag) => `&flag=${flag}`),
        '&flag=untagged&locale=en&sort=title:asc',
      ]) {
        const body = (await api.get(`/journey-map/audit?pageSize=100${query}`).expect(200)).body;
        const flag = /flag=(\w+)/.exec(query)?.[1] as AuditFlag | undefined;
        const locale = /locale=(\w+)/.exec(query)?.[1];
        const scanned = await repo().summaryOfEntries(filterOf({ flag, locale, cutoff }));
        expect({ query, total: body.meta.pagination.total, counts: body.meta.counts }).toEqual({
          query,
          total: scanned.total,
          counts: scanned.counts,
        });
        // Every row fits on the page: the counts are those of the rows listed.
        expect({ query, total: body.data.length, counts: tally(body.data) }).toEqual({
          query,
          total: scanned.total,
          counts: scanned.counts,
        });
      }

      const read = (uid: string, conditions: string[] = [], locales = ['en', 'ja']) => ({
        action: 'plugin::content-manager.explorer.read',
        subject: uid,
        properties: { locales },
        conditions,
      });
      // Articles in Japanese only, every FAQ: locale limits, counted from the counts with the same limits.
      const ja = adminApi(
        app,
        await adminWithPermissions(app, [{ action: 'plugin::journey-map.read' }, read(ARTICLE, [], ['ja']), read(FAQ)])
      );
      for (const query of ['', '&flag=untagged', '&flag=stale&locale=ja']) {
        const body = (await ja.get(`/journey-map/audit?pageSize=100${query}`).expect(200)).body;
        expect(body.data.filter((r: any) => r.contentType === ARTICLE && r.locale !== 'ja')).toEqual([]);
        expect({ query, total: body.meta.pagination.total, counts: body.meta.counts }).toEqual({
          query,
          total: body.data.length,
          counts: tally(body.data),
        });
        const flag = /flag=(\w+)/.exec(query)?.[1] as AuditFlag | undefined;
        const locale = /locale=(\w+)/.exec(query)?.[1];
        const scanned = await repo().summaryOfEntries(filterOf({ flag, locale, cutoff, readable: jaArticles() }));
        expect({ query, total: body.meta.pagination.total, counts: body.meta.counts }).toEqual({ query, ...scanned });
      }
      expect((await ja.get('/journey-map/audit?pageSize=100').expect(200)).body.meta.pagination.total).toBeGreaterThan(
        0
      );

      // Articles only if the caller created them, every FAQ: counted over the entries (row conditions).
      const token = await adminWithPermissions(app, [
        { action: 'plugin::journey-map.read' },
        read(ARTICLE, ['admin::is-creator']),
        read(FAQ),
      ]);
      const restricted = adminApi(app, token);
      const body = (await restricted.get('/journey-map/audit?pageSize=100').expect(200)).body;
      expect(body.data.every((r: any) => r.contentType === FAQ)).toBe(true);
      expect(body.meta.pagination.total).toBe(body.data.length);
      expect(body.meta.counts).toEqual(tally(body.data));
      const faqsOnly = await repo().summaryOfEntries(filterOf({ types: [FAQ], cutoff }));
      expect({ total: body.meta.pagination.total, counts: body.meta.counts }).toEqual(faqsOnly);
    } finally {
      clockOf(app).reset();
    }
  });

  it('an upgrade from the untagged counts drops their table, creates the current triggers and recounts', async () => {
    const counts = cellCountsRepository(app.strapi.db, app.strapi.db.dialect.client as any);
    await counts.dropTriggers();
    await knex().schema.createTable('jm_untagged_counts', (t) => {
      t.string('content_type', 191).notNullable();
      t.string('entry_locale', 32).notNullable();
      t.bigInteger('n').notNullable().defaultTo(0);
    });
    // Written while no trigger counted: the boot's recount catches up.
    await tagEntry(api, ARTICLE, articles[2], { phases: [], personas: [] }).expect(200);
    expect(await plugin().service('cellCounts').ensure()).toEqual({ maintained: true, rebuilt: true });
    expect(await knex().schema.hasTable('jm_untagged_counts')).toBe(false);
    expect(await counts.triggers()).toEqual(expectedTriggers().sort());
    expect(await countsWrong()).toBe(0);
    await expectSame([new Date(NOW)]);
  });
});
