import { RATE_TABLE } from '../repositories/rate-windows';
import { SESSIONS_TABLE } from '../repositories/visitor-sessions';
import type { MigrationContext } from './types';

/**
 * 0.1.0 hashed visitor sessions and client addresses with a salt kept in the plugin store, so a dump of
 * the database could be searched for them. 0.2.0 keys the hashes with a secret outside the database: the
 * salt goes, and so do the rows hashed with it (sessions and rate-limit windows only live for minutes;
 * the aggregated counters hold no visitor data and stay).
 */
export async function forgetVisitorSalt({ db, log }: MigrationContext) {
  const salt = await db('strapi_core_store_settings').where({ key: 'plugin_journey-map_secret' }).del();
  const sessions = await db(SESSIONS_TABLE).del();
  const windows = await db(RATE_TABLE).del();
  log(`[journey-map] removed the stored visitor salt (${salt} row), ${sessions} salted sessions and ${windows} rate-limit windows`);
}
