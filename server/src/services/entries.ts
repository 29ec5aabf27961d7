import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { NotFoundError, ValidationError } from '../utils/errors';

/**
 * Reads the site's own entries straight from their tables (documentId, locale, publishedAt, updatedAt are
 * columns every Strapi 5 content type has), so checks over many entries stay single queries.
 */
const entriesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  table(uid: string): string {
    return strapi.db.metadata.get(uid as any).tableName;
  },

  isLocalized(uid: string): boolean {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;
    return Boolean(ct?.pluginOptions?.i18n?.localized);
  },

  hasDraftAndPublish(uid: string): boolean {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;
    return Boolean(ct?.options?.draftAndPublish);
  },

  /** The locale a tag is stored under: '' for types without i18n, else the given or default locale. */
  async tagLocale(uid: string, locale: string | undefined): Promise<string> {
    if (!this.isLocalized(uid)) return '';
    if (locale) {
      const known = await strapi.plugin('i18n').service('locales').findByCode(locale);
      if (!known) throw new ValidationError(`query.locale: "${locale}" is not a locale of this site`);
      return locale;
    }
    return strapi.plugin('i18n').service('locales').getDefaultLocale();
  },

  /** Checks the type is trackable and tracked; the error names the field the UID came from. */
  async assertTracked(uid: string, field: string) {
    const plugin = strapi.plugin(PLUGIN_ID);
    if (!plugin.service('contentTypes').isTrackable(uid)) {
      throw new ValidationError(`${field}: "${uid}" is not a content type of this site`);
    }
    const tracked: string[] = await plugin.service('settings').trackedUids();
    if (!tracked.includes(uid)) {
      throw new ValidationError(`${field}: "${uid}" is not tracked by Journey Map (enable it in the settings)`);
    }
  },

  /** The documentIds among `ids` that exist in that locale ('' = type without i18n). */
  async existing(uid: string, ids: string[], tagLocale: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const q = strapi.db.connection(this.table(uid)).distinct('document_id').whereIn('document_id', ids);
    if (tagLocale) q.andWhere('locale', tagLocale);
    const rows = await q;
    return new Set(rows.map((r: any) => r.document_id));
  },

  async assertExist(uid: string, ids: string[], tagLocale: string) {
    const found = await this.existing(uid, ids, tagLocale);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      const where = tagLocale ? ` in locale ${tagLocale}` : '';
      throw new NotFoundError(`${uid} has no entry ${missing.slice(0, 10).join(', ')}${where}`, { missing });
    }
  },
});

export default entriesService;
