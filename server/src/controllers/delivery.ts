import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { action } from './respond';

/**
 * Content API (Users & Permissions roles decide who may call it; nothing is public by default). The
 * actions are named `findOne` and `find` so that Strapi's read-only API tokens may call them too.
 */
const service = (strapi: Core.Strapi) => strapi.plugin(PLUGIN_ID).service('delivery');

export const deliveryJourney = ({ strapi }: { strapi: Core.Strapi }) => ({
  findOne: action((ctx) => service(strapi).journey(ctx.params)),
});

export const deliveryContent = ({ strapi }: { strapi: Core.Strapi }) => ({
  find: action((ctx) => service(strapi).content(ctx.query, ctx.state.auth)),
});
