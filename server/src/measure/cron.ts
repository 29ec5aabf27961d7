import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';

export const CLEANUP_TASK = 'journey-map-measure-cleanup';

/**
 * Every minute: delete visitor sessions older than the session TTL and expired rate-limit windows.
 * Runs when the site enables cron (`server.cron.enabled`); ingestion also runs it on a small share of
 * requests, so the tables stay small without cron. Several instances running it at once is harmless.
 */
export function registerMeasureCron(strapi: Core.Strapi) {
  strapi.cron.add({
    [CLEANUP_TASK]: {
      task: async () => {
        try {
          await strapi.plugin(PLUGIN_ID).service('ingest').cleanup();
        } catch (error) {
          strapi.log.warn(`[journey-map] session cleanup failed: ${(error as Error).message}`);
        }
      },
      options: { rule: '0 * * * * *' },
    },
  });
}
