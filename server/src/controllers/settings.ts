import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { action } from './respond';

const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('settings');
  return {
    get: action(() => service().get()),
    update: action((ctx) => service().update(ctx.request.body)),
  };
};

export default settingsController;
