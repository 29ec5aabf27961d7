import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './pluginId';

export const DAILY_SNAPSHOT_JOB = 'journey-map-daily-snapshot';

/**
 * Registers the daily snapshot with Strapi's cron (it runs when the site enables `cron` in
 * config/server). It fires every hour and does nothing when the setting is off or today's snapshot
 * exists, so an instance that was down at midnight still takes the day's snapshot.
 */
export function scheduleDailySnapshot(strapi: Core.Strapi) {
  strapi.cron.add({
    [DAILY_SNAPSHOT_JOB]: {
      task: async () => {
        await strapi.plugin(PLUGIN_ID).service('snapshots').runDaily();
      },
      options: { rule: '0 7 * * * *', tz: 'Etc/UTC' },
    },
  });
}

export const ENTRY_STATES_JOB = 'journey-map-entry-states';

/** Every hour, rebuilds the entry states of types written around Strapi (see services/entry-states). */
export function scheduleEntryStateRepair(strapi: Core.Strapi) {
  strapi.cron.add({
    [ENTRY_STATES_JOB]: {
      task: async () => {
        await strapi.plugin(PLUGIN_ID).service('entryStates').repair();
      },
      options: { rule: '0 17 * * * *', tz: 'Etc/UTC' },
    },
  });
}
