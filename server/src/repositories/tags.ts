import { knexOf, type Queryable } from '../db/queryable';
import { randomBytes } from 'crypto';
import type { Knex } from 'knex';
import type { ModelKind } from './locks';

/**
 * The tags table. Its stored name is still `jm_assignments` (the collection of the `assignment` content
 * type): renaming it would need a migration of every installed site, so the code says "tags" and the
 * database keeps the old name.
 */
export const ASSIGNMENTS_TABLE = 'jm_assignments';

/**
 * The tags table's columns, named once here: other repositories that join the tags (entry states, tag
 * integrity, coverage, the audit) use these names rather than spelling them.
 */
export const TAG_COLUMNS = {
  id: 'id',
  contentType: 'content_type',
  entryDocumentId: 'entry_document_id',
  entryLocale: 'entry_locale',
  journeyId: 'journey_id',
  phaseId: 'phase_id',
  personaId: 'persona_id',
  ctaId: 'cta_id',
  firstInPhase: 'first_in_phase',
  /** the entry's last update (any version) and its published version's, copied from the entry states */
  entryUpdatedAt: 'entry_updated_at',
  entryLiveAt: 'entry_live_at',
} as const;

/** The tag column that points at each kind of the journey model. */
export const TAG_POINTER: Record<ModelKind, string> = {
  journey: TAG_COLUMNS.journeyId,
  phase: TAG_COLUMNS.phaseId,
  persona: TAG_COLUMNS.personaId,
  cta: TAG_COLUMNS.ctaId,
};

/** One tag: an entry (type, documentId, locale) linked to a phase and a persona ('' = all personas). */
export interface TagRow {
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
  row: TagRow;
}

/** A row of the tags table as the drivers return it (booleans are 0/1 on SQLite and MySQL). */
interface TagRecord {
  id: number;
  content_type: string;
  entry_document_id: string;
  entry_locale: string | null;
  journey_id: string;
  phase_id: string;
  persona_id: string | null;
  cta_id: string | null;
  first_in_phase: boolean | number | null;
}

/** Kinds of the journey model whose tags can be counted, removed or moved by the one they point at. */
export type TagOwner = Exclude<ModelKind, 'cta'>;

const tagKey = (r: TagRow) => [r.contentType, r.entryDocumentId, r.entryLocale, r.phaseId, r.personaId].join('\u0000');

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A documentId in Strapi's format (24 lowercase alphanumerics) for rows written with the query builder. */
export const newDocumentId = () => Array.from(randomBytes(24), (b) => ALPHABET[b % ALPHABET.length]).join('');

/**
 * Marks, per entry and phase, the tag with the smallest persona id ('' = all personas comes first): coverage
 * counts an entry once per phase by summing this flag, in the same index scan as the cells.
 */
export function firstInPhase<
  T extends { contentType: string; entryDocumentId: string; entryLocale: string; phaseId: string; personaId: string },
>(rows: T[]): boolean[] {
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

const toRecord = (a: TagRow, now: Date, first: boolean) => ({
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

const fromRecord = (r: TagRecord): TagRow => ({
  contentType: r.content_type,
  entryDocumentId: r.entry_document_id,
  entryLocale: r.entry_locale ?? '',
  journeyId: r.journey_id,
  phaseId: r.phase_id,
  personaId: r.persona_id ?? '',
  ctaId: r.cta_id ?? null,
});

const countOf = (row: { n?: unknown } | undefined) => Number(row?.n ?? 0);
const CHUNK = 500;

/** The tags table, its rows typed. */
const tagsOf = (db: Knex | Knex.Transaction) => db<TagRecord>(ASSIGNMENTS_TABLE);

/** Tags whose first-in-phase flag differs from "smallest persona id of the entry's tags in the phase". */
const wrongFirstInPhase = (db: Knex | Knex.Transaction) => {
  const first = db(ASSIGNMENTS_TABLE)
    .select('content_type', 'entry_document_id', 'entry_locale', 'phase_id')
    .min({ persona_id: 'persona_id' })
    .groupBy('content_type', 'entry_document_id', 'entry_locale', 'phase_id')
    .as('g');
  return db(`${ASSIGNMENTS_TABLE} as a`)
    .join(first, (j) => {
      j.on('g.content_type', 'a.content_type')
        .andOn('g.entry_document_id', 'a.entry_document_id')
        .andOn('g.entry_locale', 'a.entry_locale')
        .andOn('g.phase_id', 'a.phase_id');
    })
    .whereRaw(
      '(case when a.persona_id = g.persona_id then 1 else 0 end) <> (case when a.first_in_phase then 1 else 0 end)'
    );
};

/** The tags table through the query builder (set-based writes the document service cannot do). */
export const tagsRepository = (on: Queryable) => {
  const db = knexOf(on);
  return {
    async forEntries(keys: EntryKey[]): Promise<TagRow[]> {
      return (await this.storedForEntries(keys)).map((tag) => tag.row);
    },

    async forDocuments(contentType: string, documentIds: string[], entryLocale: string): Promise<TagRow[]> {
      if (documentIds.length === 0) return [];
      const rows = await tagsOf(db)
        .where({ content_type: contentType, entry_locale: entryLocale })
        .whereIn('entry_document_id', documentIds)
        .orderBy('id');
      return rows.map(fromRecord);
    },

    /** Inserts every tag of the entries concerned (callers replace an entry's tags as a whole). */
    async insert(rows: TagRow[], first: boolean[] = firstInPhase(rows)) {
      const now = new Date();
      const all = rows.map((r, i) => toRecord(r, now, first[i]));
      for (let i = 0; i < all.length; i += 200) {
        await db(ASSIGNMENTS_TABLE).insert(all.slice(i, i + 200));
      }
    },

    /** The entries' tags as stored: each with its row id and first-in-phase flag (for `replaceEntries`). */
    async storedForEntries(keys: EntryKey[]): Promise<StoredTag[]> {
      if (keys.length === 0) return [];
      const rows = await tagsOf(db)
        .where((q) => {
          for (const k of keys) {
            q.orWhere({
              content_type: k.contentType,
              entry_document_id: k.entryDocumentId,
              entry_locale: k.entryLocale,
            });
          }
        })
        .orderBy('id');
      return rows.map((r) => ({ id: r.id, first: Boolean(r.first_in_phase), row: fromRecord(r) }));
    },

    /**
     * Makes the entries' tags (`stored`, read under their entry locks) exactly `next`: deletes the tags
     * that go, inserts the new ones and updates kept ones whose CTA or first-in-phase flag changed. Kept
     * tags keep their row (and creation date); deletes go by primary key, which on MySQL locks those rows
     * only and no index gaps that writers of neighbouring entries would insert into.
     */
    async replaceEntries(stored: StoredTag[], next: TagRow[]) {
      const first = firstInPhase(next);
      const storedByKey = new Map(stored.map((s) => [tagKey(s.row), s]));
      const nextKeys = new Set(next.map(tagKey));
      const gone = stored.filter((s) => !nextKeys.has(tagKey(s.row))).map((s) => s.id);
      for (let i = 0; i < gone.length; i += CHUNK)
        await tagsOf(db)
          .whereIn('id', gone.slice(i, i + CHUNK))
          .del();
      const added: TagRow[] = [];
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
        await db(ASSIGNMENTS_TABLE)
          .whereIn('id', c.ids)
          .update({ cta_id: c.ctaId, first_in_phase: c.first, updated_at: now });
      }
      await this.insert(added, addedFirst);
      // The tags now stored, in the order a read by id gives them: kept rows (as updated), then the added.
      const nextByKey = new Map(next.map((r) => [tagKey(r), r]));
      const rows = [...stored.flatMap((s) => nextByKey.get(tagKey(s.row)) ?? []), ...added];
      return { removed: gone.length, added: added.length, rows };
    },

    /** Sets `first_in_phase` again for every tag of the given phases (after tags moved or were deleted). */
    async recomputeFirstInPhase(phaseIds: string[]) {
      for (const phaseId of new Set(phaseIds)) {
        const rows = await tagsOf(db)
          .select('id', 'content_type', 'entry_document_id', 'entry_locale', 'persona_id', 'first_in_phase')
          .where('phase_id', phaseId);
        const first = firstInPhase(
          rows.map((r) => ({
            contentType: r.content_type,
            entryDocumentId: r.entry_document_id,
            entryLocale: r.entry_locale ?? '',
            phaseId,
            personaId: r.persona_id ?? '',
          }))
        );
        const changed = (flag: boolean) =>
          rows.filter((r, i) => first[i] === flag && Boolean(r.first_in_phase) !== flag).map((r) => r.id);
        for (const flag of [true, false]) {
          const ids = changed(flag);
          for (let i = 0; i < ids.length; i += CHUNK)
            await db(ASSIGNMENTS_TABLE)
              .whereIn('id', ids.slice(i, i + CHUNK))
              .update({ first_in_phase: flag });
        }
      }
    },

    /** Every phase that has a tag (a migration recomputes their first-in-phase flags). */
    async taggedPhases(): Promise<string[]> {
      return (await tagsOf(db).distinct('phase_id')).map((r) => r.phase_id);
    },

    /** The phases where tags matching `where` are (whose first-in-phase flags a change may affect). */
    async phasesWhere(where: Partial<Record<string, string>>): Promise<string[]> {
      return (await tagsOf(db).distinct('phase_id').where(where)).map((r) => r.phase_id);
    },

    /** How many tags point at this journey, phase or persona. */
    async countOf(kind: TagOwner, documentId: string): Promise<number> {
      return countOf(await db(ASSIGNMENTS_TABLE).where(TAG_POINTER[kind], documentId).count({ n: '*' }).first());
    },

    /** Removes the tags pointing at this journey, phase or persona, keeping first-in-phase flags right. */
    async deleteOf(kind: TagOwner, documentId: string): Promise<number> {
      const where = { [TAG_POINTER[kind]]: documentId };
      const phases = kind === 'persona' ? await this.phasesWhere(where) : [];
      const removed = await tagsOf(db).where(where).del();
      // Removing one persona's tags can leave another persona's tag first in its phase.
      if (removed) await this.recomputeFirstInPhase(phases);
      return removed;
    },

    clearCta(ctaIds: string[]): Promise<number> {
      if (ctaIds.length === 0) return Promise.resolve(0);
      return db(ASSIGNMENTS_TABLE).whereIn('cta_id', ctaIds).update({ cta_id: null, updated_at: new Date() });
    },

    /**
     * Moves every tag from one phase (or persona) to another. Tags that the target already has for the same
     * entry would break the unique index, so they are dropped first: the entry keeps exactly one tag.
     */
    async reassign(kind: 'phase' | 'persona', from: string, to: string) {
      const column = TAG_POINTER[kind];
      const other = kind === 'phase' ? TAG_COLUMNS.personaId : TAG_COLUMNS.phaseId;
      const duplicates = db(`${ASSIGNMENTS_TABLE} as t`)
        .select('t.id')
        .where(`t.${column}`, to)
        .whereRaw(`t.content_type = s.content_type`)
        .whereRaw(`t.entry_document_id = s.entry_document_id`)
        .whereRaw(`t.entry_locale = s.entry_locale`)
        .whereRaw(`t.${other} = s.${other}`);
      // MySQL cannot delete from a table it also reads in a subquery: select the ids first.
      const dupIds = (
        await db(`${ASSIGNMENTS_TABLE} as s`)
          .select<Array<{ id: number }>>('s.id')
          .where(`s.${column}`, from)
          .whereExists(duplicates)
      ).map((r) => r.id);
      for (let i = 0; i < dupIds.length; i += CHUNK) {
        await tagsOf(db)
          .whereIn('id', dupIds.slice(i, i + CHUNK))
          .del();
      }
      const phases = kind === 'phase' ? [to] : await this.phasesWhere({ persona_id: from });
      const moved = await db(ASSIGNMENTS_TABLE)
        .where({ [column]: from })
        .update({ [column]: to, updated_at: new Date() });
      await this.recomputeFirstInPhase(phases);
      return moved;
    },

    /** The (journey, phase) pairs each entry is tagged with, any locale or persona (event ingestion). */
    async phasesOfEntries(
      entries: Array<{ contentType: string; entryDocumentId: string }>
    ): Promise<Array<{ contentType: string; entryDocumentId: string; journeyId: string; phaseId: string }>> {
      if (entries.length === 0) return [];
      const rows: Array<{ content_type: string; entry_document_id: string; phase_id: string; journey_id: string }> =
        await db(ASSIGNMENTS_TABLE)
          .distinct('content_type', 'entry_document_id', 'phase_id', 'journey_id')
          .where((q) => {
            for (const e of entries) q.orWhere({ content_type: e.contentType, entry_document_id: e.entryDocumentId });
          });
      return rows.map((r) => ({
        contentType: r.content_type,
        entryDocumentId: r.entry_document_id,
        journeyId: r.journey_id,
        phaseId: r.phase_id,
      }));
    },

    /**
     * The tags of one phase for the content API: entries of `types` in `locale` (or not localized), for the
     * persona and for all personas ('') when a persona is given, for any persona otherwise.
     */
    async forCell(cell: {
      phaseId: string;
      types: string[];
      locale: string;
      personaId: string | null;
    }): Promise<Array<Pick<TagRow, 'contentType' | 'entryDocumentId' | 'entryLocale' | 'personaId'>>> {
      if (cell.types.length === 0) return [];
      const rows: Array<{ content_type: string; entry_document_id: string; entry_locale: string; persona_id: string }> =
        await db(ASSIGNMENTS_TABLE)
          .select('content_type', 'entry_document_id', 'entry_locale', 'persona_id')
          .where('phase_id', cell.phaseId)
          .whereIn('content_type', cell.types)
          .whereIn('entry_locale', [cell.locale, ''])
          .modify((b) => {
            if (cell.personaId) b.whereIn('persona_id', [cell.personaId, '']);
          });
      return rows.map((r) => ({
        contentType: r.content_type,
        entryDocumentId: r.entry_document_id,
        entryLocale: r.entry_locale,
        personaId: r.persona_id,
      }));
    },

    /**
     * Removes the tags of the listed entries of one type that are gone from the site's table (in the
     * locale of the tag when the type is localized): what a delete of an entry or a locale leaves.
     */
    async deleteOrphans(
      contentType: string,
      site: { table: string; localized: boolean },
      documentIds: string[]
    ): Promise<number> {
      const stillThere = db(`${site.table} as e`)
        .select(db.raw('1'))
        .whereRaw(`e.document_id = ${ASSIGNMENTS_TABLE}.entry_document_id`);
      if (site.localized) stillThere.whereRaw(`e.locale = ${ASSIGNMENTS_TABLE}.entry_locale`);
      let removed = 0;
      for (let i = 0; i < documentIds.length; i += CHUNK) {
        removed += await tagsOf(db)
          .where('content_type', contentType)
          .whereIn('entry_document_id', documentIds.slice(i, i + CHUNK))
          .whereNotExists(stillThere.clone())
          .del();
      }
      return removed;
    },

    /**
     * The locales among `entryLocales` in which the entry has a tag (every tag names a phase). With `lock`,
     * a locking read: it sees the latest committed tags even in a transaction whose snapshot is older.
     */
    async taggedLocales(contentType: string, entryDocumentId: string, entryLocales: string[], lock: boolean): Promise<Set<string>> {
      const q = db(ASSIGNMENTS_TABLE)
        .select<Array<{ entry_locale: string }>>(TAG_COLUMNS.entryLocale)
        .where({ [TAG_COLUMNS.contentType]: contentType, [TAG_COLUMNS.entryDocumentId]: entryDocumentId })
        .whereIn(TAG_COLUMNS.entryLocale, entryLocales);
      if (lock) q.forShare();
      return new Set((await q).map((r) => r.entry_locale));
    },

    async count(): Promise<number> {
      return countOf(await db(ASSIGNMENTS_TABLE).count({ n: '*' }).first());
    },

    /** Tags whose first-in-phase flag differs from "smallest persona id of the entry's tags in the phase". */
    async countWrongFirstInPhase(): Promise<number> {
      return countOf(await wrongFirstInPhase(db).count({ n: '*' }).first());
    },

    /** The phases holding such tags (to recompute). */
    async phasesWithWrongFirstInPhase(): Promise<string[]> {
      return (await wrongFirstInPhase(db).distinct<Array<{ phase_id: string }>>('a.phase_id as phase_id')).map(
        (r) => r.phase_id
      );
    },
  };
};

export type TagsRepository = ReturnType<typeof tagsRepository>;
