import { knexOf, type Queryable } from '../db/queryable';
import type { Knex } from 'knex';
import { MODEL_TABLES, type ModelKind } from './locks';
import { ASSIGNMENTS_TABLE, TAG_COLUMNS, TAG_POINTER, tagsRepository } from './tags';

const CHUNK = 500;
const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Tags whose journey, phase or persona ('' = all personas) no longer exists, and CTA ids of deleted CTAs. */
export const tagIntegrityRepository = (on: Queryable) => {
  const db = knexOf(on);
  /** "The model row this tag points at exists", correlated with the tags table. */
  const pointee = (kind: ModelKind) =>
    db(`${MODEL_TABLES[kind]} as m`)
      .select(db.raw('1'))
      .whereRaw(`m.document_id = ${ASSIGNMENTS_TABLE}.${TAG_POINTER[kind]}`);
  /** Tags pointing at a journey, phase or persona that does not exist. */
  const orphans = (q: Knex.QueryBuilder) =>
    q
      .whereNotExists(pointee('journey'))
      .orWhereNotExists(pointee('phase'))
      .orWhere((p) => p.whereNot(TAG_COLUMNS.personaId, '').whereNotExists(pointee('persona')));

  return {
    /** Which of `documentIds` have no row in the model's table any more (a delete really removed them). */
    async gone(kind: ModelKind, documentIds: string[]): Promise<string[]> {
      const present = new Set<string>();
      for (const part of chunks([...new Set(documentIds)])) {
        const rows = await db(MODEL_TABLES[kind])
          .distinct<Array<{ document_id: string }>>('document_id')
          .whereIn('document_id', part);
        rows.forEach((r) => present.add(r.document_id));
      }
      return [...new Set(documentIds)].filter((id) => !present.has(id));
    },

    /**
     * Removes the tags of deleted journeys, phases or personas (CTAs: clears `cta_id`), keeping
     * `first_in_phase` right (tags repository). Returns the number of tags removed or changed.
     */
    async removeTagsOf(kind: ModelKind, documentIds: string[]): Promise<number> {
      const tags = tagsRepository(db);
      if (kind === 'cta') {
        let cleared = 0;
        for (const part of chunks(documentIds)) cleared += await tags.clearCta(part);
        return cleared;
      }
      let removed = 0;
      for (const id of documentIds) removed += await tags.deleteOf(kind, id);
      return removed;
    },

    /** Removes every tag pointing at a journey, phase or persona that does not exist; clears dangling CTA ids. */
    async repair(): Promise<{ removed: number; ctasCleared: number }> {
      const found = await db(ASSIGNMENTS_TABLE)
        .select<Array<{ id: number; phase_id: string; persona_id: string | null }>>('id', 'phase_id', 'persona_id')
        .where(orphans);
      let removed = 0;
      for (const part of chunks(found.map((r) => r.id)))
        removed += await db(ASSIGNMENTS_TABLE).whereIn('id', part).del();
      // A removed persona tag may have been the first of its entry in a phase whose other tags stay.
      const phases = found.filter((r) => r.persona_id).map((r) => r.phase_id);
      if (phases.length) await tagsRepository(db).recomputeFirstInPhase(phases);
      const ctasCleared = await db(ASSIGNMENTS_TABLE)
        .whereNotNull(TAG_COLUMNS.ctaId)
        .whereNotExists(pointee('cta'))
        .update({ cta_id: null, updated_at: new Date() });
      return { removed, ctasCleared };
    },

    /** Tags pointing at a journey, phase, persona or CTA that does not exist (the consistency check). */
    async countOrphans(): Promise<number> {
      const row = await db(ASSIGNMENTS_TABLE)
        .where((w) => orphans(w).orWhere((c) => c.whereNotNull(TAG_COLUMNS.ctaId).whereNotExists(pointee('cta'))))
        .count({ n: '*' })
        .first();
      return Number(row?.n ?? 0);
    },
  };
};
