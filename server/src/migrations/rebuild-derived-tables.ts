import { PLUGIN_ID } from '../pluginId';
import { ASSIGNMENTS_TABLE, assignmentsRepository } from '../repositories/assignments';
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
  const phaseIds: string[] = (await db(ASSIGNMENTS_TABLE).distinct('phase_id')).map((r: any) => r.phase_id);
  await assignmentsRepository(db).recomputeFirstInPhase(phaseIds);
  const journeys: any[] = await strapi.plugin(PLUGIN_ID).service('model').listJourneys();
  const noCtaPhases = journeys.flatMap((j) => j.phases ?? []).filter((p: any) => !(p.ctas ?? []).length).map((p: any) => p.documentId as string);
  const types: string[] = await strapi.plugin(PLUGIN_ID).service('entryStates').rebuildAll(noCtaPhases);
  log(`[journey-map] rebuilt first-in-phase flags of ${phaseIds.length} phases and the entry states of ${types.length} types`);
}
