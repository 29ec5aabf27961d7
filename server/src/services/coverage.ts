import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UID } from '../pluginId';
import { ASSIGNMENTS_TABLE } from '../repositories/assignments';
import { ENTRY_STATES_TABLE } from '../repositories/entry-states';
import { ValidationError } from '../utils/errors';
import { parse } from '../validation/parse';
import { coverageQuery } from '../validation/reports';
import { buildMatrix, cellKey } from './coverage-rules';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The phase × persona coverage matrix, counted in the database from plugin-owned tables only: the tags
 * carry their entry's last update of the published version and of any version (kept in sync by
 * services/entry-states), so the cells and the per-phase entry totals are one statement of index range
 * counts over `jm_assignments`, and the untagged count one over `jm_entry_states` — the site's own tables, which
 * the plugin may not index, are not read at all.
 */
const coverageService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const knex = () => strapi.db.connection;

  /** Locales a filter keeps: the asked one, and '' (types without i18n are in every locale). */
  const localesFor = (locale: string | undefined) => (locale ? [locale, ''] : null);

  return {
    /**
     * Every (phase, persona) pair of the journey's phases — personas of any journey, and '' for tags of
     * all personas — with its counted tags and, among them, the entries counted once per phase (each
     * entry's first tag in a phase carries `first_in_phase`). A tag counts when its entry is published
     * (or has any version, when drafts count) and was updated since the cutoff, and is of the given types
     * and locale. One statement; each count is a range of a covering index (phase, persona, type, date),
     * so the database reads only the counted tags' index entries and never groups or sorts them.
     */
    cellCounts(phaseIds: string[], opts: { types: string[]; includeDrafts: boolean; cutoff: Date; locale?: string }) {
      const k = knex();
      const table = (uid: string): string => plugin().service('entries').table(uid);
      const counted = (firstOnly: boolean) => {
        const q = k(`${ASSIGNMENTS_TABLE} as a`)
          .count({ n: '*' })
          .whereRaw('a.phase_id = ph.document_id')
          .whereRaw('a.persona_id = pe.persona_id')
          .whereIn('a.content_type', opts.types)
          .where(opts.includeDrafts ? 'a.entry_updated_at' : 'a.entry_live_at', '>=', opts.cutoff);
        const locales = localesFor(opts.locale);
        if (locales) q.whereIn('a.entry_locale', locales);
        if (firstOnly) q.where('a.first_in_phase', true);
        return q;
      };
      const personas = k(`${table(UID.persona)} as p`).select('p.document_id as persona_id').union(k.select(k.raw("'' as persona_id")));
      return k
        .from(`${table(UID.phase)} as ph`)
        .crossJoin(personas.as('pe') as any)
        .whereIn('ph.document_id', phaseIds)
        .select('ph.document_id as phase_id', 'pe.persona_id', counted(false).as('count'), counted(true).as('entries'));
    },

    async typesFor(contentType: string | undefined): Promise<string[]> {
      const tracked: string[] = await plugin().service('settings').trackedUids();
      if (!contentType) return tracked;
      if (!tracked.includes(contentType)) throw new ValidationError(`query.contentType: "${contentType}" is not a tracked content type`);
      return [contentType];
    },

    /** Entries (documentId × locale) of the types without a tag in any journey. */
    async untaggedCount(types: string[], locale?: string): Promise<number> {
      if (!types.length) return 0;
      const q = knex()(`${ENTRY_STATES_TABLE} as s`).whereIn('s.content_type', types).where('s.tagged', false).count({ count: '*' }).first();
      const locales = localesFor(locale);
      if (locales) q.whereIn('s.entry_locale', locales);
      const row: any = await q;
      return Number(row?.count ?? 0);
    },

    async matrix(query: unknown) {
      const q = parse(coverageQuery, query, 'query');
      const [settings, journey, types] = await Promise.all([
        plugin().service('settings').get(),
        plugin().service('model').getJourney(q.journey),
        this.typesFor(q.contentType),
        plugin().service('entryStates').ready(),
      ]);
      const includeDrafts = q.includeDrafts ?? settings.includeDrafts;
      const cutoff = new Date(plugin().service('clock').now().getTime() - settings.staleAfterDays * DAY);
      const locale = q.locale;

      const counts = new Map<string, number>();
      const phaseEntries = new Map<string, number>();
      const phaseIds: string[] = (journey.phases ?? []).map((p: any) => p.documentId);
      if (types.length && phaseIds.length) {
        const rows: any[] = await this.cellCounts(phaseIds, { types, includeDrafts, cutoff, locale });
        for (const r of rows) {
          counts.set(cellKey(r.phase_id, r.persona_id ?? ''), Number(r.count));
          phaseEntries.set(r.phase_id, (phaseEntries.get(r.phase_id) ?? 0) + Number(r.entries));
        }
      }
      const untagged = await this.untaggedCount(types, locale);

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
        totals: { cells: matrix.cells.length, ...matrix.byState, untagged },
      };
    },
  };
};

export default coverageService;
