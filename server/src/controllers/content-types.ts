import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';

const contentTypesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx) {
    ctx.body = { data: await strapi.plugin(PLUGIN_ID).service('contentTypes').list() };
  },
});

export default contentTypesController;
