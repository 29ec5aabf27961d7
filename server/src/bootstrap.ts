import type { Core } from '@strapi/strapi';
import { subscribeDeleteLifecycles } from './lifecycles';
import { actionDefinitions } from './permissions';
import { persistPluginTables } from './persist-tables';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(actionDefinitions);
  subscribeDeleteLifecycles(strapi);
  await persistPluginTables(strapi);
};

export default bootstrap;
