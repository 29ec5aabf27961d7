import type { Core } from '@strapi/strapi';
import { subscribeEntryLifecycles } from './lifecycles';
import { actionDefinitions } from './permissions';
import { persistPluginTables } from './persist-tables';
import { configureContentManager } from './content-manager-config';
import { scheduleDailySnapshot, scheduleEntryStateRepair } from './cron';
import { registerMeasureCron } from './measure/cron';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(actionDefinitions);
  subscribeEntryLifecycles(strapi);
  await persistPluginTables(strapi);
  await configureContentManager(strapi);
  scheduleDailySnapshot(strapi);
  scheduleEntryStateRepair(strapi);
  registerMeasureCron(strapi);
};

export default bootstrap;
