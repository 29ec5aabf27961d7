import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PLUGIN_ID } from '../pluginId';
import { ASSIGNMENTS_TABLE, assignmentsRepository } from '../repositories/assignments';
import { ENTRY_STATES_TABLE } from '../repositories/entry-states';
import { MODEL_TABLES, type Dialect } from '../repositories/locks';

/** What a recount from scratch found different from the stored derived data (all zero: exact). */
export interface ConsistencyReport {
  exact: boolean;
  tags: number;
  /** tags whose first-in-phase flag differs from "smallest persona id of the entry's tags in the phase" */
  firstInPhaseWrong: number;
  /** entry states whose tagged / no-CTA-tagged / other-locale-tagged flags differ from the tags */
  stateFlagsWrong: number;
  /** tags whose entry dates differ from their entry's state */
  tagDatesWrong: number;
  /** tags pointing at a journey, phase, persona or CTA that does not exist */
  orphanTags: number;
  /** tracked types whose states differ from the site's table (row count or update times) */
  typesDrifted: string[];
}

const truth = (column: string) => `(case when ${column} then 1 else 0 end)`;

/**
 * Recounts the data that coverage and the audit read — first-in-phase flags, entry-state flags, the
 * entry dates copied onto tags — from the tags and the site's tables, and compares. Every number is one
 * set-based query, so the check costs a few scans whatever the site's size. Used by the tests after
 * concurrent writes and by the hourly repair job, which rebuilds what it finds wrong.
 */
const consistencyService = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = (): Knex => strapi.db.connection;
  const dialect = () => strapi.db.dialect.client as Dialect;
  const count = async (q: Knex.QueryBuilder) => Number(((await q.count({ n: '*' }).first()) as any)?.n ?? 0);
  const sameOrBothNull = (a: string, b: string) =>
    dialect() === 'postgres' ? `${a} is not distinct from ${b}` : dialect() === 'mysql' ? `${a} <=> ${b}` : `${a} is ${b}`;

  /** The phases whose tags carry a wrong first-in-phase flag. */
  const firstInPhaseWrong = () => {
    const first = db()(ASSIGNMENTS_TABLE)
      .select('content_type', 'entry_document_id', 'entry_locale', 'phase_id')
      .min({ persona_id: 'persona_id' })
      .groupBy('content_type', 'entry_document_id', 'entry_locale', 'phase_id')
      .as('g');
    return db()(`${ASSIGNMENTS_TABLE} as a`)
      .join(first, (j) => {
        j.on('g.content_type', 'a.content_type').andOn('g.entry_document_id', 'a.entry_document_id').andOn('g.entry_locale', 'a.entry_locale').andOn('g.phase_id', 'a.phase_id');
      })
      .whereRaw(`(case when a.persona_id = g.persona_id then 1 else 0 end) <> ${truth('a.first_in_phase')}`);
  };

  const stateFlagsWrong = (noCtaPhases: string[]) => {
    const tagsOf = (sameLocale: boolean) =>
      db()(`${ASSIGNMENTS_TABLE} as t`)
        .select(db().raw('1'))
        .whereRaw('t.content_type = s.content_type')
        .whereRaw('t.entry_document_id = s.entry_document_id')
        .whereRaw(`t.entry_locale ${sameLocale ? '=' : '<>'} s.entry_locale`);
    const exists = (q: Knex.QueryBuilder) => {
      const { sql, bindings } = q.toSQL();
      return db().raw(`(case when exists (${sql}) then 1 else 0 end)`, bindings as any[]).toQuery();
    };
    const noCta = noCtaPhases.length ? exists(tagsOf(true).whereIn('t.phase_id', noCtaPhases)) : '0';
    return db()(`${ENTRY_STATES_TABLE} as s`).where((w) => {
      w.whereRaw(`${exists(tagsOf(true))} <> ${truth('s.tagged')}`)
        .orWhereRaw(`${noCta} <> ${truth('s.no_cta_tagged')}`)
        .orWhereRaw(`${exists(tagsOf(false))} <> ${truth('s.other_locale_tagged')}`);
    });
  };

  const tagDatesWrong = () =>
    db()(`${ASSIGNMENTS_TABLE} as a`)
      .leftJoin(`${ENTRY_STATES_TABLE} as s`, (j) => {
        j.on('s.content_type', 'a.content_type').andOn('s.entry_document_id', 'a.entry_document_id').andOn('s.entry_locale', 'a.entry_locale');
      })
      .where((w) => {
        w.whereRaw(`not (${sameOrBothNull('a.entry_updated_at', 's.entry_updated_at')})`).orWhereRaw(`not (${sameOrBothNull('a.entry_live_at', 's.live_updated_at')})`);
      });

  const orphanTags = () =>
    db()(`${ASSIGNMENTS_TABLE} as a`).where((w) => {
      const missing = (table: string, column: string) => db()(table).select(db().raw('1')).whereRaw(`${table}.document_id = a.${column}`);
      w.whereNotExists(missing(MODEL_TABLES.journey, 'journey_id'))
        .orWhereNotExists(missing(MODEL_TABLES.phase, 'phase_id'))
        .orWhere((p) => p.whereNot('a.persona_id', '').whereNotExists(missing(MODEL_TABLES.persona, 'persona_id')))
        .orWhere((c) => c.whereNotNull('a.cta_id').whereNotExists(missing(MODEL_TABLES.cta, 'cta_id')));
    });

  return {
    async check(): Promise<ConsistencyReport> {
      const noCta = ((await strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'entry-states-no-cta-phases' }).get({})) as string[] | null) ?? [];
      const report = {
        tags: await count(db()(ASSIGNMENTS_TABLE)),
        firstInPhaseWrong: await count(firstInPhaseWrong()),
        stateFlagsWrong: await count(stateFlagsWrong(noCta)),
        tagDatesWrong: await count(tagDatesWrong()),
        orphanTags: await count(orphanTags()),
        typesDrifted: (await strapi.plugin(PLUGIN_ID).service('entryStates').drifted()) as string[],
      };
      const exact = !report.firstInPhaseWrong && !report.stateFlagsWrong && !report.tagDatesWrong && !report.orphanTags && !report.typesDrifted.length;
      return { exact, ...report };
    },

    /**
     * The repair job: rebuilds the entry states of drifted types (entryStates.repair), then sets again the
     * first-in-phase flags and state flags if the recount disagrees, and logs what it fixed. Orphan tags are
     * reported, not deleted here (their removal belongs to the boot repair of the journey model).
     */
    async repair(): Promise<ConsistencyReport> {
      const entryStates = strapi.plugin(PLUGIN_ID).service('entryStates');
      await entryStates.repair();
      const before = await this.check();
      if (before.firstInPhaseWrong) {
        const phases = (await firstInPhaseWrong().distinct('a.phase_id as phase_id')).map((r: any) => r.phase_id);
        await strapi.db.transaction(({ trx }) => assignmentsRepository(trx as Knex.Transaction).recomputeFirstInPhase(phases));
      }
      if (before.stateFlagsWrong || before.tagDatesWrong) {
        for (const uid of strapi.plugin(PLUGIN_ID).service('contentTypes').trackableUids() as string[]) await entryStates.rebuild(uid);
      }
      const after = before.exact ? before : await this.check();
      if (!before.exact) strapi.log.warn(`[journey-map] derived data recounted: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
      return after;
    },
  };
};

export default consistencyService;
