import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { Queryable } from '../db/queryable';
import { cellHistoryRepository } from '../repositories/cell-history';
import type { CoverageCell, CoverageChanges, CoverageChangesQuery, CoverageHistory, CoverageHistoryQuery } from '../../../shared/contracts/coverage';
import { buildSeries, cellKey, gapChanges, gapRuns, lastDays, type CellDay } from './cell-history-rules';
import { utcDay } from './snapshots';

/** The history window when none is asked for. */
export const DEFAULT_HISTORY_DAYS = 90;

/**
 * Coverage over time, read from `jm_cell_history` (written with each snapshot, see snapshots.take):
 * each cell's daily series, the gaps opened and closed since a day, and how long each gap has lasted.
 * "Today" is the plugin clock's UTC day; the live matrix counts every locale, as the snapshots do.
 */
const cellHistoryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const today = () => utcDay(getService(strapi, 'clock').now());
  const repository = () => cellHistoryRepository(strapi.db);
  const liveCells = async (journeyId: string) => (await getService(strapi, 'coverage').matrix({ journey: journeyId })).cells;

  async function gapSinceOf(journeyId: string, cells: CoverageCell[]) {
    const gaps = cells.filter((c) => c.state === 'gap');
    const day = today();
    const rows = await repository().ofCells(journeyId, gaps.map((c) => c.phase), day);
    return gapRuns(rows, gaps, day);
  }

  return {
    /** Stores the matrix `cells` as the journey's row set of `day`, on `db` (the snapshot's transaction). */
    async record(db: Queryable, journeyId: string, day: string, cells: CoverageCell[]) {
      return cellHistoryRepository(db).replaceDay(journeyId, day, cells);
    },

    /** The journey's stored rows from `since` to today (UTC days, both included), oldest first. */
    async cellHistory(journeyId: string, since: string): Promise<CellDay[]> {
      return repository().between(journeyId, since, today());
    },

    /**
     * For each cell of the journey that is a gap now, the first day of its current unbroken gap run
     * (cell-history-rules `gapRuns`): null when no snapshot recorded the cell.
     */
    async gapSince(journeyId: string): Promise<Array<{ phase: string; persona: string | null; since: string | null }>> {
      return gapSinceOf(journeyId, await liveCells(journeyId));
    },

    /** The journey's newest recorded day (a daily or manual snapshot's), or null. */
    lastDay(journeyId: string): Promise<string | null> {
      return repository().lastDay(journeyId);
    },

    /** The same for the gaps of a matrix the caller computed (the ranked list's, in its locale). */
    async gapSinceOfCells(journeyId: string, gaps: Array<{ phase: string; persona: string | null }>) {
      return gapSinceOf(journeyId, gaps.map((g) => ({ ...g, state: 'gap' as const, count: 0 })) as CoverageCell[]);
    },

    async history(q: CoverageHistoryQuery): Promise<CoverageHistory> {
      const journey = await getService(strapi, 'journeys').getJourney(q.journey);
      const days = lastDays(today(), q.days ?? DEFAULT_HISTORY_DAYS);
      const [rows, cells] = await Promise.all([repository().between(journey.documentId, days[0], days[days.length - 1]), liveCells(journey.documentId)]);
      const since = new Map((await gapSinceOf(journey.documentId, cells)).map((g) => [cellKey(g.phase, g.persona), g.since]));
      const series = new Map(buildSeries(rows, days).map((s) => [cellKey(s.phase, s.persona), s]));
      const empty = { counts: days.map(() => null), states: days.map(() => null), gapDays: 0 };
      // The cells of today's matrix, in its order; a cell not recorded in the window has an empty series.
      return {
        journey: { documentId: journey.documentId, name: journey.name },
        locale: null,
        days,
        recordedDays: new Set(rows.map((r) => r.day)).size,
        cells: cells.map((c) => {
          const key = cellKey(c.phase, c.persona);
          const s = series.get(key);
          return { phase: c.phase, persona: c.persona ?? null, ...(s ? { counts: s.counts, states: s.states, gapDays: s.gapDays } : empty), gapSince: since.get(key) ?? null };
        }),
      };
    },

    async changes(q: CoverageChangesQuery): Promise<CoverageChanges> {
      const journey = await getService(strapi, 'journeys').getJourney(q.journey);
      const day = today();
      const [comparedWith, cells] = await Promise.all([repository().firstDayFrom(journey.documentId, q.since), liveCells(journey.documentId)]);
      const then = comparedWith ? await repository().ofDay(journey.documentId, comparedWith) : [];
      const { opened, closed } = comparedWith ? gapChanges(then, cells) : { opened: [], closed: [] };
      return { journey: { documentId: journey.documentId, name: journey.name }, since: q.since, comparedWith, today: day, opened, closed };
    },
  };
};

export default cellHistoryService;
