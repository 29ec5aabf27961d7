import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { migrations } from './index';
import { refuseDowngrade, runBeforeSync, runMigrations } from './runner';
import type { Dialect, MigrationContext } from './types';

const contextFor = (strapi: Core.Strapi) => (db: Knex | Knex.Transaction): MigrationContext => ({
  strapi,
  db,
  dialect: strapi.db.dialect.client as Dialect,
  log: (message) => strapi.log.info(message),
});

/**
 * Register phase: before Strapi syncs the tables to the content types, refuse data of a newer release
 * (the sync would drop its columns) and run the pending migrations' `beforeSync` steps.
 */
export function registerMigrationChecks(strapi: Core.Strapi) {
  strapi.hook('strapi::content-types.beforeSync').register(async () => {
    const db = strapi.db.connection;
    await refuseDowngrade(db, migrations, strapi.log);
    await runBeforeSync({ db, migrations, context: contextFor(strapi), log: strapi.log });
  });
}

/** Bootstrap phase: runs the pending migrations once (see runner.ts for how instances share the work). */
export async function migrateAtBoot(strapi: Core.Strapi) {
  return runMigrations({
    db: strapi.db.connection,
    transaction: (fn) => strapi.db.transaction(({ trx }) => fn(trx)) as ReturnType<typeof fn>,
    migrations,
    context: contextFor(strapi),
    now: () => getService(strapi, 'clock').now(),
    log: strapi.log,
  });
}
