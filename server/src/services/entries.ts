import { getService } from '../utils/get-service';
import type { Core, UID } from '@strapi/strapi';
import { siteEntriesRepository } from '../repositories/site-entries';
import { NotFoundError, ValidationError } from '../utils/errors';

/** What the plugin reads of a content type's schema. */
interface TypeOptions {
  pluginOptions?: { i18n?: { localized?: boolean } };
  options?: { draftAndPublish?: boolean };
}

/** The site's entries as the plugin keys them: their tables, whether they are localized, which exist. */
const entriesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const schema = (uid: string): TypeOptions | undefined => strapi.contentTypes[uid as UID.ContentType];
  const i18nLocales = () => strapi.plugin('i18n').service('locales') as { findByCode(code: string): Promise<unknown>; getDefaultLocale(): Promise<string> };

  /**
   * The site's answer for a locale code (known or not; '' asks for the default locale), asked once per
   * request: a tag write looks the locale up for its permission check, its write and its answer.
   */
  const lookups = new WeakMap<object, Map<string, Promise<unknown>>>();
  const lookUp = (code: string): Promise<unknown> => {
    const ask = () => (code ? i18nLocales().findByCode(code) : i18nLocales().getDefaultLocale());
    const request: object | undefined = strapi.requestContext.get();
    if (!request) return ask();
    const mine = lookups.get(request) ?? new Map<string, Promise<unknown>>();
    lookups.set(request, mine);
    let answer = mine.get(code);
    if (!answer) {
      answer = ask();
      mine.set(code, answer);
      // a failed lookup is asked again
      answer.catch(() => mine.delete(code));
    }
    return answer;
  };

  return {
    isContentType(uid: string): boolean {
      return Boolean(schema(uid));
    },

    table(uid: string): string {
      return strapi.db.metadata.get(uid as UID.ContentType).tableName;
    },

    isLocalized(uid: string): boolean {
      return Boolean(schema(uid)?.pluginOptions?.i18n?.localized);
    },

    hasDraftAndPublish(uid: string): boolean {
      return Boolean(schema(uid)?.options?.draftAndPublish);
    },

    /** The locale a tag is stored under: '' for types without i18n, else the given or default locale. */
    async tagLocale(uid: string, locale: string | undefined): Promise<string> {
      if (!this.isLocalized(uid)) return '';
      if (locale) {
        const known = await lookUp(locale);
        if (!known) throw new ValidationError(`query.locale: "${locale}" is not a locale of this site`);
        return locale;
      }
      return (await lookUp('')) as string;
    },

    /** Checks the type is trackable and tracked; the error names the field the UID came from. */
    async assertTracked(uid: string, field: string) {
      if (!getService(strapi, 'contentTypes').isTrackable(uid)) {
        throw new ValidationError(`${field}: "${uid}" is not a content type of this site`);
      }
      const tracked: string[] = await getService(strapi, 'settings').trackedUids();
      if (!tracked.includes(uid)) {
        throw new ValidationError(`${field}: "${uid}" is not tracked by Journey Map (enable it in the settings)`);
      }
    },

    /** The documentIds among `ids` that exist in that locale ('' = type without i18n). */
    existing(uid: string, ids: string[], tagLocale: string): Promise<Set<string>> {
      return siteEntriesRepository(strapi.db).existing(this.table(uid), ids, tagLocale);
    },

    async assertExist(uid: string, ids: string[], tagLocale: string) {
      const found = await this.existing(uid, ids, tagLocale);
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) {
        const where = tagLocale ? ` in locale ${tagLocale}` : '';
        throw new NotFoundError(`${uid} has no entry ${missing.slice(0, 10).join(', ')}${where}`, { missing });
      }
    },
  };
};

export default entriesService;
