import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { parse } from '../validation/parse';
import { defaultSettings, publicSettings, settingsSchema, settingsUpdateSchema, type Settings } from '../validation/settings';
import { ValidationError } from '../utils/errors';

/** How long a read of the settings is reused (event ingestion reads them on every request). */
export const SETTINGS_CACHE_MS = 5_000;

/**
 * Settings live in the plugin store (a database row). A read is reused for at most SETTINGS_CACHE_MS and
 * dropped at once when this instance saves, so a change made on one Strapi instance is seen by every
 * instance sharing the database within a few seconds, with no restart.
 */
const settingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });
  let cache: { at: number; value: Promise<Settings> } | null = null;

  const read = async (): Promise<Settings> => {
    const stored = (await store().get({})) as Partial<Settings> | null;
    const merged = { ...defaultSettings, ...(stored ?? {}) };
    const result = settingsSchema.safeParse(merged);
    return result.success ? result.data : defaultSettings;
  };

  return {
    /** The settings, read from the store at most every SETTINGS_CACHE_MS (a copy: callers may change it). */
    async get(): Promise<Settings> {
      const now = Date.now();
      if (!cache || now - cache.at > SETTINGS_CACHE_MS) {
        const entry = { at: now, value: read() };
        cache = entry;
        entry.value.catch(() => {
          if (cache === entry) cache = null;
        });
      }
      const value = await cache.value;
      return { ...value, trackedContentTypes: [...value.trackedContentTypes] };
    },

    /** Forgets the cached read (after a save, or when a test changes the store behind the service's back). */
    clearCache() {
      cache = null;
    },

    /** The settings as the admin API shows them (never the ingestion key itself). */
    async getPublic() {
      return publicSettings(await this.get());
    },

    async update(body: unknown): Promise<Settings> {
      // `ingestionKeySet` is read-only: a form that sends back what GET returned may include it.
      const { ingestionKeySet: _readOnly, ...input } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      const patch = parse(settingsUpdateSchema, body && typeof body === 'object' ? input : body, 'body');
      const next = parse(settingsSchema, { ...(await this.get()), ...patch }, 'body');
      const trackable = new Set(
        strapi.plugin(PLUGIN_ID).service('contentTypes').trackableUids() as string[]
      );
      next.trackedContentTypes.forEach((uid, i) => {
        if (!trackable.has(uid)) {
          throw new ValidationError(`body.trackedContentTypes.${i}: "${uid}" is not a trackable content type`);
        }
      });
      next.trackedContentTypes = [...new Set(next.trackedContentTypes)].sort();
      cache = null;
      await store().set({ value: next });
      cache = null;
      return next;
    },

    /** Tracked types that still exist (a type deleted from the site is ignored, its tags kept). */
    async trackedUids(): Promise<string[]> {
      const { trackedContentTypes } = await this.get();
      return trackedContentTypes.filter((uid) => Boolean(strapi.contentTypes[uid as keyof typeof strapi.contentTypes]));
    },
  };
};

export default settingsService;
