import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { coverageRepository, type CountedTags } from '../repositories/coverage';
import { ValidationError } from '../utils/errors';
import type { CoverageQuery, CoverageReport } from '../../../shared/contracts/coverage';
import type { Journey } from '../../../shared/contracts/journeys';
import { buildMatrix, cellKey } from './coverage-rules';

const DAY = 24 * 60 * 60 * 1000;

/** The counts of the matrix's cells, keyed by `cellKey(phase, persona)`, and each phase's entries. */
export interface CellTotals {
  counts: Map<string, number>;
  phaseEntries: Map<string, number>;
}

/**
 * The phase × persona coverage matrix: the counts come from repositories/coverage (plugin-owned tables
 * only), the states and phase flags from the pure rules of coverage-rules.
 */
const coverageService = ({ strapi }: { strapi: Core.Strapi }) => {
  // The maintained counts when the database keeps them (services/cell-counts), else the tags' index.
  const repository = () => coverageRepository(strapi, getService(strapi, 'cellCounts').maintained());

  return {
    /**
     * The counted tags of every (phase, persona) pair of `phaseIds` (repositories/coverage), folded per
     * cell and per phase as the matrix's rules read them (the content map and the side panel).
     */
    async cellTotals(phaseIds: string[], opts: CountedTags): Promise<CellTotals> {
      const counts = new Map<string, number>();
      const phaseEntries = new Map<string, number>();
      if (!opts.types.length || !phaseIds.length) return { counts, phaseEntries };
      for (const r of await repository().cellCounts(phaseIds, opts)) {
        counts.set(cellKey(r.phase_id, r.persona_id), r.count);
        phaseEntries.set(r.phase_id, (phaseEntries.get(r.phase_id) ?? 0) + r.entries);
      }
      return { counts, phaseEntries };
    },

    /** The tracked types, or only `contentType` (which must be tracked). */
    async typesFor(contentType: string | undefined): Promise<string[]> {
      const tracked = await getService(strapi, 'settings').trackedUids();
      if (!contentType) return tracked;
      if (!tracked.includes(contentType)) throw new ValidationError(`query.contentType: "${contentType}" is not a tracked content type`);
      return [contentType];
    },

    /** Entries (documentId × locale) of the types without a tag in any journey. */
    untaggedCount(types: string[], locale?: string): Promise<number> {
      return repository().untaggedCount(types, locale);
    },

    /** The coverage report of one journey (`GET /coverage`; snapshots store it too). */
    async matrix(q: CoverageQuery): Promise<CoverageReport> {
      const [settings, journey, types] = await Promise.all([
        getService(strapi, 'settings').get(),
        getService(strapi, 'journeys').getJourney(q.journey) as Promise<Journey>,
        this.typesFor(q.contentType),
        getService(strapi, 'entryStates').ready(),
      ]);
      const includeDrafts = q.includeDrafts ?? settings.includeDrafts;
      const cutoff = new Date(getService(strapi, 'clock').now().getTime() - settings.staleAfterDays * DAY);
      const locale = q.locale;

      const phases = journey.phases ?? [];
      const personas = journey.personas ?? [];
      const { counts, phaseEntries } = await this.cellTotals(
        phases.map((p) => p.documentId),
        { types, includeDrafts, cutoff, locale }
      );
      const untagged = await this.untaggedCount(types, locale);

      const excluded = new Set<string>((journey.excludedCells ?? []).map((c) => cellKey(c.phase, c.persona)));
      const matrix = buildMatrix({
        phases: phases.map((p) => ({ documentId: p.documentId, minContentPerPersona: p.minContentPerPersona, ctaCount: (p.ctas ?? []).length })),
        personas: personas.map((p) => p.documentId),
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
        phases: phases.map((p) => ({
          documentId: p.documentId,
          name: p.name,
          slug: p.slug,
          position: p.position,
          funnelBand: p.funnelBand,
          ctas: (p.ctas ?? []).map((c) => ({ documentId: c.documentId, label: c.label })),
          // Every phase of the journey is in the matrix's rules.
          ...flagsByPhase.get(p.documentId)!,
        })),
        personas: personas.map((p) => ({ documentId: p.documentId, name: p.name, slug: p.slug })),
        cells: matrix.cells,
        totals: { cells: matrix.cells.length, ...matrix.byState, untagged },
      };
    },
  };
};

export default coverageService;
