import type { Core } from '@strapi/strapi';
import { migrations } from '../migrations';
import { migrateAtBoot } from '../migrations/boot';
import { migrationKey } from '../migrations/types';
import { newestVersion } from '../migrations/versions';
import { migrationsLedger } from '../repositories/migrations';

/** The data migrations as an operator (or the benchmark) sees them; boot runs them by itself. */
const migrationsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The data version this code writes, the one the database holds, and the migrations still pending. */
  async status() {
    const ledger = migrationsLedger(strapi.db);
    const rows = (await ledger.exists()) ? await ledger.all() : [];
    const done = new Set(rows.filter((r) => r.status === 'done').map((r) => r.migration));
    return {
      codeDataVersion: newestVersion(migrations.map((m) => m.version)),
      storedDataVersion: newestVersion(rows.map((r) => r.version)),
      applied: rows,
      pending: migrations.map(migrationKey).filter((key) => !done.has(key)),
    };
  },

  /** Runs the pending migrations now, the way boot does (claims included). */
  run: () => migrateAtBoot(strapi),
});

export default migrationsService;
