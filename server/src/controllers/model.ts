import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { idParams, journeyRefParams, listQuery } from '../validation/model';
import { parse } from '../validation/parse';
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
    createJourney: action((ctx) => model().createJourney(ctx.request.body)),
    updateJourney: action((ctx) => model().updateJourney(id(ctx), ctx.request.body)),
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

    createPhase: action((ctx) => model().createPhase(ctx.request.body)),
    updatePhase: action((ctx) => model().updatePhase(id(ctx), ctx.request.body)),
    deletePhase: action((ctx) => model().deletePhase(id(ctx), ctx.query)),

    listPersonas: action((ctx) => model().listPersonas(journeyFilter(ctx))),
    createPersona: action((ctx) => model().createPersona(ctx.request.body)),
    updatePersona: action((ctx) => model().updatePersona(id(ctx), ctx.request.body)),
    deletePersona: action((ctx) => model().deletePersona(id(ctx), ctx.query)),

    listCtas: action((ctx) => model().listCtas(journeyFilter(ctx))),
    createCta: action((ctx) => model().createCta(ctx.request.body)),
    updateCta: action((ctx) => model().updateCta(id(ctx), ctx.request.body)),
    deleteCta: action((ctx) => model().deleteCta(id(ctx))),
  };
};

export default modelController;
