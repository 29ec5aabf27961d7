import type { Core } from '@strapi/strapi';
import { subscribeDeleteLifecycles } from './lifecycles';
import { actionDefinitions } from './permissions';
import { persistPluginTables } from './persist-tables';
import { configureContentManager } from './content-manager-config';
import { scheduleDailySnapshot } from './cron';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(actionDefinitions);
  subscribeDeleteLifecycles(strapi);
  await persistPluginTables(strapi);
  await configureContentManager(strapi);
  scheduleDailySnapshot(strapi);
};

export default bootstrap;
