import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { UID } from '../pluginId';
import type { EntryStateRow } from '../repositories/entry-states';
import { findModels } from '../utils/documents';
import { NotFoundError } from '../utils/errors';
import type { NotCountingReason, PanelCell, PanelData } from '../../../shared/contracts/panel';
import type { PersonaSummary, PhaseSummary } from '../../../shared/contracts/journeys';
import { buildMatrix, cellKey, cellState } from './coverage-rules';

const DAY = 24 * 60 * 60 * 1000;

/** A journey as the panel reads it (the `fields` and `populate` below). */
interface PanelJourneyDoc {
  documentId: string;
  name: string;
  slug: string;
  excludedCells?: Array<{ phase: string; persona: string }> | null;
  phases?: Array<PhaseSummary & { minContentPerPersona?: number | null }>;
  personas?: PersonaSummary[];
}

const toDate = (value: EntryStateRow['entry_updated_at'] | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));
const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Everything the Content Manager's Journey panel shows for one entry and locale, in one request: the
 * journeys it can be tagged with, its tags, whether it counts on the map now (and if not, why) and, for
 * every cell of every journey, how many other entries count there — so the panel can say which gaps a
 * pick would close before it is saved. Counts follow the content map's rules (services/coverage) for the
 * entry's locale: published (or any version, when drafts count) and updated within the stale period.
 */
const panelService = ({ strapi }: { strapi: Core.Strapi }) => {

  /** Journeys with what the panel shows and what the cell states need (minimums, excluded cells). */
  const journeys = () =>
    findModels<PanelJourneyDoc>(strapi, UID.journey, {
      where: {},
      orderBy: [{ name: 'asc' }],
      select: ['id', 'documentId', 'name', 'slug', 'excludedCells'],
      populate: {
        phases: {
          select: ['id', 'documentId', 'name', 'slug', 'position', 'customerGoal', 'questions', 'minContentPerPersona'],
          orderBy: [{ position: 'asc' }],
          populate: { ctas: { select: ['id', 'documentId', 'label', 'kpiMetric', 'kpiTarget', 'kpiUnit', 'kpiPeriod'] } },
        },
        personas: { select: ['id', 'documentId', 'name', 'slug', 'painPoints'], orderBy: [{ priority: 'desc' }, { name: 'asc' }] },
      },
    });

  return {
    async forEntry(uid: string, documentId: string, locale: string | undefined): Promise<PanelData> {
      const entries = getService(strapi, 'entries');
      await entries.assertTracked(uid, 'params.uid');
      const tagLocale = await entries.tagLocale(uid, locale);
      const entryStates = getService(strapi, 'entryStates');
      await entryStates.ready();
      const [settings, types, allJourneys, tags, states] = await Promise.all([
        getService(strapi, 'settings').get(),
        getService(strapi, 'settings').trackedUids(),
        journeys(),
        getService(strapi, 'tags').get(uid, documentId, tagLocale || undefined),
        entryStates.statesOf(uid, documentId),
      ]);
      const now = getService(strapi, 'clock').now();
      const cutoff = new Date(now.getTime() - settings.staleAfterDays * DAY);
      const includeDrafts = settings.includeDrafts;

      /** The date that decides whether a version counts (the published one unless drafts count). */
      const countedDate = (s: EntryStateRow) => toDate(includeDrafts ? s.entry_updated_at : s.live_updated_at);
      const statusOf = (s: EntryStateRow | undefined): { counts: boolean; reason: NotCountingReason; staleSince: Date | null } => {
        if (!s) return { counts: false, reason: 'missing-locale', staleSince: null };
        const date = countedDate(s);
        if (!date) return { counts: false, reason: 'draft', staleSince: null };
        const staleSince = new Date(date.getTime() + settings.staleAfterDays * DAY);
        if (date < cutoff) return { counts: false, reason: 'stale', staleSince };
        return { counts: true, reason: null, staleSince };
      };

      if (!states.length && !(await entries.existing(uid, [documentId], '')).size) throw new NotFoundError(`${uid} has no entry ${documentId}`);
      const mine = states.find((s) => s.entry_locale === tagLocale);
      const status = statusOf(mine);

      // Counts of the map in this entry's locale ('' = a type without i18n, counted in every locale).
      const phaseIds = allJourneys.flatMap((j) => (j.phases ?? []).map((p) => p.documentId));
      const { counts, phaseEntries } = await getService(strapi, 'coverage').cellTotals(phaseIds, { types, includeDrafts, cutoff, locale: tagLocale || undefined });
      // Take this entry's own saved tags out, so each cell says what the other entries give it.
      if (status.counts) {
        for (const row of tags.rows) {
          const key = cellKey(row.phase, row.persona ?? '');
          counts.set(key, Math.max(0, (counts.get(key) ?? 0) - 1));
        }
        for (const phase of new Set(tags.rows.map((r) => r.phase))) {
          phaseEntries.set(phase, Math.max(0, (phaseEntries.get(phase) ?? 0) - 1));
        }
      }

      const cells: PanelCell[] = [];
      for (const journey of allJourneys) {
        const phases = journey.phases ?? [];
        const excluded = new Set<string>((journey.excludedCells ?? []).map((c) => cellKey(c.phase, c.persona)));
        const matrix = buildMatrix({
          phases: phases.map((p) => ({ documentId: p.documentId, minContentPerPersona: p.minContentPerPersona, ctaCount: (p.ctas ?? []).length })),
          personas: (journey.personas ?? []).map((p) => p.documentId),
          counts,
          phaseEntries,
          excluded,
          defaults: { min: settings.minPerCell, max: settings.maxPerCell },
        });
        const minOf = new Map(matrix.phases.map((p) => [p.phase, p.min]));
        for (const cell of matrix.cells) {
          const min = minOf.get(cell.phase) ?? settings.minPerCell;
          const thresholds = { min, max: settings.maxPerCell };
          const isExcluded = cell.state === 'not-applicable';
          cells.push({
            journey: journey.documentId,
            phase: cell.phase,
            persona: cell.persona,
            others: cell.count,
            min,
            max: settings.maxPerCell,
            state: cell.state,
            stateWith: cellState(cell.count + 1, thresholds, isExcluded),
          });
        }
      }

      return {
        contentType: uid,
        documentId,
        locale: tagLocale || null,
        rules: { includeDrafts, staleAfterDays: settings.staleAfterDays },
        entry: {
          title: mine?.title ?? null,
          exists: Boolean(mine),
          published: Boolean(mine && mine.live_updated_at !== null && mine.live_updated_at !== undefined),
          updatedAt: iso(toDate(mine?.entry_updated_at)),
          publishedUpdatedAt: iso(toDate(mine?.live_updated_at)),
          counts: status.counts,
          reason: status.reason,
          /** when the entry stops counting (in the future) or stopped (in the past), from its counted date */
          staleSince: iso(status.staleSince),
          otherLocales: states
            .filter((s) => s.entry_locale !== tagLocale)
            .map((s) => ({ locale: s.entry_locale, counts: statusOf(s).counts, reason: statusOf(s).reason }))
            .sort((a, b) => a.locale.localeCompare(b.locale)),
        },
        tags: { phases: tags.phases, personas: tags.personas, allPersonasPhases: tags.allPersonasPhases, cta: tags.cta },
        journeys: allJourneys.map((j) => ({
          documentId: j.documentId,
          name: j.name,
          slug: j.slug,
          phases: (j.phases ?? []).map(({ minContentPerPersona: _min, ...p }) => p),
          personas: j.personas ?? [],
        })),
        cells,
        publishCheck: await getService(strapi, 'publishChecks').modeOf(uid),
      };
    },
  };
};

export default panelService;
