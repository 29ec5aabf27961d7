import type { Core } from '@strapi/strapi';
import type { z } from 'zod';
import { getService } from '../utils/get-service';
import { PRESET_IDS } from '../presets';
import {
  ctaCreate,
  ctaUpdate,
  deleteQuery,
  idParams,
  journeyCreate,
  journeyFromPreset,
  journeyRefParams,
  journeyUpdate,
  listQuery,
  personaCreate,
  personaUpdate,
  phaseCreate,
  phaseOrder,
  phaseUpdate,
} from '../../../shared/contracts/journeys';
import { journeyFile } from '../../../shared/contracts/transfer';
import { parse } from '../validation/parse';
import { writeShape } from '../validation/read-shape';
import { respond } from './respond';

const fromPresetBody = journeyFromPreset(PRESET_IDS);

/** What these actions read of Koa's context. */
interface Ctx {
  params: unknown;
  query: unknown;
  request: { body?: unknown };
}

/**
 * CRUD for journeys, phases, personas and CTAs, presets, and a journey's export and import (the `manage`
 * action; reads need `read`). Bodies are read in the shape the reads answer (validation/read-shape.ts).
 */
const journeysController = ({ strapi }: { strapi: Core.Strapi }) => {
  const journeys = () => getService(strapi, 'journeys');
  const transfer = () => getService(strapi, 'transfer');
  // Arguments are evaluated left to right: the params are checked before the body, as the errors say.
  const id = (ctx: Ctx) => parse(idParams, ctx.params, 'params').id;
  const ref = (ctx: Ctx) => parse(journeyRefParams, ctx.params, 'params').id;
  const journeyFilter = (ctx: Ctx) => parse(listQuery, ctx.query, 'query').journey;
  const deleteOptions = (ctx: Ctx) => parse(deleteQuery, ctx.query, 'query');
  /** The body, turned from its read shape into the write shape first where the schema has one. */
  const body = <S extends z.ZodTypeAny>(schema: S, ctx: Ctx, shape: (body: unknown) => unknown = (b) => b) =>
    parse(schema, shape(ctx.request.body), 'body');

  return {
    listJourneys: respond(() => journeys().listJourneys()),
    getJourney: respond((ctx) => journeys().getJourney(ref(ctx))),
    createJourney: respond((ctx) => journeys().createJourney(body(journeyCreate, ctx, writeShape.journey))),
    updateJourney: respond((ctx) => journeys().updateJourney(id(ctx), body(journeyUpdate, ctx, writeShape.journey))),
    deleteJourney: respond((ctx) => journeys().deleteJourney(id(ctx), deleteOptions(ctx))),
    listPresets: respond(async () => journeys().listPresets()),
    createFromPreset: respond((ctx) => journeys().createFromPreset(body(fromPresetBody, ctx))),
    reorderPhases: respond((ctx) => journeys().reorderPhases(id(ctx), body(phaseOrder, ctx).phases)),
    /** The file itself (no `{ data }` envelope), as a download. */
    exportJourney: async (ctx: Ctx & { set(field: string, value: string): void; body: unknown }) => {
      const file = await transfer().exportJourney(ref(ctx));
      ctx.set('Content-Disposition', `attachment; filename="journey-${file.journey.slug}.json"`);
      ctx.body = file;
    },
    importJourney: respond((ctx) => transfer().importJourney(body(journeyFile, ctx))),

    createPhase: respond((ctx) => journeys().createPhase(body(phaseCreate, ctx, writeShape.phaseCreate))),
    updatePhase: respond((ctx) => journeys().updatePhase(id(ctx), body(phaseUpdate, ctx, writeShape.phaseUpdate))),
    deletePhase: respond((ctx) => journeys().deletePhase(id(ctx), deleteOptions(ctx))),

    listPersonas: respond((ctx) => journeys().listPersonas(journeyFilter(ctx))),
    createPersona: respond((ctx) => journeys().createPersona(body(personaCreate, ctx, writeShape.persona))),
    updatePersona: respond((ctx) => journeys().updatePersona(id(ctx), body(personaUpdate, ctx, writeShape.persona))),
    deletePersona: respond((ctx) => journeys().deletePersona(id(ctx), deleteOptions(ctx))),

    listCtas: respond((ctx) => journeys().listCtas(journeyFilter(ctx))),
    createCta: respond((ctx) => journeys().createCta(body(ctaCreate, ctx, writeShape.cta))),
    updateCta: respond((ctx) => journeys().updateCta(id(ctx), body(ctaUpdate, ctx, writeShape.cta))),
    deleteCta: respond((ctx) => journeys().deleteCta(id(ctx))),
  };
};

export default journeysController;
