import { forgetVisitorSalt } from './forget-visitor-salt';
import { rebuildDerivedTables } from './rebuild-derived-tables';
import { backfillCellHistory } from './backfill-cell-history';
import type { Migration } from './types';

/**
 * The plugin's data migrations, oldest first. Append a new one at the end with the release that brings
 * it (the version in package.json, bumped with every change to the plugin's tables), never edit or
 * reorder one that has shipped. See docs/upgrading.md.
 *
 * 0.1.0 is the first supported starting point: its databases have no `jm_migrations` ledger, so every
 * migration below runs on them (and on a fresh site, where they find nothing to move).
 */
export const migrations: Migration[] = [
  {
    version: '0.2.0',
    name: 'rebuild-derived-tables',
    // 0.1.0's copies may predate fixes to how they are computed: recompute them from the source.
    up: rebuildDerivedTables,
  },
  {
    version: '0.2.0',
    name: 'forget-visitor-salt',
    // Visitor hashes are keyed outside the database now (docs/security.md): nothing salted may remain.
    up: forgetVisitorSalt,
  },
  {
    version: '0.2.0',
    name: 'backfill-cell-history',
    // The content map's history reads jm_cell_history: fill it from the daily snapshots already taken.
    up: backfillCellHistory,
  },
];

export type { Migration, MigrationContext } from './types';
