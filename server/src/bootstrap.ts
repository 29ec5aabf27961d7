import type { Core } from '@strapi/strapi';
import { subscribeEntryLifecycles } from './lifecycles';
import { actionDefinitions } from './permissions';
import { persistPluginTables } from './persist-tables';
import { configureContentManager } from './content-manager-config';
import { scheduleDailySnapshot, scheduleEntryStateRepair } from './cron';
import { registerMeasureCron } from './measure/cron';
import { migrateAtBoot } from './migrations/boot';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(actionDefinitions);
  subscribeEntryLifecycles(strapi);
  // Before anything reads the plugin's data: a failed migration stops the boot (nothing of it is kept).
  await migrateAtBoot(strapi);
  // Independent of each other: one reads the table list and the core store, the other the Content
  // Manager's configuration.
  await Promise.all([persistPluginTables(strapi), configureContentManager(strapi)]);
  scheduleDailySnapshot(strapi);
  scheduleEntryStateRepair(strapi);
  registerMeasureCron(strapi);
};

export default bootstrap;
