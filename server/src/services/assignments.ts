import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UID } from '../pluginId';
import { assignmentsRepository, type AssignmentRow, type EntryKey } from '../repositories/assignments';
import { ConflictError, ValidationError } from '../utils/errors';
import { bulkBody, tagsBody } from '../validation/assignments';
import { parse } from '../validation/parse';
import { buildTagRows, entryCta, normalizeTags, withoutTags, type PersonaRef, type PhaseRef } from './tags';

/** Unique-index violations, deadlocks and serialization failures: a concurrent writer got there first. */
const isWriteConflict = (error: any) =>
  ['23505', '40001', '40P01'].includes(error?.code) ||
  [1062, 1213, 1205].includes(error?.errno) ||
  String(error?.code ?? '').startsWith('SQLITE_CONSTRAINT') ||
  String(error?.code ?? '') === 'SQLITE_BUSY';

const assignmentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const entries = () => strapi.plugin(PLUGIN_ID).service('entries');

  /** The picked phases with their journey and CTAs; unknown ids are a 400 naming the field. */
  async function resolvePhases(ids: string[], field: string): Promise<PhaseRef[]> {
    if (ids.length === 0) return [];
    const found = await strapi.documents(UID.phase as any).findMany({
      filters: { documentId: { $in: ids } },
      fields: ['documentId'],
      populate: { journey: { fields: ['documentId'] }, ctas: { fields: ['documentId'] } },
    } as any);
    const byId = new Map(found.map((p: any) => [p.documentId, p]));
    return [...new Set(ids)].map((id) => {
      const p: any = byId.get(id);
      if (!p) throw new ValidationError(`${field}.${ids.indexOf(id)}: phase ${id} does not exist`);
      if (!p.journey) throw new ValidationError(`${field}.${ids.indexOf(id)}: phase ${id} belongs to no journey`);
      return { documentId: id, journeyId: p.journey.documentId, ctaIds: (p.ctas ?? []).map((c: any) => c.documentId) };
    });
  }

  async function resolvePersonas(ids: string[], field: string): Promise<PersonaRef[]> {
    if (ids.length === 0) return [];
    const found = await strapi.documents(UID.persona as any).findMany({
      filters: { documentId: { $in: ids } },
      fields: ['documentId'],
      populate: { journeys: { fields: ['documentId'] } },
    } as any);
    const byId = new Map(found.map((p: any) => [p.documentId, p]));
    return [...new Set(ids)].map((id) => {
      const p: any = byId.get(id);
      if (!p) throw new ValidationError(`${field}.${ids.indexOf(id)}: persona ${id} does not exist`);
      return { documentId: id, journeyIds: (p.journeys ?? []).map((j: any) => j.documentId) };
    });
  }

  /** Replaces the tags of several entries in one transaction, retried when a concurrent writer collides. */
  async function writeTags(keys: EntryKey[], rowsFor: (key: EntryKey, current: AssignmentRow[]) => AssignmentRow[]) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await strapi.db.transaction(async ({ trx }) => {
          const repo = assignmentsRepository(trx);
          const current = await repo.forEntries(keys);
          const next: AssignmentRow[] = [];
          for (const key of keys) {
            const mine = current.filter((r) => r.entryDocumentId === key.entryDocumentId);
            next.push(...rowsFor(key, mine));
          }
          for (const locale of new Set(keys.map((k) => k.entryLocale))) {
            const ids = keys.filter((k) => k.entryLocale === locale).map((k) => k.entryDocumentId);
            await repo.deleteForDocuments(keys[0].contentType, ids, locale);
          }
          await repo.insert(next);
          // The tags carry their entries' dates for coverage: read them fresh from the site's table.
          await strapi.plugin(PLUGIN_ID).service('entryStates').refresh(keys[0].contentType, keys.map((k) => k.entryDocumentId), trx);
          return next;
        });
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
        if (attempt >= 3) throw new ConflictError('another request changed these tags at the same time; try again');
      }
    }
  }

  const summarize = (rows: AssignmentRow[]) => ({
    phases: [...new Set(rows.map((r) => r.phaseId))],
    personas: [...new Set(rows.map((r) => r.personaId).filter(Boolean))],
    allPersonasPhases: [...new Set(rows.filter((r) => !r.personaId).map((r) => r.phaseId))],
    cta: entryCta(rows),
    rows: rows.map(({ journeyId, phaseId, personaId, ctaId }) => ({ journey: journeyId, phase: phaseId, persona: personaId || null, cta: ctaId })),
  });

  return {
    async get(uid: string, documentId: string, locale: string | undefined) {
      const tagLocale = await entries().tagLocale(uid, locale);
      const rows = await assignmentsRepository(strapi.db.connection).forEntries([
        { contentType: uid, entryDocumentId: documentId, entryLocale: tagLocale },
      ]);
      return { contentType: uid, documentId, locale: tagLocale || null, ...summarize(rows) };
    },

    /**
     * The tags of several entries of one type in one locale, with phase names, for the list view; also
     * whether the type is tracked, so the admin can hide the column and the panel for untracked types.
     */
    async forList(uid: string, documentIds: string[], locale: string | undefined) {
      const tracked: string[] = await strapi.plugin(PLUGIN_ID).service('settings').trackedUids();
      if (!tracked.includes(uid)) return { contentType: uid, tracked: false, locale: locale ?? null, entries: {}, personas: {} };
      const tagLocale = await entries().tagLocale(uid, locale);
      const rows = await assignmentsRepository(strapi.db.connection).forDocuments(uid, documentIds, tagLocale);
      const phaseIds = [...new Set(rows.map((r) => r.phaseId))];
      const phases = phaseIds.length
        ? await strapi.documents(UID.phase as any).findMany({ filters: { documentId: { $in: phaseIds } }, fields: ['documentId', 'name', 'position'], populate: { journey: { fields: ['name'] } } } as any)
        : [];
      const byId = new Map(phases.map((p: any) => [p.documentId, p]));
      const personaIds = [...new Set(rows.map((r) => r.personaId).filter(Boolean))];
      const personaNames = new Map<string, string>(
        personaIds.length
          ? (await strapi.documents(UID.persona as any).findMany({ filters: { documentId: { $in: personaIds } }, fields: ['documentId', 'name'] } as any)).map((p: any) => [p.documentId, p.name])
          : []
      );
      const result: Record<string, Array<{ documentId: string; name: string; journey: string | null }>> = {};
      // Specific personas of each entry (none: every tag is for all personas), for the list column.
      const personas: Record<string, Array<{ documentId: string; name: string }>> = {};
      for (const id of documentIds) {
        const own = rows.filter((r) => r.entryDocumentId === id);
        result[id] = [...new Set(own.map((r) => r.phaseId))].map((pid) => {
          const p: any = byId.get(pid);
          return { documentId: pid, name: p?.name ?? pid, journey: p?.journey?.name ?? null };
        });
        personas[id] = [...new Set(own.map((r) => r.personaId).filter(Boolean))].map((pid) => ({ documentId: pid, name: personaNames.get(pid) ?? pid }));
      }
      return { contentType: uid, tracked: true, locale: tagLocale || null, entries: result, personas };
    },

    /** PUT: the entry's tags become exactly the body's (an empty `phases` removes them all). */
    async replace(uid: string, documentId: string, locale: string | undefined, body: unknown) {
      const data = parse(tagsBody, body, 'body');
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
      await writeTags([key], () => rows);
      return this.get(uid, documentId, tagLocale || undefined);
    },

    /** Tags or untags many entries of one type (add, remove or replace) in one transaction. */
    async bulk(body: unknown) {
      const data = parse(bulkBody, body, 'body');
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
      });
      return { contentType: uid, locale: tagLocale || null, mode: data.mode, entries: documentIds.length, tags: written.length };
    },
  };
};

export default assignmentsService;
