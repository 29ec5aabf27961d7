import { PLUGIN_ID } from '../pluginId';
import { knexOf, type Queryable } from '../db/queryable';

/** Strapi's core store table, where `strapi.store` keeps the plugin's settings (one row, JSON text). */
export const STORE_TABLE = 'strapi_core_store_settings';
/** The settings' key in it (the key `strapi.store({ type: 'plugin', name })` uses: same row, same format). */
export const SETTINGS_KEY = `plugin_${PLUGIN_ID}_settings`;

/** The settings row as stored: its id and its JSON text. */
export interface StoredRow {
  id: number;
  value: string;
}

/**
 * The plugin settings' row of the core store, written by compare-and-swap (services/settings.ts says why).
 * The core store has no unique index on the key, so two first writes may both insert a row: the oldest
 * row is the settings.
 */
export const settingsStore = (on: Queryable) => {
  const db = knexOf(on);
  const rows = () => db(STORE_TABLE).where({ key: SETTINGS_KEY }).whereNull('environment').whereNull('tag');

  return {
    /** The settings row: the oldest one if a race of two first writes ever created two. */
    async row(): Promise<StoredRow | undefined> {
      return rows().select('id', 'value').orderBy('id').first();
    },

    /** Stores `value` if the row still holds what was read (or creates the row); false when another write won. */
    async swap(row: StoredRow | undefined, value: string): Promise<boolean> {
      if (row) return (await db(STORE_TABLE).where({ id: row.id, value: row.value }).update({ value })) === 1;
      await db(STORE_TABLE).insert({ key: SETTINGS_KEY, value, type: 'object', environment: null, tag: null });
      // Two first writes may both insert: the oldest row is the settings, a younger one is removed and its
      // writer starts again.
      const all: StoredRow[] = await rows().select('id', 'value').orderBy('id');
      const mine = all.filter((r) => r.value === value).map((r) => r.id);
      if (all.length === 1 || all[0].value === value) return true;
      await db(STORE_TABLE).whereIn('id', all.slice(1).map((r) => r.id).filter((id) => mine.includes(id))).del();
      return false;
    },
  };
};
