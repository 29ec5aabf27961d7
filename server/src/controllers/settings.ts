import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { action } from './respond';

const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('settings');
  return {
    get: action(() => service().getPublic()),
    update: action(async (ctx) => {
      await service().update(ctx.request.body);
      return service().getPublic();
    }),
  };
};

export default settingsController;
