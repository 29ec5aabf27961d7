import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';

const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('settings');
  return {
    async get(ctx) {
      ctx.body = { data: await service().get() };
    },
    async update(ctx) {
      ctx.body = { data: await service().update(ctx.request.body) };
    },
  };
};

export default settingsController;
