import { cellHistoryRepository } from '../repositories/cell-history';
import { fromJson } from '../utils/json';
import type { CoverageCell } from '../../../shared/contracts/coverage';
import type { MigrationContext } from './types';

/** Snapshots read per query: their payloads can be large (up to 5,000 entry keys per list). */
const BATCH = 25;

/**
 * Fills `jm_cell_history` (new in this release) from the daily snapshots already stored, so that an
 * upgraded site keeps its coverage history: each daily snapshot's matrix cells become that journey's
 * row set of that day. Idempotent (a day's row set is replaced), so running it again changes nothing.
 */
export async function backfillCellHistory({ db, log }: MigrationContext) {
  const history = cellHistoryRepository(db);
  let lastId = 0;
  let days = 0;
  let rows = 0;
  for (;;) {
    const batch: Array<{ id: number; journey_id: string; day: string | null; payload: unknown }> = await db('jm_snapshots')
      .select('id', 'journey_id', 'day', 'payload')
      .where('kind', 'daily')
      .whereNotNull('day')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(BATCH);
    if (!batch.length) break;
    for (const s of batch) {
      const cells = fromJson<{ cells?: CoverageCell[] } | null>(s.payload)?.cells;
      if (s.day && Array.isArray(cells)) {
        rows += await history.replaceDay(s.journey_id, s.day, cells);
        days += 1;
      }
    }
    lastId = batch[batch.length - 1].id;
  }
  log(`[journey-map] cell history: ${rows} rows from ${days} daily snapshots`);
}
