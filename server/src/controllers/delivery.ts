import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { action } from './respond';

/** Content API (Users & Permissions roles decide who may call it; nothing is public by default). */
const deliveryController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('delivery');
  return {
    journey: action((ctx) => service().journey(ctx.params)),
    content: action((ctx) => service().content(ctx.query, ctx.state.auth)),
  };
};

export default deliveryController;
