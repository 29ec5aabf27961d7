import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';

/** The cron job's name (Strapi lists jobs by it; kept from 0.1.0, when the job was called a cleanup). */
export const EXPIRE_SESSIONS_TASK = 'journey-map-measure-cleanup';

/**
 * Every minute: delete visitor sessions older than the session TTL and expired rate-limit windows.
 * Runs when the site enables cron (`server.cron.enabled`); ingestion also runs it on a small share of
 * requests, so the tables stay small without cron. Several instances running it at once is harmless.
 */
export function registerMeasureCron(strapi: Core.Strapi) {
  strapi.cron.add({
    [EXPIRE_SESSIONS_TASK]: {
      task: async () => {
        try {
          await getService(strapi, 'ingest').expireSessions();
        } catch (error) {
          strapi.log.warn(`[journey-map] session expiry failed: ${(error as Error).message}`);
        }
      },
      options: { rule: '0 * * * * *' },
    },
  });
}
