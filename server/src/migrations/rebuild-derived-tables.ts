import { getService } from '../utils/get-service';
import { tagsRepository } from '../repositories/tags';
import type { MigrationContext } from './types';

/**
 * Rebuilds everything the plugin derives from its source of truth, never trusting the old copies:
 * - each tag's `first_in_phase` (from the tags themselves);
 * - the entry states (`jm_entry_states`: titles, dates, tag flags) of every trackable type, from the
 *   site's tables, and the entry dates stamped on the tags;
 * - the phases without a CTA those flags were computed with (from the journeys).
 * Migrations that move tags or change how entries are read end with a call to this.
 */
export async function rebuildDerivedTables({ strapi, db, log }: MigrationContext) {
  const tags = tagsRepository(db);
  const phaseIds = await tags.taggedPhases();
  await tags.recomputeFirstInPhase(phaseIds);
  const journeys = await getService(strapi, 'journeys').listJourneys();
  const noCtaPhases = journeys.flatMap((j) => j.phases).filter((p) => !p.ctas.length).map((p) => p.documentId);
  const types: string[] = await getService(strapi, 'entryStates').rebuildAll(noCtaPhases);
  log(`[journey-map] rebuilt first-in-phase flags of ${phaseIds.length} phases and the entry states of ${types.length} types`);
}
