import { knexOf, type Queryable } from '../db/queryable';
import { chunks, stamp } from './upsert';
import type { CellState } from '../../../shared/contracts/coverage';
import type { CellDay } from '../services/cell-history-rules';

export const CELL_HISTORY_TABLE = 'jm_cell_history';

interface CellHistoryRow {
  day: string;
  phase_id: string;
  persona_id: string | null;
  count: number | string;
  state: CellState;
}

const toCellDay = (r: CellHistoryRow): CellDay => ({ day: r.day, phase: r.phase_id, persona: r.persona_id ?? '', count: Number(r.count), state: r.state });

/**
 * `jm_cell_history`: one row per journey × UTC day × phase × persona cell, the compact copy of each
 * day's snapshot matrix that history reads (90 days of a journey is a few thousand small rows, where
 * the snapshots' payloads hold every entry key). Its unique index (journey, day, phase, persona) keeps
 * one row set per journey and day however many instances write it.
 */
export const cellHistoryRepository = (on: Queryable) => {
  const db = knexOf(on);
  return {
    /**
     * Makes `cells` the journey's row set of `day`: rows of cells no longer in the matrix go, the others
     * are written or overwritten (an upsert, so that a concurrent writer of the same day waits and
     * then updates instead of failing). Run it in the transaction that stores the day's snapshot.
     */
    async replaceDay(journeyId: string, day: string, cells: Array<{ phase: string; persona: string | null; count: number; state: CellState }>) {
      const keep = new Set(cells.map((c) => `${c.phase}|${c.persona ?? ''}`));
      const existing: Array<{ id: number; phase_id: string; persona_id: string | null }> = await db(CELL_HISTORY_TABLE)
        .select('id', 'phase_id', 'persona_id')
        .where({ journey_id: journeyId, day });
      const gone = existing.filter((r) => !keep.has(`${r.phase_id}|${r.persona_id ?? ''}`)).map((r) => r.id);
      for (const ids of chunks(gone)) await db(CELL_HISTORY_TABLE).whereIn('id', ids).del();
      const rows = cells.map((c) => ({ ...stamp(), journey_id: journeyId, day, phase_id: c.phase, persona_id: c.persona ?? '', count: c.count, state: c.state }));
      for (const part of chunks(rows)) {
        await db(CELL_HISTORY_TABLE)
          .insert(part)
          .onConflict(['journey_id', 'day', 'phase_id', 'persona_id'])
          .merge(['count', 'state', 'updated_at']);
      }
      return rows.length;
    },

    /** The journey's rows from `from` to `to` (UTC days, both included), oldest first. */
    async between(journeyId: string, from: string, to: string): Promise<CellDay[]> {
      const rows: CellHistoryRow[] = await db(CELL_HISTORY_TABLE)
        .select('day', 'phase_id', 'persona_id', 'count', 'state')
        .where('journey_id', journeyId)
        .whereBetween('day', [from, to])
        .orderBy([{ column: 'day' }, { column: 'phase_id' }, { column: 'persona_id' }]);
      return rows.map(toCellDay);
    },

    /** The first day on or after `day` with rows for the journey, or null. */
    async firstDayFrom(journeyId: string, day: string): Promise<string | null> {
      const row = (await db(CELL_HISTORY_TABLE).min({ day: 'day' }).where('journey_id', journeyId).where('day', '>=', day).first()) as { day?: string | null } | undefined;
      return row?.day ?? null;
    },

    /** The journey's rows of one day. */
    async ofDay(journeyId: string, day: string): Promise<CellDay[]> {
      const rows: CellHistoryRow[] = await db(CELL_HISTORY_TABLE).select('day', 'phase_id', 'persona_id', 'count', 'state').where({ journey_id: journeyId, day });
      return rows.map(toCellDay);
    },

    /** The rows of the given cells on or before `to` (for gap runs). */
    async ofCells(journeyId: string, phaseIds: string[], to: string): Promise<CellDay[]> {
      if (!phaseIds.length) return [];
      const rows: CellHistoryRow[] = await db(CELL_HISTORY_TABLE)
        .select('day', 'phase_id', 'persona_id', 'count', 'state')
        .where('journey_id', journeyId)
        .whereIn('phase_id', [...new Set(phaseIds)])
        .where('day', '<=', to);
      return rows.map(toCellDay);
    },

    /** The journey's newest recorded day, or null. */
    async lastDay(journeyId: string): Promise<string | null> {
      const row = (await db(CELL_HISTORY_TABLE).max({ day: 'day' }).where('journey_id', journeyId).first()) as { day?: string | null } | undefined;
      return row?.day ? String(row.day) : null;
    },

    /** Days recorded for the journey (count). */
    async dayCount(journeyId: string): Promise<number> {
      const row = (await db(CELL_HISTORY_TABLE).countDistinct({ n: 'day' }).where('journey_id', journeyId).first()) as { n?: number | string } | undefined;
      return Number(row?.n ?? 0);
    },
  };
};
