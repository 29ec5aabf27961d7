import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ASSIGNMENTS_TABLE, TAG_COLUMNS as T } from './tags';
import { ENTRY_STATES_TABLE } from './entry-states';
import { MODEL_TABLES, type Dialect } from './locks';
import { cellCountsRepository } from './cell-counts';

/** Which tags count in a cell: of these types and locale, their entry counted since `cutoff`. */
export interface CountedTags {
  types: string[];
  /** count an entry's last update of any version (drafts count) rather than of its published version */
  includeDrafts: boolean;
  cutoff: Date;
  /** an entry locale; undefined: every locale */
  locale?: string;
}

/**
 * One (phase, persona) pair's counts: `count` its counted tags, `entries` the entries among them counted
 * once per phase. `persona_id` '' is the row of the tags for all personas.
 */
export interface CellCountRow {
  phase_id: string;
  persona_id: string;
  count: number;
  entries: number;
}

/** Locales a filter keeps: the asked one, and '' (types without i18n are in every locale). */
const localesFor = (locale: string | undefined) => (locale ? [locale, ''] : null);

/**
 * The coverage counts, read from plugin-owned tables only: the tags carry their entry's last update of
 * the published version and of any version (kept in sync by services/entry-states). `fromCounts` (the
 * database maintains the counts, services/cell-counts): the cells and the per-phase entry totals are one
 * statement over `jm_cell_counts` plus the cutoff's own day of the tags' index, the untagged count a sum
 * of `jm_untagged_counts` — rows in number of months and days, not of entries. Otherwise index range
 * counts over the tags and the entry states (what the counts are checked against). The site's own tables, which the plugin may not index, are
 * not read.
 */
export const coverageRepository = (strapi: Core.Strapi, fromCounts = false) => {
  const db: Knex = strapi.db.connection;
  const counts = () => cellCountsRepository(db, strapi.db.dialect.client as Dialect);
  return {
    /**
     * Every (phase, persona) pair of `phaseIds` — personas of any journey, and '' for tags of all personas —
     * with its counted tags and, among them, the entries counted once per phase (each entry's first tag in
     * a phase carries `first_in_phase`). One statement; each count is a range of a covering index (phase,
     * persona, type, date), so the database reads only the counted tags' index entries and never groups
     * or sorts them.
     */
    async cellCounts(phaseIds: string[], opts: CountedTags): Promise<CellCountRow[]> {
      if (fromCounts) {
        const rows = await counts().cellCounts({ phaseIds, ...opts, locales: localesFor(opts.locale) });
        return rows.map((r) => ({ phase_id: r.phase_id, persona_id: r.persona_id, count: Number(r.n ?? 0), entries: Number(r.firsts ?? 0) }));
      }
      const counted = (firstOnly: boolean) => {
        const q = db(`${ASSIGNMENTS_TABLE} as a`)
          .count({ n: '*' })
          .whereRaw(`a.${T.phaseId} = ph.document_id`)
          .whereRaw(`a.${T.personaId} = pe.persona_id`)
          .whereIn(`a.${T.contentType}`, opts.types)
          .where(`a.${opts.includeDrafts ? T.entryUpdatedAt : T.entryLiveAt}`, '>=', opts.cutoff);
        const locales = localesFor(opts.locale);
        if (locales) q.whereIn(`a.${T.entryLocale}`, locales);
        if (firstOnly) q.where(`a.${T.firstInPhase}`, true);
        return q;
      };
      const personas = db(`${MODEL_TABLES.persona} as p`).select('p.document_id as persona_id').union(db.select(db.raw("'' as persona_id")));
      const rows: Array<{ phase_id: string; persona_id: string | null; count: number | string; entries: number | string }> = await db
        .from(`${MODEL_TABLES.phase} as ph`)
        .crossJoin(personas.as('pe') as unknown as Knex.Raw)
        .whereIn('ph.document_id', phaseIds)
        .select('ph.document_id as phase_id', 'pe.persona_id', counted(false).as('count'), counted(true).as('entries'));
      return rows.map((r) => ({ phase_id: r.phase_id, persona_id: r.persona_id ?? '', count: Number(r.count), entries: Number(r.entries) }));
    },

    /** Entries (documentId × locale) of the types without a tag in any journey. */
    async untaggedCount(types: string[], locale?: string): Promise<number> {
      if (!types.length) return 0;
      if (fromCounts) return counts().untagged(types, localesFor(locale));
      const q = db(`${ENTRY_STATES_TABLE} as s`).whereIn('s.content_type', types).where('s.tagged', false).count({ count: '*' }).first();
      const locales = localesFor(locale);
      if (locales) q.whereIn('s.entry_locale', locales);
      const row = (await q) as { count?: number | string } | undefined;
      return Number(row?.count ?? 0);
    },
  };
};
