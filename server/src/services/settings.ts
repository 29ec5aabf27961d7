import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { parse } from '../validation/parse';
import { defaultSettings, publicSettings, settingsSchema, settingsUpdateSchema, type Settings } from '../validation/settings';
import { ValidationError } from '../utils/errors';

/**
 * Settings live in the plugin store (a database row), never in process memory, so a change made on one
 * Strapi instance is seen by every instance sharing the database and needs no restart.
 */
const settingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });

  return {
    async get(): Promise<Settings> {
      const stored = (await store().get({})) as Partial<Settings> | null;
      const merged = { ...defaultSettings, ...(stored ?? {}) };
      const result = settingsSchema.safeParse(merged);
      return result.success ? result.data : defaultSettings;
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
      await store().set({ value: next });
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
