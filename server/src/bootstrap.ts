import { getService } from './utils/get-service';
import type { Core } from '@strapi/strapi';
import { subscribeEntryLifecycles } from './lifecycles';
import { actionDefinitions } from './permissions';
import { persistPluginTables } from './persist-tables';
import { eventReceiptsRepository } from './repositories/event-receipts';
import { subscribeModelLifecycles } from './model-lifecycles';
import { scheduleDailySnapshot, scheduleEntryStateRepair, scheduleSuggestionModels } from './cron';
import { registerMeasureCron } from './measure/cron';
import { migrateAtBoot } from './migrations/boot';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(actionDefinitions);
  // The plugin's events in Settings → Webhooks (Strapi's webhook store accepts only registered events).
  getService(strapi, 'webhooks').registerEvents();
  subscribeEntryLifecycles(strapi);
  subscribeModelLifecycles(strapi);
  // Before anything reads the plugin's data: a failed migration stops the boot (nothing of it is kept).
  await migrateAtBoot(strapi);
  // The coverage counts' tables and triggers (recounted when the triggers were missing or changed).
  await getService(strapi, 'cellCounts').ensure();
  // Data moved in by `strapi import` / `transfer`: derived tables are rebuilt from it (services/origin).
  await getService(strapi, 'origin').check();
  // The ids of received events (a retried batch counts once), a plain table like jm_origin.
  await eventReceiptsRepository(strapi.db).ensureTable();
  await persistPluginTables(strapi);
  // Tags left pointing at a deleted journey, phase, persona or CTA (older versions, raw SQL) go at boot.
  await getService(strapi, 'tagIntegrity').repair();
  scheduleDailySnapshot(strapi);
  scheduleEntryStateRepair(strapi);
  registerMeasureCron(strapi);
  scheduleSuggestionModels(strapi);
  // The tag-suggestion models are built in the background once the site is up (never during a request).
  getService(strapi, 'suggestions').buildAfterBoot();
};

export default bootstrap;
