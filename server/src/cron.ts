import { getService } from './utils/get-service';
import type { Core } from '@strapi/strapi';

export const DAILY_SNAPSHOT_JOB = 'journey-map-daily-snapshot';

/**
 * Registers the daily snapshot with Strapi's cron (it runs when the site enables `cron` in
 * config/server). It fires every hour and does nothing when the setting is off or today's snapshot
 * exists, so an instance that was down at midnight still takes the day's snapshot. Each run also checks
 * every journey's gaps and KPI statuses for the webhooks (services/webhooks).
 *
 * The rules of this file fire every hour, at a fixed minute of the server's local time, and give no
 * time zone on purpose: an hourly rule needs none (the day a snapshot belongs to is the UTC day,
 * computed by the task itself, see snapshots.runDaily), and a `tz` option makes the scheduler load the
 * time-zone data when the job is registered, which cost about 40 ms of every boot.
 */
export function scheduleDailySnapshot(strapi: Core.Strapi) {
  strapi.cron.add({
    [DAILY_SNAPSHOT_JOB]: {
      task: async () => {
        await getService(strapi, 'snapshots').runDaily();
        // Gaps and KPI statuses changed by anything else than tag and KPI value writes (webhooks).
        await getService(strapi, 'webhooks').checkAll();
      },
      options: { rule: '0 7 * * * *' },
    },
  });
}

export const ENTRY_STATES_JOB = 'journey-map-entry-states';

/** Every hour, rebuilds the entry states of types written around Strapi (see services/entry-states). */
export function scheduleEntryStateRepair(strapi: Core.Strapi) {
  strapi.cron.add({
    [ENTRY_STATES_JOB]: {
      task: async () => {
        // A transfer into this running site: rebuild the derived tables from the moved data.
        await getService(strapi, 'origin').check();
        // Rebuilds drifted entry states, then recounts the derived data and fixes what differs.
        await getService(strapi, 'consistency').repair();
      },
      options: { rule: '0 17 * * * *' },
    },
  });
}

export const SUGGESTIONS_JOB = 'journey-map-suggestions';

/** Every hour, builds the tag-suggestion models again (tags written by other instances, content edits). */
export function scheduleSuggestionModels(strapi: Core.Strapi) {
  strapi.cron.add({
    [SUGGESTIONS_JOB]: {
      task: async () => {
        await getService(strapi, 'suggestions').rebuildAll();
      },
      options: { rule: '0 37 * * * *' },
    },
  });
}
