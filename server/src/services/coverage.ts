import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PLUGIN_ID } from '../pluginId';
import { ASSIGNMENTS_TABLE } from '../repositories/assignments';
import { unionAll } from '../utils/sql';
import { ValidationError } from '../utils/errors';
import { parse } from '../validation/parse';
import { coverageQuery } from '../validation/reports';
import { buildMatrix, cellKey } from './coverage-rules';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The phase × persona coverage matrix, counted in the database: one statement for the cells and the
 * per-phase entry totals (a CTE of the tags whose entry counts, aggregated twice) and one for the untagged
 * count, whatever the number of phases, personas or entries (each a UNION ALL over the tracked types).
 */
const coverageService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const knex = () => strapi.db.connection;

  /** An expression counting distinct (documentId, locale) pairs, in the database's dialect. */
  const distinctEntries = (k: Knex, alias: string) =>
    strapi.db.dialect.client === 'mysql'
      ? k.raw(`count(distinct ${alias}.entry_document_id, ${alias}.entry_locale) as count`)
      : k.raw(`count(distinct ${alias}.entry_document_id || '|' || ${alias}.entry_locale) as count`);

  return {
    /** Subquery: the entry of assignment `a` has a version that counts (published unless drafts count; fresh). */
    countsAsContent(k: Knex, uid: string, opts: { includeDrafts: boolean; cutoff: Date }) {
      const entries = plugin().service('entries');
      const sub = k(`${entries.table(uid)} as e`).select(k.raw('1')).whereRaw('e.document_id = a.entry_document_id');
      if (entries.isLocalized(uid)) sub.whereRaw('e.locale = a.entry_locale');
      if (entries.hasDraftAndPublish(uid) && !opts.includeDrafts) sub.whereNotNull('e.published_at');
      sub.where('e.updated_at', '>=', opts.cutoff);
      return sub;
    },

    async typesFor(contentType: string | undefined): Promise<string[]> {
      const tracked: string[] = await plugin().service('settings').trackedUids();
      if (!contentType) return tracked;
      if (!tracked.includes(contentType)) throw new ValidationError(`query.contentType: "${contentType}" is not a tracked content type`);
      return [contentType];
    },

    async untaggedCount(types: string[], locale?: string): Promise<number> {
      if (!types.length) return 0;
      const k = knex();
      const entries = plugin().service('entries');
      const parts = types.map((uid) => {
        const localized = entries.isLocalized(uid);
        const tagged = k(`${ASSIGNMENTS_TABLE} as a`)
          .select(k.raw('1'))
          .where('a.content_type', uid)
          .whereRaw('a.entry_document_id = e.document_id')
          .whereRaw(localized ? 'a.entry_locale = e.locale' : "a.entry_locale = ''");
        const distinct = k(`${entries.table(uid)} as e`)
          .distinct('e.document_id', ...(localized ? ['e.locale'] : []))
          .whereNotExists(tagged);
        if (locale && localized) distinct.where('e.locale', locale);
        return k.from(distinct.as('d')).count({ count: '*' });
      });
      const rows = await unionAll(k, parts);
      return rows.reduce((sum: number, r: any) => sum + Number(r.count), 0);
    },

    async matrix(query: unknown) {
      const q = parse(coverageQuery, query, 'query');
      const settings = await plugin().service('settings').get();
      const journey = await plugin().service('model').getJourney(q.journey);
      const types = await this.typesFor(q.contentType);
      const includeDrafts = q.includeDrafts ?? settings.includeDrafts;
      const cutoff = new Date(Date.now() - settings.staleAfterDays * DAY);
      const locale = q.locale;
      const k = knex();

      const counts = new Map<string, number>();
      const phaseEntries = new Map<string, number>();
      if (types.length) {
        // The tags whose entry counts, read once (the EXISTS probe into the site's table is the costly
        // part), then aggregated twice from the CTE: per cell, and distinct entries per phase (persona null).
        const counted = unionAll(
          k,
          types.map((uid) => {
            const b = k(`${ASSIGNMENTS_TABLE} as a`)
              .select('a.phase_id', 'a.persona_id', 'a.entry_document_id', 'a.entry_locale')
              .where('a.journey_id', journey.documentId)
              .andWhere('a.content_type', uid)
              .whereExists(this.countsAsContent(k, uid, { includeDrafts, cutoff }));
            if (locale) b.andWhere('a.entry_locale', locale);
            return b;
          })
        );
        const cells = k.from('c').select('c.phase_id', 'c.persona_id', k.raw('count(*) as count')).groupBy('c.phase_id', 'c.persona_id');
        const perPhase = k.from('c').select('c.phase_id', k.raw('null as persona_id'), distinctEntries(k, 'c')).groupBy('c.phase_id');
        const rows = await unionAll(k, [cells, perPhase]).with('c', counted);
        for (const r of rows as any[]) {
          if (r.persona_id === null || r.persona_id === undefined) {
            phaseEntries.set(r.phase_id, Number(r.count));
            continue;
          }
          const key = cellKey(r.phase_id, r.persona_id);
          counts.set(key, (counts.get(key) ?? 0) + Number(r.count));
        }
      }

      const phases = journey.phases ?? [];
      const personas = journey.personas ?? [];
      const excluded = new Set<string>((journey.excludedCells ?? []).map((c: any) => cellKey(c.phase, c.persona)));
      const matrix = buildMatrix({
        phases: phases.map((p: any) => ({ documentId: p.documentId, minContentPerPersona: p.minContentPerPersona, ctaCount: (p.ctas ?? []).length })),
        personas: personas.map((p: any) => p.documentId),
        counts,
        phaseEntries,
        excluded,
        defaults: { min: settings.minPerCell, max: settings.maxPerCell },
      });
      const flagsByPhase = new Map(matrix.phases.map((p) => [p.phase, p]));

      return {
        journey: { documentId: journey.documentId, name: journey.name, slug: journey.slug },
        filters: { locale: locale ?? null, contentType: q.contentType ?? null, includeDrafts, staleAfterDays: settings.staleAfterDays },
        thresholds: { min: settings.minPerCell, max: settings.maxPerCell },
        phases: phases.map((p: any) => ({
          documentId: p.documentId,
          name: p.name,
          slug: p.slug,
          position: p.position,
          funnelBand: p.funnelBand,
          ctas: (p.ctas ?? []).map((c: any) => ({ documentId: c.documentId, label: c.label })),
          ...flagsByPhase.get(p.documentId),
        })),
        personas: personas.map((p: any) => ({ documentId: p.documentId, name: p.name, slug: p.slug })),
        cells: matrix.cells,
        totals: { cells: matrix.cells.length, ...matrix.byState, untagged: await this.untaggedCount(types, locale) },
      };
    },
  };
};

export default coverageService;
