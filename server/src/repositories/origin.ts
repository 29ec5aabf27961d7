import { knexOf, type Queryable } from '../db/queryable';
import { STORE_TABLE } from './settings-store';
import { PLUGIN_ID } from '../pluginId';

/**
 * A plain table (not a content type): `strapi export` / `import` / `transfer` never carry it, so it always
 * describes the database it is in. Its one row holds the origin id this database was stamped with.
 */
export const ORIGIN_TABLE = 'jm_origin';
/** The same id in Strapi's core store, which the data transfer does carry (with the plugin's content types). */
export const ORIGIN_KEY = `plugin_${PLUGIN_ID}_origin`;

export const originRepository = (on: Queryable) => {
  const db = knexOf(on);
  const storeRows = () => db(STORE_TABLE).where({ key: ORIGIN_KEY }).whereNull('environment').whereNull('tag');

  return {
    async ensureTable() {
      if (await db.schema.hasTable(ORIGIN_TABLE)) return;
      await db.schema.createTable(ORIGIN_TABLE, (t) => {
        t.increments('id').primary();
        t.string('origin', 64).notNullable();
      });
    },

    /** The id stamped in this database's own plain table (never moved). */
    async local(): Promise<string | undefined> {
      const row = await db(ORIGIN_TABLE).select('origin').orderBy('id').first();
      return row?.origin;
    },

    /** The id in the core store: the origin of the data, moved along with it. */
    async carried(): Promise<string | undefined> {
      const row = await storeRows().select('value').orderBy('id').first();
      if (!row) return undefined;
      try {
        const value = JSON.parse(row.value);
        return typeof value === 'string' ? value : undefined;
      } catch {
        return undefined;
      }
    },

    /** Stamps both places with `origin` (one row each). */
    async stamp(origin: string) {
      await db(ORIGIN_TABLE).del();
      await db(ORIGIN_TABLE).insert({ origin });
      await storeRows().del();
      await db(STORE_TABLE).insert({ key: ORIGIN_KEY, value: JSON.stringify(origin), type: 'string', environment: null, tag: null });
    },
  };
};
