import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import { PLUGIN_ID } from '../pluginId';
import { parse } from '../validation/parse';
import { defaultSettings, publicSettings, settingsSchema, settingsUpdateSchema, type Settings } from '../validation/settings';
import { ConflictError, ValidationError } from '../utils/errors';

/** How long a read of the settings is reused (event ingestion reads them on every request). */
export const SETTINGS_CACHE_MS = 5_000;

/** The core store's table and the settings' key in it (where `strapi.store` keeps them, same format). */
const STORE_TABLE = 'strapi_core_store_settings';
const STORE_KEY = `plugin_${PLUGIN_ID}_settings`;
/** Compare-and-swap tries before giving up (each failure means another write landed in between). */
const CAS_ATTEMPTS = 20;

const versionSchema = z.number().int().min(0).max(2_147_483_647);

interface Versioned {
  settings: Settings;
  /** Incremented by every write; GET returns it and a PUT may send it back (optimistic concurrency). */
  version: number;
}

const decode = (value: string | null | undefined): Versioned => {
  let stored: Record<string, unknown> = {};
  try {
    stored = value ? (JSON.parse(value) ?? {}) : {};
  } catch {
    stored = {};
  }
  const { version, ...fields } = stored;
  const result = settingsSchema.safeParse({ ...defaultSettings, ...fields });
  return { settings: result.success ? result.data : defaultSettings, version: typeof version === 'number' ? version : 0 };
};

/**
 * Settings live in the plugin store (a row of the core store table). A read is reused for at most
 * SETTINGS_CACHE_MS and dropped at once when this instance saves, so a change made on one Strapi
 * instance is seen by every instance sharing the database within a few seconds, with no restart.
 *
 * A write never starts from the cache: it reads the row, applies only the fields the request sends and
 * stores the result with `UPDATE … WHERE value = <what it read>` (compare-and-swap). When another
 * instance or request wrote in between, nothing is updated and the write starts again from a fresh
 * read, so two requests changing different fields both land, whatever the database's isolation level.
 * Two writes of the same field: the later one wins, unless it sent the `version` it read, in which case
 * it gets a 409 once anything changed since (the Settings page sends it; see docs/reliability.md).
 */
const settingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = (): Knex => strapi.db.connection;
  let cache: { at: number; value: Promise<Versioned> } | null = null;

  const rows = () => db()(STORE_TABLE).where({ key: STORE_KEY }).whereNull('environment').whereNull('tag');
  /** The settings row: the oldest one if a race of two first writes ever created two. */
  const readRow = async (): Promise<{ id: number; value: string } | undefined> => rows().clone().select('id', 'value').orderBy('id').first();

  // Through strapi.db.transaction, which joins the transaction the caller may be in (a migration, a
  // lifecycle): SQLite has one connection, and a read on another would wait for it forever.
  const read = async (): Promise<Versioned> =>
    decode((await strapi.db.transaction(({ trx }) => trx(STORE_TABLE).where({ key: STORE_KEY }).whereNull('environment').whereNull('tag').select('id', 'value').orderBy('id').first()))?.value);

  const cached = (): Promise<Versioned> => {
    const now = Date.now();
    if (!cache || now - cache.at > SETTINGS_CACHE_MS) {
      const entry = { at: now, value: read() };
      cache = entry;
      entry.value.catch(() => {
        if (cache === entry) cache = null;
      });
    }
    return cache.value;
  };

  /** Stores `value` if the row still holds `expected` (or creates the row); false when another write won. */
  async function swap(row: { id: number; value: string } | undefined, value: string): Promise<boolean> {
    if (row) return (await db()(STORE_TABLE).where({ id: row.id, value: row.value }).update({ value })) === 1;
    await db()(STORE_TABLE).insert({ key: STORE_KEY, value, type: 'object', environment: null, tag: null });
    // Two first writes may both insert: the oldest row is the settings, a younger one is removed and its
    // writer starts again (the core store has no unique index on the key).
    const all = await rows().clone().select('id', 'value').orderBy('id');
    const mine = all.filter((r: any) => r.value === value).map((r: any) => r.id);
    if (all.length === 1 || all[0].value === value) return true;
    await db()(STORE_TABLE).whereIn('id', all.slice(1).map((r: any) => r.id).filter((id: number) => mine.includes(id))).del();
    return false;
  }

  return {
    /** The settings, read from the store at most every SETTINGS_CACHE_MS (a copy: callers may change it). */
    async get(): Promise<Settings> {
      const { settings } = await cached();
      return { ...settings, trackedContentTypes: [...settings.trackedContentTypes] };
    },

    /** Forgets the cached read (after a save, or when a test changes the store behind the service's back). */
    clearCache() {
      cache = null;
    },

    /** The settings as the admin API shows them (never the ingestion key itself), with their version. */
    async getPublic() {
      const { settings, version } = await cached();
      return { ...publicSettings(settings), version };
    },

    /**
     * PUT: changes exactly the fields the body sends (validated together with the stored others). With
     * `version`, refuses with a 409 when the settings changed since that version was read.
     */
    async update(body: unknown): Promise<Settings> {
      const input = body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : body;
      let expected: number | undefined;
      if (input && typeof input === 'object') {
        // `ingestionKeySet` is read-only: a form that sends back what GET returned may include it.
        delete (input as Record<string, unknown>).ingestionKeySet;
        if ('version' in input) {
          expected = parse(versionSchema, (input as Record<string, unknown>).version, 'body.version');
          delete (input as Record<string, unknown>).version;
        }
      }
      const patch = parse(settingsUpdateSchema, input, 'body');
      if (patch.trackedContentTypes) {
        const trackable = new Set(strapi.plugin(PLUGIN_ID).service('contentTypes').trackableUids() as string[]);
        patch.trackedContentTypes.forEach((uid, i) => {
          if (!trackable.has(uid)) throw new ValidationError(`body.trackedContentTypes.${i}: "${uid}" is not a trackable content type`);
        });
        patch.trackedContentTypes = [...new Set(patch.trackedContentTypes)].sort();
      }
      try {
        for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt += 1) {
          const row = await readRow();
          const current = decode(row?.value);
          if (expected !== undefined && expected !== current.version) {
            throw new ConflictError('someone changed these settings since you opened them; reload to see their changes', { version: current.version });
          }
          const next = parse(settingsSchema, { ...current.settings, ...patch }, 'body');
          if (await swap(row, JSON.stringify({ ...next, version: current.version + 1 }))) return next;
        }
        throw new ConflictError('the settings are being changed by many requests at once; try again');
      } finally {
        cache = null;
      }
    },

    /** Tracked types that still exist (a type deleted from the site is ignored, its tags kept). */
    async trackedUids(): Promise<string[]> {
      const { trackedContentTypes } = await this.get();
      return trackedContentTypes.filter((uid) => Boolean(strapi.contentTypes[uid as keyof typeof strapi.contentTypes]));
    },
  };
};

export default settingsService;
