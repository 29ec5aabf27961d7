import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UID } from '../pluginId';
import { PRESETS, slugify } from '../presets';
import { ConflictError, NotFoundError, ValidationError } from '../utils/errors';
import { assignmentsRepository } from '../repositories/assignments';
import { parse } from '../validation/parse';
import {
  ctaCreate,
  ctaUpdate,
  deleteQuery,
  journeyCreate,
  journeyUpdate,
  personaCreate,
  personaUpdate,
  phaseCreate,
  phaseOrder,
  phaseUpdate,
} from '../validation/model';
import { z } from 'zod';
import { documentId as documentIdSchema, slug as slugSchema, shortText, text } from '../validation/common';

const PHASE_FIELDS = ['documentId', 'name', 'slug', 'position', 'funnelBand', 'description', 'customerGoal', 'questions', 'actions', 'thoughts', 'emotionLabel', 'emotionScore', 'touchpoints', 'channels', 'painPoints', 'opportunities', 'minContentPerPersona'];
const PERSONA_FIELDS = ['documentId', 'name', 'slug', 'summary', 'goals', 'needs', 'painPoints', 'preferredChannels', 'priority'];
const CTA_FIELDS = ['documentId', 'label', 'actionType', 'targetUrl', 'kpiMetric', 'kpiUnit', 'kpiBaseline', 'kpiTarget', 'kpiDirection', 'kpiPeriod'];

const fromPresetBody = z
  .object({
    preset: z.enum(PRESETS.map((p) => p.id) as [string, ...string[]]),
    name: shortText(120).min(1),
    slug: slugSchema.optional(),
    product: shortText(200).nullish(),
    description: text(10000).nullish(),
    personas: z.array(documentIdSchema).max(50).optional(),
  })
  .strict();

type Doc = Record<string, any> & { documentId: string };

/** Journeys, phases, personas and CTAs: validated CRUD through the document service. */
const modelService = ({ strapi }: { strapi: Core.Strapi }) => {
  const journeys = () => strapi.documents(UID.journey as any);
  const phases = () => strapi.documents(UID.phase as any);
  const personas = () => strapi.documents(UID.persona as any);
  const ctas = () => strapi.documents(UID.cta as any);
  const entryStates = () => strapi.plugin(PLUGIN_ID).service('entryStates');
  const repo = () => assignmentsRepository(strapi.db.connection);

  const mustFind = async (service: any, documentId: string, what: string, populate?: any): Promise<Doc> => {
    const doc = await service.findOne({ documentId, populate });
    if (!doc) throw new NotFoundError(`${what} ${documentId} not found`);
    return doc;
  };

  const uniqueSlug = async (service: any, wanted: string | undefined, base: string, scope: Record<string, unknown> = {}, selfId?: string) => {
    const taken = async (s: string) => {
      const hit = await service.findFirst({ filters: { slug: s, ...scope }, fields: ['documentId'] });
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
    const found = await personas().findMany({ filters: { documentId: { $in: ids } }, fields: ['documentId'] });
    const known = new Set(found.map((p: Doc) => p.documentId));
    ids.forEach((id, i) => {
      if (!known.has(id)) throw new ValidationError(`${field}.${i}: persona ${id} does not exist`);
    });
  };

  return {
    /** A journey by documentId or slug, with phases in order, personas and the phases' CTAs. */
    async getJourney(ref: string): Promise<Doc> {
      const journey = await journeys().findFirst({
        filters: { $or: [{ documentId: ref }, { slug: ref }] },
        populate: {
          phases: { fields: PHASE_FIELDS, sort: ['position:asc', 'id:asc'], populate: { ctas: { fields: CTA_FIELDS, populate: { persona: { fields: ['documentId', 'name', 'slug'] } } } } },
          personas: { fields: PERSONA_FIELDS, sort: ['priority:desc', 'name:asc'] },
        },
      } as any);
      if (!journey) throw new NotFoundError(`journey ${ref} not found`);
      return journey as Doc;
    },

    async listJourneys() {
      return journeys().findMany({
        sort: ['name:asc'],
        fields: ['documentId', 'name', 'slug', 'product', 'description'],
        populate: {
          phases: {
            fields: ['documentId', 'name', 'slug', 'position', 'customerGoal', 'questions'],
            sort: ['position:asc'],
            populate: { ctas: { fields: ['documentId', 'label', 'kpiMetric', 'kpiTarget', 'kpiUnit', 'kpiPeriod'] } },
          },
          personas: { fields: ['documentId', 'name', 'slug', 'painPoints'], sort: ['priority:desc', 'name:asc'] },
        },
      } as any);
    },

    async createJourney(body: unknown) {
      const data = parse(journeyCreate, body, 'body');
      await assertPersonasExist(data.personas, 'body.personas');
      const slug = await uniqueSlug(journeys(), data.slug, data.name);
      const created = await journeys().create({
        data: { ...data, slug, personas: data.personas ?? [], excludedCells: data.excludedCells ?? [] },
      } as any);
      return this.getJourney(created.documentId);
    },

    async updateJourney(id: string, body: unknown) {
      const data = parse(journeyUpdate, body, 'body');
      const current = await mustFind(journeys(), id, 'journey');
      await assertPersonasExist(data.personas, 'body.personas');
      if (data.slug && data.slug !== current.slug) await uniqueSlug(journeys(), data.slug, data.slug, {}, id);
      await journeys().update({ documentId: id, data } as any);
      return this.getJourney(id);
    },

    /** Deleting a journey deletes its phases and CTAs; its tags go only when the request says so. */
    async deleteJourney(id: string, query: unknown) {
      const q = parse(deleteQuery, query, 'query');
      if (q.reassignTo) throw new ValidationError('query.reassignTo: a journey\'s tags cannot be reassigned; use removeAssignments=true');
      const journey = await this.getJourney(id);
      if (journey.documentId !== id) throw new NotFoundError(`journey ${id} not found`);
      const count = await repo().countWhere({ journey_id: id });
      if (count > 0 && !q.removeAssignments) {
        throw new ConflictError(`journey has ${count} assignments; repeat with removeAssignments=true to delete them`, { assignments: count });
      }
      await strapi.db.transaction(async ({ trx }) => {
        if (count > 0) {
          await assignmentsRepository(trx).deleteWhere({ journey_id: id });
          await entryStates().retag();
        }
        for (const phase of journey.phases ?? []) {
          for (const cta of phase.ctas ?? []) await ctas().delete({ documentId: cta.documentId } as any);
          await phases().delete({ documentId: phase.documentId } as any);
        }
        await journeys().delete({ documentId: id } as any);
      });
      return { deleted: id, assignmentsRemoved: count };
    },

    listPresets() {
      return PRESETS;
    },

    async createFromPreset(body: unknown) {
      const data = parse(fromPresetBody, body, 'body');
      const preset = PRESETS.find((p) => p.id === data.preset)!;
      await assertPersonasExist(data.personas, 'body.personas');
      const slug = await uniqueSlug(journeys(), data.slug, data.name);
      const journeyId = await strapi.db.transaction(async () => {
        const journey = await journeys().create({
          data: { name: data.name, slug, product: data.product, description: data.description ?? preset.description, personas: data.personas ?? [], excludedCells: [] },
        } as any);
        for (const [position, phase] of preset.phases.entries()) {
          await phases().create({
            data: { ...phase, slug: slugify(phase.name), position, journey: journey.documentId },
          } as any);
        }
        return journey.documentId as string;
      });
      return this.getJourney(journeyId);
    },

    async createPhase(body: unknown) {
      const data = parse(phaseCreate, body, 'body');
      const journey = await mustFind(journeys(), data.journey, 'journey', { phases: { fields: ['position'] } });
      const slug = await uniqueSlug(phases(), data.slug, data.name, { journey: { documentId: data.journey } });
      const position = data.position ?? (journey.phases ?? []).reduce((max: number, p: Doc) => Math.max(max, p.position + 1), 0);
      return phases().create({ data: { ...data, slug, position }, populate: { journey: { fields: ['documentId'] } } } as any);
    },

    async updatePhase(id: string, body: unknown) {
      const data = parse(phaseUpdate, body, 'body');
      const current = await mustFind(phases(), id, 'phase', { journey: { fields: ['documentId'] } });
      if (data.slug && data.slug !== current.slug) {
        await uniqueSlug(phases(), data.slug, data.slug, { journey: { documentId: current.journey?.documentId } }, id);
      }
      return phases().update({ documentId: id, data } as any);
    },

    /** Sets the order of a journey's phases; the body must list each of its phases exactly once. */
    async reorderPhases(journeyId: string, body: unknown) {
      const { phases: order } = parse(phaseOrder, body, 'body');
      const journey = await this.getJourney(journeyId);
      const current = (journey.phases ?? []).map((p: Doc) => p.documentId).sort();
      if (new Set(order).size !== order.length || [...order].sort().join() !== current.join()) {
        throw new ValidationError('body.phases: must list every phase of the journey exactly once');
      }
      await strapi.db.transaction(async () => {
        for (const [position, documentId] of order.entries()) {
          await phases().update({ documentId, data: { position } } as any);
        }
      });
      return this.getJourney(journeyId);
    },

    async deletePhase(id: string, query: unknown) {
      const q = parse(deleteQuery, query, 'query');
      const phase = await mustFind(phases(), id, 'phase', { journey: { fields: ['documentId'] }, ctas: { fields: ['documentId'] } });
      const journeyId = phase.journey?.documentId as string;
      if (q.reassignTo) {
        const target = await phases().findOne({ documentId: q.reassignTo, populate: { journey: { fields: ['documentId'] } } } as any);
        if (!target || target.documentId === id || target.journey?.documentId !== journeyId) {
          throw new ValidationError('query.reassignTo: must be another phase of the same journey');
        }
      }
      const count = await repo().countWhere({ phase_id: id });
      if (count > 0 && !q.reassignTo && !q.removeAssignments) {
        throw new ConflictError(`phase has ${count} assignments; repeat with reassignTo=<phase> or removeAssignments=true`, { assignments: count });
      }
      const ctaIds = (phase.ctas ?? []).map((c: Doc) => c.documentId);
      await strapi.db.transaction(async ({ trx }) => {
        const tx = assignmentsRepository(trx);
        if (count > 0 && q.reassignTo) await tx.reassign('phase_id', id, q.reassignTo);
        else if (count > 0) await tx.deleteWhere({ phase_id: id });
        if (count > 0) await entryStates().retag();
        await tx.clearCta(ctaIds);
        for (const ctaId of ctaIds) await ctas().delete({ documentId: ctaId } as any);
        await phases().delete({ documentId: id } as any);
      });
      const rest = (await this.getJourney(journeyId)).phases.map((p: Doc) => p.documentId);
      if (rest.length) await this.reorderPhases(journeyId, { phases: rest });
      return { deleted: id, assignmentsMoved: q.reassignTo ? count : 0, assignmentsRemoved: q.reassignTo ? 0 : count };
    },

    async listPersonas(journeyRef?: string) {
      const filters = journeyRef ? { journeys: { $or: [{ documentId: journeyRef }, { slug: journeyRef }] } } : {};
      return personas().findMany({ filters, sort: ['priority:desc', 'name:asc'], populate: { journeys: { fields: ['documentId', 'name', 'slug'] } } } as any);
    },

    async createPersona(body: unknown) {
      const data = parse(personaCreate, body, 'body');
      if (data.journeys?.length) {
        const found = await journeys().findMany({ filters: { documentId: { $in: data.journeys } }, fields: ['documentId'] } as any);
        if (found.length !== new Set(data.journeys).size) throw new ValidationError('body.journeys: unknown journey');
      }
      const slug = await uniqueSlug(personas(), data.slug, data.name);
      return personas().create({ data: { ...data, slug }, populate: { journeys: { fields: ['documentId'] } } } as any);
    },

    async updatePersona(id: string, body: unknown) {
      const data = parse(personaUpdate, body, 'body');
      const current = await mustFind(personas(), id, 'persona');
      if (data.slug && data.slug !== current.slug) await uniqueSlug(personas(), data.slug, data.slug, {}, id);
      return personas().update({ documentId: id, data, populate: { journeys: { fields: ['documentId'] } } } as any);
    },

    async deletePersona(id: string, query: unknown) {
      const q = parse(deleteQuery, query, 'query');
      const persona = await mustFind(personas(), id, 'persona', { journeys: { fields: ['documentId'] } });
      if (q.reassignTo) {
        const target = await personas().findOne({ documentId: q.reassignTo, populate: { journeys: { fields: ['documentId'] } } } as any);
        const shared = target?.journeys?.some((j: Doc) => persona.journeys?.some((k: Doc) => k.documentId === j.documentId));
        if (!target || target.documentId === id || !shared) {
          throw new ValidationError('query.reassignTo: must be another persona of the same journey');
        }
      }
      const count = await repo().countWhere({ persona_id: id });
      if (count > 0 && !q.reassignTo && !q.removeAssignments) {
        throw new ConflictError(`persona has ${count} assignments; repeat with reassignTo=<persona> or removeAssignments=true`, { assignments: count });
      }
      await strapi.db.transaction(async ({ trx }) => {
        const tx = assignmentsRepository(trx);
        if (count > 0 && q.reassignTo) await tx.reassign('persona_id', id, q.reassignTo);
        else if (count > 0) await tx.deleteWhere({ persona_id: id });
        if (count > 0) await entryStates().retag();
        await personas().delete({ documentId: id } as any);
      });
      return { deleted: id, assignmentsMoved: q.reassignTo ? count : 0, assignmentsRemoved: q.reassignTo ? 0 : count };
    },

    async listCtas(journeyRef?: string) {
      const filters = journeyRef ? { phase: { journey: { $or: [{ documentId: journeyRef }, { slug: journeyRef }] } } } : {};
      return ctas().findMany({ filters, sort: ['label:asc'], populate: { phase: { fields: ['documentId', 'name'] }, persona: { fields: ['documentId', 'name'] } } } as any);
    },

    async createCta(body: unknown) {
      const data = parse(ctaCreate, body, 'body');
      await mustFind(phases(), data.phase, 'phase');
      if (data.persona) await assertPersonasExist([data.persona], 'body.persona');
      return ctas().create({ data, populate: { phase: { fields: ['documentId'] }, persona: { fields: ['documentId'] } } } as any);
    },

    async updateCta(id: string, body: unknown) {
      const data = parse(ctaUpdate, body, 'body');
      await mustFind(ctas(), id, 'cta');
      if (data.phase) await mustFind(phases(), data.phase, 'phase');
      if (data.persona) await assertPersonasExist([data.persona], 'body.persona');
      return ctas().update({ documentId: id, data, populate: { phase: { fields: ['documentId'] }, persona: { fields: ['documentId'] } } } as any);
    },

    async deleteCta(id: string) {
      await mustFind(ctas(), id, 'cta');
      await strapi.db.transaction(async ({ trx }) => {
        await assignmentsRepository(trx).clearCta([id]);
        await ctas().delete({ documentId: id } as any);
      });
      return { deleted: id };
    },
  };
};

export default modelService;
