import { randomBytes } from 'crypto';
import type { Knex } from 'knex';

export const ASSIGNMENTS_TABLE = 'jm_assignments';

/** One tag: an entry (type, documentId, locale) linked to a phase and a persona ('' = all personas). */
export interface AssignmentRow {
  contentType: string;
  entryDocumentId: string;
  entryLocale: string;
  journeyId: string;
  phaseId: string;
  personaId: string;
  ctaId: string | null;
}

export interface EntryKey {
  contentType: string;
  entryDocumentId: string;
  entryLocale: string;
}

/** A tag as stored, with what `replaceEntries` needs to keep unchanged rows. */
export interface StoredTag {
  id: number;
  first: boolean;
  row: AssignmentRow;
}

const tagKey = (r: AssignmentRow) => [r.contentType, r.entryDocumentId, r.entryLocale, r.phaseId, r.personaId].join('\u0000');

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A documentId in Strapi's format (24 lowercase alphanumerics) for rows written with the query builder. */
export const newDocumentId = () =>
  Array.from(randomBytes(24), (b) => ALPHABET[b % ALPHABET.length]).join('');

/**
 * Marks, per entry and phase, the tag with the smallest persona id ('' = all personas comes first): coverage
 * counts an entry once per phase by summing this flag, in the same index scan as the cells.
 */
export function firstInPhase<T extends { contentType: string; entryDocumentId: string; entryLocale: string; phaseId: string; personaId: string }>(rows: T[]): boolean[] {
  const first = new Map<string, number>();
  rows.forEach((r, i) => {
    const key = `${r.contentType}\u0000${r.entryDocumentId}\u0000${r.entryLocale}\u0000${r.phaseId}`;
    const j = first.get(key);
    if (j === undefined || r.personaId < rows[j].personaId) first.set(key, i);
  });
  const flags = rows.map(() => false);
  for (const i of first.values()) flags[i] = true;
  return flags;
}

const toRow = (a: AssignmentRow, now: Date, first: boolean) => ({
  document_id: newDocumentId(),
  content_type: a.contentType,
  entry_document_id: a.entryDocumentId,
  entry_locale: a.entryLocale,
  journey_id: a.journeyId,
  phase_id: a.phaseId,
  persona_id: a.personaId,
  cta_id: a.ctaId,
  first_in_phase: first,
  created_at: now,
  updated_at: now,
  published_at: now,
});

const fromRow = (r: any): AssignmentRow => ({
  contentType: r.content_type,
  entryDocumentId: r.entry_document_id,
  entryLocale: r.entry_locale ?? '',
  journeyId: r.journey_id,
  phaseId: r.phase_id,
  personaId: r.persona_id ?? '',
  ctaId: r.cta_id ?? null,
});

/** The assignment table through the query builder (set-based writes the document service cannot do). */
export const assignmentsRepository = (db: Knex | Knex.Transaction) => ({
  async forEntries(keys: EntryKey[]): Promise<AssignmentRow[]> {
    return (await this.storedForEntries(keys)).map((tag) => tag.row);
  },

  async forDocuments(contentType: string, documentIds: string[], entryLocale: string): Promise<AssignmentRow[]> {
    if (documentIds.length === 0) return [];
    const rows = await db(ASSIGNMENTS_TABLE)
      .where({ content_type: contentType, entry_locale: entryLocale })
      .whereIn('entry_document_id', documentIds)
      .orderBy('id');
    return rows.map(fromRow);
  },

  /** Inserts every tag of the entries concerned (callers replace an entry's tags as a whole). */
  async insert(rows: AssignmentRow[], first: boolean[] = firstInPhase(rows)) {
    const now = new Date();
    const all = rows.map((r, i) => toRow(r, now, first[i]));
    for (let i = 0; i < all.length; i += 200) {
      await db(ASSIGNMENTS_TABLE).insert(all.slice(i, i + 200));
    }
  },

  /** The entries' tags as stored: each with its row id and first-in-phase flag (for `replaceEntries`). */
  async storedForEntries(keys: EntryKey[]): Promise<StoredTag[]> {
    if (keys.length === 0) return [];
    const rows = await db(ASSIGNMENTS_TABLE)
      .where((q) => {
        for (const k of keys) {
          q.orWhere({ content_type: k.contentType, entry_document_id: k.entryDocumentId, entry_locale: k.entryLocale });
        }
      })
      .orderBy('id');
    return rows.map((r: any) => ({ id: r.id, first: Boolean(r.first_in_phase), row: fromRow(r) }));
  },

  /**
   * Makes the entries' tags (`stored`, read under their entry locks) exactly `next`: deletes the tags
   * that go, inserts the new ones and updates kept ones whose CTA or first-in-phase flag changed. Kept
   * tags keep their row (and creation date); deletes go by primary key, which on MySQL locks those rows
   * only and no index gaps that writers of neighbouring entries would insert into.
   */
  async replaceEntries(stored: StoredTag[], next: AssignmentRow[]) {
    const first = firstInPhase(next);
    const storedByKey = new Map(stored.map((s) => [tagKey(s.row), s]));
    const nextKeys = new Set(next.map(tagKey));
    const gone = stored.filter((s) => !nextKeys.has(tagKey(s.row))).map((s) => s.id);
    for (let i = 0; i < gone.length; i += 500) await db(ASSIGNMENTS_TABLE).whereIn('id', gone.slice(i, i + 500)).del();
    const added: AssignmentRow[] = [];
    const addedFirst: boolean[] = [];
    const changes = new Map<string, { ctaId: string | null; first: boolean; ids: number[] }>();
    next.forEach((r, i) => {
      const kept = storedByKey.get(tagKey(r));
      if (!kept) {
        added.push(r);
        addedFirst.push(first[i]);
      } else if (kept.row.ctaId !== r.ctaId || kept.first !== first[i]) {
        const k = `${r.ctaId ?? ''}\u0000${first[i]}`;
        const change = changes.get(k) ?? { ctaId: r.ctaId, first: first[i], ids: [] };
        change.ids.push(kept.id);
        changes.set(k, change);
      }
    });
    const now = new Date();
    for (const c of changes.values()) {
      await db(ASSIGNMENTS_TABLE).whereIn('id', c.ids).update({ cta_id: c.ctaId, first_in_phase: c.first, updated_at: now });
    }
    await this.insert(added, addedFirst);
    return { removed: gone.length, added: added.length };
  },

  /** Sets `first_in_phase` again for every tag of the given phases (after tags moved or were deleted). */
  async recomputeFirstInPhase(phaseIds: string[]) {
    for (const phaseId of new Set(phaseIds)) {
      const rows = await db(ASSIGNMENTS_TABLE)
        .select('id', 'content_type', 'entry_document_id', 'entry_locale', 'persona_id', 'first_in_phase')
        .where('phase_id', phaseId);
      const first = firstInPhase(
        rows.map((r: any) => ({ contentType: r.content_type, entryDocumentId: r.entry_document_id, entryLocale: r.entry_locale, phaseId, personaId: r.persona_id ?? '' }))
      );
      const changed = (flag: boolean) => rows.filter((r: any, i: number) => first[i] === flag && Boolean(r.first_in_phase) !== flag).map((r: any) => r.id);
      for (const flag of [true, false]) {
        const ids = changed(flag);
        for (let i = 0; i < ids.length; i += 500) await db(ASSIGNMENTS_TABLE).whereIn('id', ids.slice(i, i + 500)).update({ first_in_phase: flag });
      }
    }
  },

  /** The phases where tags matching `where` are (whose first-in-phase flags a change may affect). */
  async phasesWhere(where: Record<string, string>): Promise<string[]> {
    return (await db(ASSIGNMENTS_TABLE).distinct('phase_id').where(where)).map((r: any) => r.phase_id);
  },

  async deleteForDocuments(contentType: string, documentIds: string[], entryLocale: string | null) {
    if (documentIds.length === 0) return 0;
    const q = db(ASSIGNMENTS_TABLE).where({ content_type: contentType }).whereIn('entry_document_id', documentIds);
    if (entryLocale !== null) q.andWhere({ entry_locale: entryLocale });
    return q.del();
  },

  /** Removes the listed tags (entry, phase, persona) in one statement per entry. */
  async deleteTags(rows: AssignmentRow[]) {
    let removed = 0;
    for (const r of rows) {
      removed += await db(ASSIGNMENTS_TABLE)
        .where({
          content_type: r.contentType,
          entry_document_id: r.entryDocumentId,
          entry_locale: r.entryLocale,
          phase_id: r.phaseId,
          persona_id: r.personaId,
        })
        .del();
    }
    return removed;
  },

  countWhere(where: Record<string, string>) {
    return db(ASSIGNMENTS_TABLE)
      .where(where)
      .count({ count: '*' })
      .first()
      .then((r: any) => Number(r?.count ?? 0));
  },

  async deleteWhere(where: Record<string, string>) {
    const phases = where.persona_id ? await this.phasesWhere(where) : [];
    const removed = await db(ASSIGNMENTS_TABLE).where(where).del();
    // Removing one persona's tags can leave another persona's tag first in its phase.
    if (removed) await this.recomputeFirstInPhase(phases);
    return removed;
  },

  clearCta(ctaIds: string[]) {
    if (ctaIds.length === 0) return Promise.resolve(0);
    return db(ASSIGNMENTS_TABLE).whereIn('cta_id', ctaIds).update({ cta_id: null, updated_at: new Date() });
  },

  /**
   * Moves every tag from one phase (or persona) to another. Tags that the target already has for the same
   * entry would break the unique index, so they are dropped first: the entry keeps exactly one tag.
   */
  async reassign(column: 'phase_id' | 'persona_id', from: string, to: string, extra: Record<string, string> = {}) {
    const other = column === 'phase_id' ? 'persona_id' : 'phase_id';
    const duplicates = db(`${ASSIGNMENTS_TABLE} as t`)
      .select('t.id')
      .where(`t.${column}`, to)
      .whereRaw(`t.content_type = s.content_type`)
      .whereRaw(`t.entry_document_id = s.entry_document_id`)
      .whereRaw(`t.entry_locale = s.entry_locale`)
      .whereRaw(`t.${other} = s.${other}`);
    // MySQL cannot delete from a table it also reads in a subquery: select the ids first.
    const dupIds = (
      await db(`${ASSIGNMENTS_TABLE} as s`).select('s.id').where(`s.${column}`, from).whereExists(duplicates)
    ).map((r: any) => r.id);
    for (let i = 0; i < dupIds.length; i += 500) {
      await db(ASSIGNMENTS_TABLE).whereIn('id', dupIds.slice(i, i + 500)).del();
    }
    const phases = column === 'phase_id' ? [to] : await this.phasesWhere({ persona_id: from });
    const moved = await db(ASSIGNMENTS_TABLE)
      .where({ [column]: from })
      .update({ [column]: to, ...extra, updated_at: new Date() });
    await this.recomputeFirstInPhase(phases);
    return moved;
  },
});

export type AssignmentsRepository = ReturnType<typeof assignmentsRepository>;
