import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { UID } from '../pluginId';
import { PRESETS, slugify } from '../presets';
import { ConflictError, NotFoundError, ValidationError } from '../utils/errors';
import { findModels, typedDocuments, type DocumentParams, type TypedDocuments } from '../utils/documents';
import { tagsRepository } from '../repositories/tags';
import { locksRepository, type Dialect, type ModelKind } from '../repositories/locks';
import { inTransaction } from '../db/transaction';
import { knexOf, type Transaction } from '../db/queryable';
import type {
  CtaCreate,
  CtaDeleted,
  CtaListItem,
  CtaRecord,
  CtaUpdate,
  DeleteOptions,
  DocumentLink,
  Journey,
  JourneyCreate,
  JourneyDeleted,
  JourneyFromPreset,
  JourneyListItem,
  JourneyUpdate,
  PersonaCreate,
  PersonaListItem,
  PersonaRecord,
  PersonaUpdate,
  PhaseCreate,
  PhaseRecord,
  PhaseUpdate,
  Preset,
  TagOwnerDeleted,
} from '../../../shared/contracts/journeys';

const PHASE_FIELDS = ['documentId', 'name', 'slug', 'position', 'funnelBand', 'description', 'customerGoal', 'questions', 'actions', 'thoughts', 'emotionLabel', 'emotionScore', 'touchpoints', 'channels', 'painPoints', 'opportunities', 'minContentPerPersona'];
const PERSONA_FIELDS = ['documentId', 'name', 'slug', 'summary', 'goals', 'needs', 'painPoints', 'preferredChannels', 'priority'];
const CTA_FIELDS = ['documentId', 'label', 'actionType', 'targetUrl', 'kpiMetric', 'kpiUnit', 'kpiBaseline', 'kpiTarget', 'kpiDirection', 'kpiPeriod', 'importEventName', 'importLink', 'importLinkMatch', 'importSource', 'importMode'];

/** What the checks below read of a record: its slug, and the related records they populate. */
interface Stored {
  documentId: string;
  slug?: string;
  journey?: DocumentLink | null;
  journeys?: DocumentLink[];
  phases?: Array<DocumentLink & { position: number }>;
  ctas?: DocumentLink[];
}

/**
 * Deletes lock the rows they delete (and a reassignment's target) FOR UPDATE first, then count and
 * remove or move the tags in the same transaction: a tag write holds those rows for share until it
 * commits (services/tags.ts), so either its tags are there to be removed, or it finds the row
 * gone and refuses. The count before the transaction only answers the 409 early; the one under the
 * lock decides.
 */
const lockForDelete = async (strapi: Core.Strapi, trx: Transaction, kind: ModelKind, ids: string[]) =>
  locksRepository(trx, strapi.db.dialect.client as Dialect).lockModel(kind, ids, 'update');

/** Journeys, phases, personas and CTAs: validated CRUD through the document service. */
const journeysService = ({ strapi }: { strapi: Core.Strapi }) => {
  const journeys = () => typedDocuments<Journey>(strapi, UID.journey);
  const phases = () => typedDocuments<PhaseRecord>(strapi, UID.phase);
  const personas = () => typedDocuments<PersonaRecord>(strapi, UID.persona);
  const ctas = () => typedDocuments<CtaRecord>(strapi, UID.cta);
  const entryStates = () => getService(strapi, 'entryStates');

  const mustFind = async <T>(service: TypedDocuments<T>, documentId: string, what: string, populate?: DocumentParams): Promise<Stored> => {
    const doc = await service.findOne<Stored>({ documentId, populate });
    if (!doc) throw new NotFoundError(`${what} ${documentId} not found`);
    return doc;
  };

  const uniqueSlug = async <T>(service: TypedDocuments<T>, wanted: string | undefined, base: string, scope: DocumentParams = {}, selfId?: string) => {
    const taken = async (s: string) => {
      const hit = await service.findFirst<Stored>({ filters: { slug: s, ...scope }, fields: ['documentId'] });
      return hit && hit.documentId !== selfId;
    };
    if (wanted) {
      if (await taken(wanted)) throw new ConflictError(`slug "${wanted}" is already used`, { field: 'slug' });
      return wanted;
    }
    const root = slugify(base);
    for (let i = 1; ; i += 1) {
      const candidate = i === 1 ? root : `${root}-${i}`;
      if (!(await taken(candidate))) return candidate;
    }
  };

  const assertPersonasExist = async (ids: string[] | undefined, field: string) => {
    if (!ids?.length) return;
    const found = await personas().findMany<Stored>({ filters: { documentId: { $in: ids } }, fields: ['documentId'] });
    const known = new Set(found.map((p) => p.documentId));
    ids.forEach((id, i) => {
      if (!known.has(id)) throw new ValidationError(`${field}.${i}: persona ${id} does not exist`);
    });
  };

  /**
   * Numbers the phases 0, 1, 2… in the order given, in one transaction, run again when chosen as a
   * deadlock victim (MySQL: tag writes hold shared locks on the phases they check).
   */
  const writePositions = (order: string[]) =>
    inTransaction(strapi, async () => {
      for (const [position, documentId] of order.entries()) {
        await phases().update({ documentId, data: { position } });
      }
    });

  return {
    /** A journey by documentId or slug, with phases in order, personas and the phases' CTAs. */
    async getJourney(ref: string): Promise<Journey> {
      // Through the query engine rather than the document service: the journey model has neither drafts
      // nor locales, so both read the same rows (the same object, ids included), and every read of the
      // plugin starts here — the document service's parameter traversal, validation and transaction cost
      // 3–4× the read itself (7.1 against 1.9 ms on the demo site).
      const journey = (await strapi.db.query(UID.journey).findOne({
        where: { $or: [{ documentId: ref }, { slug: ref }] },
        populate: {
          phases: {
            select: ['id', ...PHASE_FIELDS],
            orderBy: [{ position: 'asc' }, { id: 'asc' }],
            populate: { ctas: { select: ['id', ...CTA_FIELDS], populate: { persona: { select: ['id', 'documentId', 'name', 'slug'] } } } },
          },
          personas: { select: ['id', ...PERSONA_FIELDS], orderBy: [{ priority: 'desc' }, { name: 'asc' }] },
        },
      })) as Journey | null;
      if (!journey) throw new NotFoundError(`journey ${ref} not found`);
      return journey;
    },

    async listJourneys(): Promise<JourneyListItem[]> {
      // The query engine, as getJourney reads: the same rows as the document service for this model,
      // at a fraction of its cost (the audit, snapshots and webhooks start with this list).
      return findModels<JourneyListItem>(strapi, UID.journey, {
        where: {},
        select: ['id', 'documentId', 'name', 'slug', 'product', 'description'],
        orderBy: [{ name: 'asc' }],
        populate: {
          phases: {
            select: ['id', 'documentId', 'name', 'slug', 'position', 'customerGoal', 'questions'],
            orderBy: [{ position: 'asc' }],
            populate: { ctas: { select: ['id', 'documentId', 'label', 'kpiMetric', 'kpiTarget', 'kpiUnit', 'kpiPeriod'] } },
          },
          personas: { select: ['id', 'documentId', 'name', 'slug', 'painPoints'], orderBy: [{ priority: 'desc' }, { name: 'asc' }] },
        },
      });
    },

    async createJourney(data: JourneyCreate): Promise<Journey> {
      await assertPersonasExist(data.personas, 'body.personas');
      const slug = await uniqueSlug(journeys(), data.slug, data.name);
      const created = await journeys().create({
        data: { ...data, slug, personas: data.personas ?? [], excludedCells: data.excludedCells ?? [] },
      });
      return this.getJourney(created.documentId);
    },

    async updateJourney(id: string, data: JourneyUpdate): Promise<Journey> {
      const current = await mustFind(journeys(), id, 'journey');
      await assertPersonasExist(data.personas, 'body.personas');
      if (data.slug && data.slug !== current.slug) await uniqueSlug(journeys(), data.slug, data.slug, {}, id);
      await journeys().update({ documentId: id, data });
      return this.getJourney(id);
    },

    /** Deleting a journey deletes its phases and CTAs; its tags go only when the request says so. */
    async deleteJourney(id: string, options: DeleteOptions): Promise<JourneyDeleted> {
      if (options.reassignTo) throw new ValidationError('query.reassignTo: a journey\'s tags cannot be reassigned; use removeAssignments=true');
      const journey = await this.getJourney(id);
      if (journey.documentId !== id) throw new NotFoundError(`journey ${id} not found`);
      const count = await tagsRepository(knexOf(strapi.db)).countOf('journey', id);
      if (count > 0 && !options.removeAssignments) {
        throw new ConflictError(`journey has ${count} assignments; repeat with removeAssignments=true to delete them`, { assignments: count });
      }
      const phaseIds = journey.phases.map((p) => p.documentId);
      const removed = await inTransaction(strapi, async (trx) => {
        await lockForDelete(strapi, trx, 'journey', [id]);
        await lockForDelete(strapi, trx, 'phase', phaseIds);
        await lockForDelete(strapi, trx, 'cta', journey.phases.flatMap((p) => p.ctas.map((c) => c.documentId)));
        const tags = tagsRepository(trx);
        const tagged = await tags.countOf('journey', id);
        if (tagged > 0 && !options.removeAssignments) {
          throw new ConflictError(`journey has ${tagged} assignments; repeat with removeAssignments=true to delete them`, { assignments: tagged });
        }
        if (tagged > 0) {
          await tags.deleteOf('journey', id);
          await entryStates().retag();
        }
        for (const phase of journey.phases) {
          for (const cta of phase.ctas) await ctas().delete({ documentId: cta.documentId });
          await phases().delete({ documentId: phase.documentId });
        }
        await journeys().delete({ documentId: id });
        return tagged;
      });
      return { deleted: id, assignmentsRemoved: removed };
    },

    listPresets(): Preset[] {
      return PRESETS;
    },

    async createFromPreset(data: JourneyFromPreset): Promise<Journey> {
      const preset = PRESETS.find((p) => p.id === data.preset);
      if (!preset) throw new ValidationError(`body.preset: unknown preset "${data.preset}"`);
      await assertPersonasExist(data.personas, 'body.personas');
      const slug = await uniqueSlug(journeys(), data.slug, data.name);
      const journeyId = await strapi.db.transaction(async () => {
        const journey = await journeys().create({
          data: { name: data.name, slug, product: data.product, description: data.description ?? preset.description, personas: data.personas ?? [], excludedCells: [] },
        });
        for (const [position, phase] of preset.phases.entries()) {
          await phases().create({
            data: { ...phase, slug: slugify(phase.name), position, journey: journey.documentId },
          });
        }
        return journey.documentId;
      });
      return this.getJourney(journeyId);
    },

    /** The documentId of the journey a phase belongs to; a 400 naming `field` when there is no such phase. */
    async journeyOfPhase(phaseId: string, field = 'body.phase'): Promise<string> {
      const phase = await phases().findOne({ documentId: phaseId, fields: ['documentId'], populate: { journey: { fields: ['documentId'] } } });
      const journeyId = phase?.journey?.documentId;
      if (!journeyId) throw new ValidationError(`${field}: ${phaseId} is not a phase of any journey`);
      return journeyId;
    },

    async createPhase(data: PhaseCreate): Promise<PhaseRecord> {
      const journey = await mustFind(journeys(), data.journey, 'journey', { phases: { fields: ['position'] } });
      const slug = await uniqueSlug(phases(), data.slug, data.name, { journey: { documentId: data.journey } });
      const position = data.position ?? (journey.phases ?? []).reduce((max, p) => Math.max(max, p.position + 1), 0);
      return phases().create({ data: { ...data, slug, position }, populate: { journey: { fields: ['documentId'] } } });
    },

    async updatePhase(id: string, data: PhaseUpdate): Promise<PhaseRecord | null> {
      const current = await mustFind(phases(), id, 'phase', { journey: { fields: ['documentId'] } });
      if (data.slug && data.slug !== current.slug) {
        await uniqueSlug(phases(), data.slug, data.slug, { journey: { documentId: current.journey?.documentId } }, id);
      }
      return phases().update({ documentId: id, data });
    },

    /** Sets the order of a journey's phases; `order` must list each of its phases exactly once. */
    async reorderPhases(journeyId: string, order: string[]): Promise<Journey> {
      const journey = await this.getJourney(journeyId);
      const current = journey.phases.map((p) => p.documentId).sort();
      if (new Set(order).size !== order.length || [...order].sort().join() !== current.join()) {
        throw new ValidationError('body.phases: must list every phase of the journey exactly once');
      }
      await writePositions(order);
      return this.getJourney(journeyId);
    },

    async deletePhase(id: string, options: DeleteOptions): Promise<TagOwnerDeleted> {
      const { reassignTo, removeAssignments } = options;
      const phase = await mustFind(phases(), id, 'phase', { journey: { fields: ['documentId'] }, ctas: { fields: ['documentId'] } });
      const journeyId = phase.journey?.documentId as string;
      if (reassignTo) {
        const target = await phases().findOne<Stored>({ documentId: reassignTo, populate: { journey: { fields: ['documentId'] } } });
        if (!target || target.documentId === id || target.journey?.documentId !== journeyId) {
          throw new ValidationError('query.reassignTo: must be another phase of the same journey');
        }
      }
      const count = await tagsRepository(knexOf(strapi.db)).countOf('phase', id);
      if (count > 0 && !reassignTo && !removeAssignments) {
        throw new ConflictError(`phase has ${count} assignments; repeat with reassignTo=<phase> or removeAssignments=true`, { assignments: count });
      }
      const ctaIds = (phase.ctas ?? []).map((c) => c.documentId);
      const moved = await inTransaction(strapi, async (trx) => {
        const found = await lockForDelete(strapi, trx, 'phase', [id, reassignTo ?? '']);
        if (!found.has(id)) throw new NotFoundError(`phase ${id} not found`);
        if (reassignTo && !found.has(reassignTo)) throw new ValidationError('query.reassignTo: must be another phase of the same journey');
        await lockForDelete(strapi, trx, 'cta', ctaIds);
        const tags = tagsRepository(trx);
        const tagged = await tags.countOf('phase', id);
        if (tagged > 0 && !reassignTo && !removeAssignments) {
          throw new ConflictError(`phase has ${tagged} assignments; repeat with reassignTo=<phase> or removeAssignments=true`, { assignments: tagged });
        }
        if (tagged > 0 && reassignTo) await tags.reassign('phase', id, reassignTo);
        else if (tagged > 0) await tags.deleteOf('phase', id);
        if (tagged > 0) await entryStates().retag();
        await tags.clearCta(ctaIds);
        for (const ctaId of ctaIds) await ctas().delete({ documentId: ctaId });
        await phases().delete({ documentId: id });
        return tagged;
      });
      // The phases left keep their order, numbered again from 0.
      const rest = (await this.getJourney(journeyId)).phases.map((p) => p.documentId);
      if (rest.length) await writePositions(rest);
      return { deleted: id, assignmentsMoved: reassignTo ? moved : 0, assignmentsRemoved: reassignTo ? 0 : moved };
    },

    async listPersonas(journeyRef?: string): Promise<PersonaListItem[]> {
      const filters = journeyRef ? { journeys: { $or: [{ documentId: journeyRef }, { slug: journeyRef }] } } : {};
      return personas().findMany<PersonaListItem>({ filters, sort: ['priority:desc', 'name:asc'], populate: { journeys: { fields: ['documentId', 'name', 'slug'] } } });
    },

    async createPersona(data: PersonaCreate): Promise<PersonaRecord> {
      if (data.journeys?.length) {
        const found = await journeys().findMany<Stored>({ filters: { documentId: { $in: data.journeys } }, fields: ['documentId'] });
        if (found.length !== new Set(data.journeys).size) throw new ValidationError('body.journeys: unknown journey');
      }
      const slug = await uniqueSlug(personas(), data.slug, data.name);
      return personas().create({ data: { ...data, slug }, populate: { journeys: { fields: ['documentId'] } } });
    },

    async updatePersona(id: string, data: PersonaUpdate): Promise<PersonaRecord | null> {
      const current = await mustFind(personas(), id, 'persona');
      if (data.slug && data.slug !== current.slug) await uniqueSlug(personas(), data.slug, data.slug, {}, id);
      return personas().update({ documentId: id, data, populate: { journeys: { fields: ['documentId'] } } });
    },

    async deletePersona(id: string, options: DeleteOptions): Promise<TagOwnerDeleted> {
      const { reassignTo, removeAssignments } = options;
      const persona = await mustFind(personas(), id, 'persona', { journeys: { fields: ['documentId'] } });
      if (reassignTo) {
        const target = await personas().findOne<Stored>({ documentId: reassignTo, populate: { journeys: { fields: ['documentId'] } } });
        const shared = target?.journeys?.some((j) => persona.journeys?.some((k) => k.documentId === j.documentId));
        if (!target || target.documentId === id || !shared) {
          throw new ValidationError('query.reassignTo: must be another persona of the same journey');
        }
      }
      const count = await tagsRepository(knexOf(strapi.db)).countOf('persona', id);
      if (count > 0 && !reassignTo && !removeAssignments) {
        throw new ConflictError(`persona has ${count} assignments; repeat with reassignTo=<persona> or removeAssignments=true`, { assignments: count });
      }
      const moved = await inTransaction(strapi, async (trx) => {
        const found = await lockForDelete(strapi, trx, 'persona', [id, reassignTo ?? '']);
        if (!found.has(id)) throw new NotFoundError(`persona ${id} not found`);
        if (reassignTo && !found.has(reassignTo)) throw new ValidationError('query.reassignTo: must be another persona of the same journey');
        const tags = tagsRepository(trx);
        const tagged = await tags.countOf('persona', id);
        if (tagged > 0 && !reassignTo && !removeAssignments) {
          throw new ConflictError(`persona has ${tagged} assignments; repeat with reassignTo=<persona> or removeAssignments=true`, { assignments: tagged });
        }
        if (tagged > 0 && reassignTo) await tags.reassign('persona', id, reassignTo);
        else if (tagged > 0) await tags.deleteOf('persona', id);
        if (tagged > 0) await entryStates().retag();
        await personas().delete({ documentId: id });
        return tagged;
      });
      return { deleted: id, assignmentsMoved: reassignTo ? moved : 0, assignmentsRemoved: reassignTo ? 0 : moved };
    },

    async listCtas(journeyRef?: string): Promise<CtaListItem[]> {
      const filters = journeyRef ? { phase: { journey: { $or: [{ documentId: journeyRef }, { slug: journeyRef }] } } } : {};
      return ctas().findMany<CtaListItem>({ filters, sort: ['label:asc'], populate: { phase: { fields: ['documentId', 'name'] }, persona: { fields: ['documentId', 'name'] } } });
    },

    async createCta(data: CtaCreate): Promise<CtaRecord> {
      await mustFind(phases(), data.phase, 'phase');
      if (data.persona) await assertPersonasExist([data.persona], 'body.persona');
      return ctas().create({ data, populate: { phase: { fields: ['documentId'] }, persona: { fields: ['documentId'] } } });
    },

    async updateCta(id: string, data: CtaUpdate): Promise<CtaRecord | null> {
      await mustFind(ctas(), id, 'cta');
      if (data.phase) await mustFind(phases(), data.phase, 'phase');
      if (data.persona) await assertPersonasExist([data.persona], 'body.persona');
      return ctas().update({ documentId: id, data, populate: { phase: { fields: ['documentId'] }, persona: { fields: ['documentId'] } } });
    },

    async deleteCta(id: string): Promise<CtaDeleted> {
      await mustFind(ctas(), id, 'cta');
      await inTransaction(strapi, async (trx) => {
        if (!(await lockForDelete(strapi, trx, 'cta', [id])).has(id)) throw new NotFoundError(`cta ${id} not found`);
        await tagsRepository(trx).clearCta([id]);
        await ctas().delete({ documentId: id });
      });
      return { deleted: id };
    },
  };
};

export default journeysService;
