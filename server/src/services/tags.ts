import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { UID } from '../pluginId';
import { tagsRepository, type TagRow, type EntryKey } from '../repositories/tags';
import { locksRepository, type Dialect } from '../repositories/locks';
import { inTransaction } from '../db/transaction';
import { journeyLinksRepository } from '../repositories/journey-links';
import { findModels } from '../utils/documents';
import { ConflictError, NotFoundError, ValidationError } from '../utils/errors';
import type { BulkBody, BulkTagsResult, EntryTagsOf, ListTags, TagsBody } from '../../../shared/contracts/tags';
import { buildTagRows, entryCta, normalizeTags, withoutTags, type PersonaRef, type PhaseRef } from './tag-rules';

/** A tag read in this transaction points at a phase, persona or CTA deleted (or moved) meanwhile. */
class ModelChanged extends Error {}

/**
 * Some entry of the write has no lock row yet. Lock rows are created outside any transaction (see
 * locksRepository.ensureEntries), so the write rolls back, creates them and starts again; an entry
 * tagged before skips that insert.
 */
class LocksMissing extends Error {}

/** What the request itself picked: these must exist (a 400 naming the field otherwise). */
interface Picked {
  phases: string[];
  personas: string[];
  cta: string | null;
}

interface NamedPhaseDoc {
  documentId: string;
  name: string;
  journey: { name: string } | null;
}

const tagsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const entries = () => getService(strapi, 'entries');

  /** The picked phases with their journey and CTAs; unknown ids are a 400 naming the field. */
  async function resolvePhases(ids: string[], field: string): Promise<PhaseRef[]> {
    if (ids.length === 0) return [];
    const found = await journeyLinksRepository(strapi).phaseRefs(ids);
    return [...new Set(ids)].map((id) => {
      const p = found.get(id);
      if (!p) throw new ValidationError(`${field}.${ids.indexOf(id)}: phase ${id} does not exist`);
      if (!p.journeyId) throw new ValidationError(`${field}.${ids.indexOf(id)}: phase ${id} belongs to no journey`);
      return { documentId: id, journeyId: p.journeyId, ctaIds: p.ctaIds };
    });
  }

  async function resolvePersonas(ids: string[], field: string): Promise<PersonaRef[]> {
    if (ids.length === 0) return [];
    const found = await journeyLinksRepository(strapi).personaJourneys(ids);
    return [...new Set(ids)].map((id) => {
      const journeyIds = found.get(id);
      if (!journeyIds) throw new ValidationError(`${field}.${ids.indexOf(id)}: persona ${id} does not exist`);
      return { documentId: id, journeyIds };
    });
  }

  /**
   * Writes the tags of several entries of one type, serialized per entry on every database and across
   * Strapi instances (see repositories/locks.ts):
   *  1. the entries' lock rows are taken FOR UPDATE, in a fixed order, as the transaction's first step,
   *     so a second writer of any of these entries waits here until the first commits; the entries' own
   *     rows are locked for share (a delete of an entry then removes the tags this write adds);
   *  2. only then the current tags are read and `rowsFor` computes the entries' next tags from them
   *     (bulk add/remove therefore compose: concurrent requests give the union/difference of all);
   *  3. every phase, persona and CTA the current and next tags point at is locked for share: a delete of
   *     one of them (which locks it for update and removes its tags) waits for this write or this write
   *     waits for it, so no tag is ever left pointing at something deleted;
   *  4. the difference is written and the entries' states and tag dates refreshed, in the same commit.
   * No retry is needed for contention. The transaction runs again only when the database picked it as a
   * deadlock victim or when a delete in step 3 removed something a current tag pointed at (the tags
   * read in step 2 may predate that delete on MySQL, whose snapshot is fixed at the first read).
   */
  async function writeTags(keys: EntryKey[], rowsFor: (key: EntryKey, current: TagRow[]) => TagRow[], picked: Picked) {
    const dialect = strapi.db.dialect.client as Dialect;
    let ensured = false;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const written = await inTransaction(strapi, async (trx) => {
          const locks = locksRepository(trx, dialect);
          // An entry tagged before has its lock row; the first write of an entry creates it and starts again.
          if ((await locks.lockEntries(keys)) < keys.length) throw new LocksMissing();
          await assertEntriesStay(locks, keys);
          const repo = tagsRepository(trx);
          const stored = await repo.storedForEntries(keys);
          const current = stored.map((s) => s.row);
          const next: TagRow[] = [];
          for (const key of keys) {
            const mine = current.filter((r) => r.entryDocumentId === key.entryDocumentId && r.entryLocale === key.entryLocale);
            next.push(...rowsFor(key, mine));
          }
          await assertModelStays(locks, current, next, picked);
          const { rows } = await repo.replaceEntries(stored, next);
          // The tags carry their entries' dates for coverage: read them fresh from the site's table.
          await getService(strapi, 'entryStates').refresh(keys[0].contentType, keys.map((k) => k.entryDocumentId), trx);
          return { rows, journeys: [...current, ...next].map((r) => r.journeyId) };
        });
        // The tag-suggestion models are built again shortly (debounced), off this request.
        getService(strapi, 'suggestions').tagsChanged();
        // Gaps opened or closed in the journeys the tags were or are in (webhooks), off this request.
        getService(strapi, 'webhooks').tagsChanged(written.journeys, keys[0].entryLocale);
        return written.rows;
      } catch (error) {
        if (error instanceof LocksMissing && !ensured) {
          ensured = true;
          await locksRepository(strapi.db, dialect).ensureEntries(keys);
          attempt -= 1;
          continue;
        }
        if (!(error instanceof ModelChanged)) throw error;
        if (attempt >= 5) throw new ConflictError('the journey model changed while these tags were written; try again');
      }
    }
  }

  /** Step 1 of `writeTags`, continued: the entries must still exist, and stay until the commit. */
  async function assertEntriesStay(locks: ReturnType<typeof locksRepository>, keys: EntryKey[]) {
    const { contentType: uid, entryLocale } = keys[0];
    const ids = keys.map((k) => k.entryDocumentId);
    const found = await locks.lockSiteEntries(entries().table(uid), ids, entryLocale);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      throw new NotFoundError(`${uid} has no entry ${missing.slice(0, 10).join(', ')}${entryLocale ? ` in locale ${entryLocale}` : ''}`, { missing });
    }
  }

  /** Step 3 of `writeTags`: locks what the tags point at; the request's own picks must exist. */
  async function assertModelStays(locks: ReturnType<typeof locksRepository>, current: TagRow[], next: TagRow[], picked: Picked) {
    const all = [...current, ...next];
    const phases = await locks.lockModel('phase', all.map((r) => r.phaseId), 'share');
    const personas = await locks.lockModel('persona', all.map((r) => r.personaId), 'share');
    const ctas = await locks.lockModel('cta', [...all.map((r) => r.ctaId ?? ''), picked.cta ?? ''], 'share');
    picked.phases.forEach((id, i) => {
      if (!phases.has(id)) throw new ValidationError(`body.phases.${i}: phase ${id} does not exist`);
    });
    picked.personas.forEach((id, i) => {
      if (!personas.has(id)) throw new ValidationError(`body.personas.${i}: persona ${id} does not exist`);
    });
    if (picked.cta && !ctas.has(picked.cta)) throw new ValidationError(`body.cta: CTA ${picked.cta} does not exist`);
    const gone = all.some((r) => !phases.has(r.phaseId) || (r.personaId && !personas.has(r.personaId)) || (r.ctaId && !ctas.has(r.ctaId)));
    if (gone) throw new ModelChanged();
  }

  const summarize = (rows: TagRow[]): Omit<EntryTagsOf, 'contentType' | 'documentId' | 'locale'> => ({
    phases: [...new Set(rows.map((r) => r.phaseId))],
    personas: [...new Set(rows.map((r) => r.personaId).filter(Boolean))],
    allPersonasPhases: [...new Set(rows.filter((r) => !r.personaId).map((r) => r.phaseId))],
    cta: entryCta(rows),
    rows: rows.map(({ journeyId, phaseId, personaId, ctaId }) => ({ journey: journeyId, phase: phaseId, persona: personaId || null, cta: ctaId })),
  });

  return {
    async get(uid: string, documentId: string, locale: string | undefined): Promise<EntryTagsOf> {
      const tagLocale = await entries().tagLocale(uid, locale);
      const rows = await tagsRepository(strapi.db).forEntries([
        { contentType: uid, entryDocumentId: documentId, entryLocale: tagLocale },
      ]);
      return { contentType: uid, documentId, locale: tagLocale || null, ...summarize(rows) };
    },

    /**
     * The tags of several entries of one type in one locale, with phase names, for the list view; also
     * whether the type is tracked, so the admin can hide the column and the panel for untracked types.
     */
    async forList(uid: string, documentIds: string[], locale: string | undefined): Promise<ListTags> {
      const tracked = await getService(strapi, 'settings').trackedUids();
      if (!tracked.includes(uid)) return { contentType: uid, tracked: false, locale: locale ?? null, entries: {}, personas: {} };
      const tagLocale = await entries().tagLocale(uid, locale);
      const rows = await tagsRepository(strapi.db).forDocuments(uid, documentIds, tagLocale);
      const phaseIds = [...new Set(rows.map((r) => r.phaseId))];
      const phases = phaseIds.length
        ? await findModels<NamedPhaseDoc>(strapi, UID.phase, { where: { documentId: { $in: phaseIds } }, select: ['documentId', 'name', 'position'], populate: { journey: { select: ['name'] } } })
        : [];
      const byId = new Map(phases.map((p) => [p.documentId, p]));
      const personaIds = [...new Set(rows.map((r) => r.personaId).filter(Boolean))];
      const personaNames = new Map<string, string>(
        personaIds.length
          ? (await findModels<{ documentId: string; name: string }>(strapi, UID.persona, { where: { documentId: { $in: personaIds } }, select: ['documentId', 'name'] })).map((p) => [p.documentId, p.name])
          : []
      );
      const result: ListTags['entries'] = {};
      // Specific personas of each entry (none: every tag is for all personas), for the list column.
      const personas: ListTags['personas'] = {};
      for (const id of documentIds) {
        const own = rows.filter((r) => r.entryDocumentId === id);
        result[id] = [...new Set(own.map((r) => r.phaseId))].map((pid) => {
          const p = byId.get(pid);
          return { documentId: pid, name: p?.name ?? pid, journey: p?.journey?.name ?? null };
        });
        personas[id] = [...new Set(own.map((r) => r.personaId).filter(Boolean))].map((pid) => ({ documentId: pid, name: personaNames.get(pid) ?? pid }));
      }
      return { contentType: uid, tracked: true, locale: tagLocale || null, entries: result, personas };
    },

    /** PUT: the entry's tags become exactly the body's (an empty `phases` removes them all). */
    async replace(uid: string, documentId: string, locale: string | undefined, data: TagsBody): Promise<EntryTagsOf> {
      await entries().assertTracked(uid, 'params.uid');
      const tagLocale = await entries().tagLocale(uid, locale);
      await entries().assertExist(uid, [documentId], tagLocale);
      const phases = await resolvePhases(data.phases, 'body.phases');
      const personas = await resolvePersonas(data.personas, 'body.personas');
      if (!phases.length && (personas.length || data.cta)) {
        throw new ValidationError('body.phases: pick at least one phase to tag personas or a CTA');
      }
      const key = { contentType: uid, entryDocumentId: documentId, entryLocale: tagLocale };
      const rows = buildTagRows(key, phases, personas, data.cta);
      // The answer is what this write stored (the same rows a read after the commit gives, without it).
      const stored = await writeTags([key], () => rows, { phases: data.phases, personas: data.personas, cta: data.cta });
      return { contentType: uid, documentId, locale: tagLocale || null, ...summarize(stored) };
    },

    /** Tags or untags many entries of one type (add, remove or replace) in one transaction. */
    async bulk(data: BulkBody): Promise<BulkTagsResult> {
      const uid = data.contentType;
      await entries().assertTracked(uid, 'body.contentType');
      const tagLocale = await entries().tagLocale(uid, data.locale);
      const documentIds = [...new Set(data.documentIds)];
      await entries().assertExist(uid, documentIds, tagLocale);
      const phases = await resolvePhases(data.phases, 'body.phases');
      const personas = await resolvePersonas(data.personas, 'body.personas');
      if (data.mode !== 'remove' && data.mode !== 'replace' && phases.length === 0) {
        throw new ValidationError('body.phases: pick at least one phase to add');
      }
      const keys = documentIds.map((id) => ({ contentType: uid, entryDocumentId: id, entryLocale: tagLocale }));
      const written = await writeTags(keys, (key, current) => {
        if (data.mode === 'remove') return withoutTags(current, data.phases, data.personas);
        const added = phases.length ? buildTagRows(key, phases, personas, data.cta) : [];
        if (data.mode === 'replace') return added;
        const cta = data.cta ?? entryCta(current);
        return normalizeTags([...current, ...added]).map((r) => ({ ...r, ctaId: cta }));
      }, data.mode === 'remove' ? { phases: [], personas: [], cta: null } : { phases: data.phases, personas: data.personas, cta: data.cta });
      return { contentType: uid, locale: tagLocale || null, mode: data.mode, entries: documentIds.length, tags: written.length };
    },
  };
};

export default tagsService;
