import type { Knex } from 'knex';
import { ASSIGNMENTS_TABLE, assignmentsRepository } from './assignments';

/** The journey model's tables and the tag column that points at each. */
export const MODEL_TABLES = {
  journey: { table: 'jm_journeys', column: 'journey_id' },
  phase: { table: 'jm_phases', column: 'phase_id' },
  persona: { table: 'jm_personas', column: 'persona_id' },
  cta: { table: 'jm_ctas', column: 'cta_id' },
} as const;
export type ModelKind = keyof typeof MODEL_TABLES;

const CHUNK = 500;
const chunks = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Tags whose journey, phase or persona ('' = all personas) no longer exists, and CTA ids of deleted CTAs. */
export const tagIntegrityRepository = (db: Knex | Knex.Transaction) => {
  const missing = (kind: ModelKind) => {
    const { table, column } = MODEL_TABLES[kind];
    return db(`${table} as m`).select(db.raw('1')).whereRaw(`m.document_id = ${ASSIGNMENTS_TABLE}.${column}`);
  };

  return {
    /** Which of `documentIds` have no row in the model's table any more (a delete really removed them). */
    async gone(kind: ModelKind, documentIds: string[]): Promise<string[]> {
      const present = new Set<string>();
      for (const part of chunks([...new Set(documentIds)])) {
        const rows = await db(MODEL_TABLES[kind].table).distinct('document_id').whereIn('document_id', part);
        rows.forEach((r: any) => present.add(r.document_id));
      }
      return [...new Set(documentIds)].filter((id) => !present.has(id));
    },

    /**
     * Removes the tags of deleted journeys, phases or personas (CTAs: clears `cta_id`), keeping
     * `first_in_phase` right (assignments repository). Returns the number of tags removed or changed.
     */
    async removeTagsOf(kind: ModelKind, documentIds: string[]): Promise<number> {
      const tags = assignmentsRepository(db);
      if (kind === 'cta') {
        let cleared = 0;
        for (const part of chunks(documentIds)) cleared += await tags.clearCta(part);
        return cleared;
      }
      let removed = 0;
      for (const id of documentIds) removed += await tags.deleteWhere({ [MODEL_TABLES[kind].column]: id });
      return removed;
    },

    /** Removes every tag pointing at a journey, phase or persona that does not exist; clears dangling CTA ids. */
    async repair(): Promise<{ removed: number; ctasCleared: number }> {
      const orphans = await db(ASSIGNMENTS_TABLE)
        .select('id', 'phase_id', 'persona_id')
        .where((q) => {
          q.whereNotExists(missing('journey'))
            .orWhereNotExists(missing('phase'))
            .orWhere((p) => p.whereNot('persona_id', '').whereNotExists(missing('persona')));
        });
      let removed = 0;
      for (const part of chunks(orphans.map((r: any) => r.id))) removed += await db(ASSIGNMENTS_TABLE).whereIn('id', part).del();
      // A removed persona tag may have been the first of its entry in a phase whose other tags stay.
      const phases = orphans.filter((r: any) => r.persona_id).map((r: any) => r.phase_id as string);
      if (phases.length) await assignmentsRepository(db).recomputeFirstInPhase(phases);
      const ctasCleared = await db(ASSIGNMENTS_TABLE)
        .whereNotNull('cta_id')
        .whereNotExists(missing('cta'))
        .update({ cta_id: null, updated_at: new Date() });
      return { removed, ctasCleared };
    },
  };
};
