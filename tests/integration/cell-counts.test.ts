import { databaseClient } from '../helpers/database';
import { ARTICLE, FAQ, adminApi, cellOf, createEntry, demoJourney, ensureJapanese, tagEntry, type AdminApi } from '../helpers/fixtures';
import { INSTANTS } from '../helpers/instants';
import { clockOf, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';
import { coverageRepository } from '../../server/src/repositories/coverage';
import { cellCountsRepository, expectedTriggers } from '../../server/src/repositories/cell-counts';

const DAY = 24 * 3600 * 1000;

/**
 * Coverage reads maintained counts (jm_cell_counts, jm_untagged_counts) kept by database triggers. They
 * must equal the tags' index count for every cell and every cutoff — the first and last millisecond of a
 * day and of a month included — after tag writes, entry dates moved across buckets, and bulk SQL around
 * Strapi; spoiled counts show in coverage (it reads them) until the repair recounts them.
 */
describe(`maintained coverage counts on ${databaseClient()}`, () => {
  let app: TestApp;
  let api: AdminApi;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  const entries: string[] = [];
  const plugin = () => app.strapi.plugin('journey-map');
  const knex = () => app.strapi.db.connection;
  const repo = () => cellCountsRepository(app.strapi.db, app.strapi.db.dialect.client as any);

  /** Every non-empty (phase, persona) row of both reads, and the untagged counts, for one cutoff. */
  const bothReads = async (cutoff: Date, includeDrafts: boolean, locale?: string) => {
    const opts = { types: [ARTICLE, FAQ], includeDrafts, cutoff, locale };
    const rows = async (counted: boolean) =>
      (await coverageRepository(app.strapi, counted).cellCounts(Object.values(d.phases), opts))
        .filter((r) => r.count || r.entries)
        .map((r) => `${r.phase_id}/${r.persona_id}: ${r.count} tags, ${r.entries} entries`)
        .sort();
    const untagged = (counted: boolean) => coverageRepository(app.strapi, counted).untaggedCount([ARTICLE, FAQ], locale);
    return {
      counted: { cells: await rows(true), untagged: await untagged(true) },
      index: { cells: await rows(false), untagged: await untagged(false) },
    };
  };
  /** Both reads agree for every cutoff of `cutoffs`, both bases and three locale filters; returns how many rows were compared. */
  const expectSameForCutoffs = async (cutoffs: Date[]) => {
    let compared = 0;
    for (const cutoff of cutoffs) {
      for (const includeDrafts of [false, true]) {
        for (const locale of [undefined, 'en', 'ja']) {
          const { counted, index } = await bothReads(cutoff, includeDrafts, locale);
          expect({ cutoff: cutoff.toISOString(), includeDrafts, locale, ...counted }).toEqual({ cutoff: cutoff.toISOString(), includeDrafts, locale, ...index });
          compared += counted.cells.length;
        }
      }
    }
    return compared;
  };
  /** Moves each article's dates to `dates[i]` by writing the site's table around Strapi, then runs the repair. */
  const moveArticleDates = async (dates: Date[]) => {
    for (const [i, documentId] of entries.entries()) {
      const at = dates[i % dates.length];
      // The draft row a day later than the published one: the two bases land in different buckets.
      await knex()('articles').where({ document_id: documentId }).whereNotNull('published_at').update({ updated_at: at });
      await knex()('articles').where({ document_id: documentId }).whereNull('published_at').update({ updated_at: new Date(at.getTime() + DAY) });
    }
    expect(await plugin().service('entryStates').repair()).toEqual([ARTICLE]);
  };

  beforeAll(async () => {
    app = await startStrapi('cell_counts');
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    await ensureJapanese(app);
    d = await demoJourney(api);
    const phases = Object.values(d.phases);
    const personaSets = [[], [d.personas.parent], [d.personas.techie], [d.personas.parent, d.personas.techie]];
    for (let i = 0; i < 12; i += 1) {
      const id = await createEntry(app, ARTICLE, { title: `Counted ${i}` }, i % 3 === 0 ? { ja: { title: `数えた ${i}` } } : {});
      entries.push(id);
      const body = { phases: [phases[i % phases.length], phases[(i + 2) % phases.length]], personas: personaSets[i % personaSets.length] };
      await tagEntry(api, ARTICLE, id, body).expect(200);
      if (i % 3 === 0) await tagEntry(api, ARTICLE, id, { phases: [phases[i % phases.length]], personas: [] }, 'ja').expect(200);
    }
    const faq = await createEntry(app, FAQ, { question: 'Counted FAQ?' });
    await tagEntry(api, FAQ, faq, { phases: [d.phases.decision], personas: [d.personas.parent] }).expect(200);
    await createEntry(app, FAQ, { question: 'Never tagged?' }, { publish: false });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('are maintained by the current triggers, and equal the index count after tag writes through the API', async () => {
    expect(plugin().service('cellCounts').maintained()).toBe(true);
    expect(await repo().triggers()).toEqual(expectedTriggers().sort());
    expect((await plugin().service('consistency').check()).countsWrong).toBe(0);
    const now = clockOf(app).now();
    expect(await expectSameForCutoffs([new Date(0), new Date(now.getTime() - DAY), now])).toBeGreaterThan(0);
    expect((await bothReads(new Date(0), true)).counted.untagged).toBeGreaterThanOrEqual(1);
  });

  it('stay exact at the first and last millisecond of days and months when entry dates move across buckets', async () => {
    const dates = [
      '2026-11-29T23:59:59.999Z',
      '2026-11-30T00:00:00.000Z',
      '2026-11-30T12:00:00.000Z',
      '2026-11-30T23:59:59.999Z',
      '2026-12-01T00:00:00.000Z',
      '2026-12-01T00:00:00.001Z',
      '2026-12-31T23:59:59.999Z',
      '2027-01-01T00:00:00.000Z',
      '2026-10-31T23:59:59.999Z',
      '2026-09-30T21:00:00.000Z',
      '2028-02-29T12:00:00.000Z',
      '2026-12-28T08:00:00.000Z',
    ].map((iso) => new Date(iso));
    await moveArticleDates(dates);
    expect((await plugin().service('consistency').check()).countsWrong).toBe(0);
    // Every stored date, a millisecond before and after, and the same instants a day later (the drafts).
    const cutoffs = [...dates, ...INSTANTS.map(([, iso]) => new Date(iso))].flatMap((at) =>
      [0, DAY].flatMap((shift) => [-1, 0, 1].map((ms) => new Date(at.getTime() + shift + ms)))
    );
    const compared = await expectSameForCutoffs([...new Map(cutoffs.map((c) => [c.getTime(), c])).values()]);
    expect(compared).toBeGreaterThan(0);

    // Moved again, the other way round: the old buckets empty, the new ones fill.
    await moveArticleDates([...dates].reverse().map((at) => new Date(at.getTime() - 40 * DAY)));
    expect((await plugin().service('consistency').check()).countsWrong).toBe(0);
    await expectSameForCutoffs(dates.map((at) => new Date(at.getTime() - 40 * DAY)));
  });

  it('follow publishes, unpublishes, entry deletes and tag removals', async () => {
    const [a, b, c] = entries;
    await app.strapi.documents(ARTICLE as any).unpublish({ documentId: a, locale: '*' } as any);
    await app.strapi.documents(ARTICLE as any).update({ documentId: b, locale: 'en', data: { title: 'Counted again' } } as any);
    await app.strapi.documents(ARTICLE as any).publish({ documentId: b, locale: 'en' } as any);
    await app.strapi.documents(ARTICLE as any).delete({ documentId: c, locale: '*' } as any);
    await tagEntry(api, ARTICLE, entries[3], { phases: [], personas: [] }).expect(200);
    await plugin().service('entryStates').settled();
    expect((await plugin().service('consistency').check()).countsWrong).toBe(0);
    const now = clockOf(app).now();
    await expectSameForCutoffs([new Date(0), new Date(now.getTime() - 1), now]);
  });

  it('are what coverage reads: a spoiled count shows until the repair recounts it', async () => {
    clockOf(app).freeze('2026-12-15T12:00:00.000Z');
    try {
      await api.put('/journey-map/settings', { staleAfterDays: 365 }).expect(200);
      const coverage = async () => (await api.get(`/journey-map/coverage?journey=${d.journey}&includeDrafts=true`).expect(200)).body.data;
      const before = await coverage();
      const cell = before.cells.find((x: any) => x.count > 0);
      expect(cell).toBeDefined();
      // The year after the cutoff's (2025-12-15): coverage sums it whole.
      const key = { basis: 'a', grain: 'y', phase_id: cell.phase, persona_id: '', content_type: ARTICLE, entry_locale: 'en', bucket: '2026' };
      const spoiled = await knex()('jm_cell_counts').where(key).update({ n: knex().raw('n + 7') });
      if (!spoiled) await knex()('jm_cell_counts').insert({ ...key, n: 7, firsts: 0 });
      expect(cellOf(await coverage(), cell.phase, cell.persona).count).toBe(cell.count + 7);
      const report = await plugin().service('consistency').check();
      expect(report).toMatchObject({ exact: false, countsWrong: 1 });
      expect(await plugin().service('consistency').repair()).toMatchObject({ exact: true, countsWrong: 0 });
      expect(cellOf(await coverage(), cell.phase, cell.persona).count).toBe(cell.count);
    } finally {
      clockOf(app).reset();
    }
  });

  it('count bulk SQL writes around Strapi through the triggers; without triggers the repair creates them and recounts', async () => {
    const copyTags = async (toPhase: string) => {
      const rows = await knex()('jm_assignments').where({ phase_id: d.phases.awareness });
      expect(rows.length).toBeGreaterThan(0);
      await knex()('jm_assignments').insert(
        rows.map(({ id: _id, document_id, ...r }: any) => ({ ...r, document_id: `${String(document_id).slice(0, 20)}bulk`, phase_id: toPhase }))
      );
      return rows.length;
    };
    await knex()('jm_assignments').where({ phase_id: d.phases.purchase }).del();
    await copyTags(d.phases.purchase);
    expect((await plugin().service('consistency').check()).countsWrong).toBe(0);
    await expectSameForCutoffs([new Date(0), new Date('2026-11-30T00:00:00.000Z')]);

    // Someone drops the triggers: writes go uncounted, the check sees it, the repair puts both back.
    await repo().dropTriggers();
    expect(await repo().triggers()).toEqual([]);
    await knex()('jm_assignments').where({ phase_id: d.phases.retention }).del();
    await copyTags(d.phases.retention);
    expect((await plugin().service('consistency').check()).countsWrong).toBeGreaterThan(0);
    expect(await plugin().service('consistency').repair()).toMatchObject({ exact: true, countsWrong: 0 });
    expect(await repo().triggers()).toEqual(expectedTriggers().sort());
    await expectSameForCutoffs([new Date(0), new Date('2026-11-30T00:00:00.000Z'), new Date('2026-12-01T00:00:00.000Z')]);
  });

  (databaseClient() === 'postgres' ? it : it.skip)('have the by-bucket index on PostgreSQL, also added at boot to a table made before it', async () => {
    const indexes = async () =>
      (await knex().raw(`select indexname from pg_indexes where tablename = 'jm_cell_counts' order by indexname`)).rows.map((r: any) => r.indexname);
    expect(await indexes()).toEqual(['jm_cell_counts_phase_bucket_idx', 'jm_cell_counts_pk']);
    await knex().raw('drop index jm_cell_counts_phase_bucket_idx');
    expect(await indexes()).toEqual(['jm_cell_counts_pk']);
    await plugin().service('cellCounts').ensure();
    expect(await indexes()).toEqual(['jm_cell_counts_phase_bucket_idx', 'jm_cell_counts_pk']);
    await expectSameForCutoffs([new Date(0), new Date('2026-11-30T00:00:00.000Z')]);
  });
});
