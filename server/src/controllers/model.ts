import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { idParams, journeyRefParams, listQuery } from '../validation/model';
import { parse } from '../validation/parse';
import { writeShape } from '../validation/read-shape';
import { action } from './respond';

/** CRUD for journeys, phases, personas and CTAs (the `manage` action; reads need `read`). */
const modelController = ({ strapi }: { strapi: Core.Strapi }) => {
  const model = () => strapi.plugin(PLUGIN_ID).service('model');
  const transfer = () => strapi.plugin(PLUGIN_ID).service('transfer');
  const id = (ctx: any) => parse(idParams, ctx.params, 'params').id;
  const journeyFilter = (ctx: any) => parse(listQuery, ctx.query, 'query').journey;

  return {
    listJourneys: action(() => model().listJourneys()),
    getJourney: action((ctx) => model().getJourney(parse(journeyRefParams, ctx.params, 'params').id)),
    createJourney: action((ctx) => model().createJourney(writeShape.journey(ctx.request.body))),
    updateJourney: action((ctx) => model().updateJourney(id(ctx), writeShape.journey(ctx.request.body))),
    deleteJourney: action((ctx) => model().deleteJourney(id(ctx), ctx.query)),
    listPresets: action(async () => model().listPresets()),
    createFromPreset: action((ctx) => model().createFromPreset(ctx.request.body)),
    reorderPhases: action((ctx) => model().reorderPhases(id(ctx), ctx.request.body)),
    exportJourney: async (ctx: any) => {
      const file = await transfer().exportJourney(parse(journeyRefParams, ctx.params, 'params').id);
      ctx.set('Content-Disposition', `attachment; filename="journey-${file.journey.slug}.json"`);
      ctx.body = file;
    },
    importJourney: action((ctx) => transfer().importJourney(ctx.request.body)),

    createPhase: action((ctx) => model().createPhase(writeShape.phaseCreate(ctx.request.body))),
    updatePhase: action((ctx) => model().updatePhase(id(ctx), writeShape.phaseUpdate(ctx.request.body))),
    deletePhase: action((ctx) => model().deletePhase(id(ctx), ctx.query)),

    listPersonas: action((ctx) => model().listPersonas(journeyFilter(ctx))),
    createPersona: action((ctx) => model().createPersona(writeShape.persona(ctx.request.body))),
    updatePersona: action((ctx) => model().updatePersona(id(ctx), writeShape.persona(ctx.request.body))),
    deletePersona: action((ctx) => model().deletePersona(id(ctx), ctx.query)),

    listCtas: action((ctx) => model().listCtas(journeyFilter(ctx))),
    createCta: action((ctx) => model().createCta(writeShape.cta(ctx.request.body))),
    updateCta: action((ctx) => model().updateCta(id(ctx), writeShape.cta(ctx.request.body))),
    deleteCta: action((ctx) => model().deleteCta(id(ctx))),
  };
};

export default modelController;
