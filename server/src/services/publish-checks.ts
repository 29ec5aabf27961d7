import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { ValidationError } from '../utils/errors';
import { locksRepository, type Dialect } from '../repositories/locks';
import { siteEntriesRepository } from '../repositories/site-entries';
import { tagsRepository, type EntryKey } from '../repositories/tags';
import type { PublishCheck } from '../../../shared/contracts/content-types';

/** The `locale` a document-service call names: one code, several, every locale ('*') or the default. */
export type LocaleParam = string | string[] | undefined;

/**
 * Publish checks (Settings → Content types): per type with draft & publish, publishing an entry that has
 * no phase tag in a locale it publishes is let through ('off'), warned about in the Journey panel
 * ('warn'), or refused ('require'). The document-service middleware (lifecycles.ts) calls `guard` for
 * every publish — the Content Manager's publish and bulk publish, `strapi.documents().publish()`, and a
 * create or update with `status: 'published'` — so no path around it exists inside Strapi.
 */
const publishChecksService = ({ strapi }: { strapi: Core.Strapi }) => {
  const entries = () => getService(strapi, 'entries');
  const dialect = () => strapi.db.dialect.client as Dialect;

  /** The locales a publish of `documentId` publishes ('' for a type without i18n). */
  async function publishedLocales(uid: string, documentId: string, locale: LocaleParam): Promise<string[]> {
    if (!entries().isLocalized(uid)) return [''];
    if (locale === '*') return siteEntriesRepository(strapi.db).draftLocales(entries().table(uid), documentId, true);
    if (Array.isArray(locale)) return [...new Set(locale)].sort();
    return [await entries().tagLocale(uid, locale)];
  }

  const refusal = (uid: string, locales: string[]) => {
    const name = strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.info?.displayName ?? uid;
    const where = locales.filter(Boolean).length ? ` in ${locales.join(', ')}` : '';
    return new ValidationError(
      `Journey Map: this ${name} has no journey phase${where} yet, and this site requires one before publishing. ` +
        'Tag it with a phase in the Journey panel of the edit view, then publish again.',
      { publishCheck: 'require', contentType: uid, locales }
    );
  };

  return {
    /** The check set for a type ('off' when none, or when the type has no draft & publish). */
    async modeOf(uid: string): Promise<PublishCheck> {
      if (!entries().isContentType(uid) || !entries().hasDraftAndPublish(uid)) return 'off';
      return (await getService(strapi, 'settings').get()).publishChecks?.[uid] ?? 'off';
    },

    /**
     * Runs `publish` when the type does not require a phase tag, or when the document has one in every
     * locale it publishes; else throws a 400 that says what to do. The entries' lock rows (the ones tag
     * writes take first) are held until the publish commits, so a tag removed concurrently is removed
     * either before the check (the publish is refused) or after the publish.
     */
    async guard<T>(uid: string, documentId: string | undefined, locale: LocaleParam, publish: () => T): Promise<Awaited<T>> {
      if ((await this.modeOf(uid)) !== 'require') return await publish();
      // A new document (create with status 'published') has no tags yet.
      if (!documentId) throw refusal(uid, Array.isArray(locale) ? locale : locale && locale !== '*' ? [locale] : []);
      const locales = await publishedLocales(uid, documentId, locale);
      if (!locales.length) return await publish(); // nothing to publish: Strapi answers as it does
      const keys: EntryKey[] = locales.map((entryLocale) => ({ contentType: uid, entryDocumentId: documentId, entryLocale }));
      const rowLocks = dialect() !== 'sqlite';
      // Lock rows are created outside any transaction (see locksRepository.ensureEntries); SQLite has one
      // writer and no row locks, and its single connection may be held by a caller's transaction.
      if (rowLocks) await locksRepository(strapi.db, dialect()).ensureEntries(keys);
      return strapi.db.transaction(async ({ trx }): Promise<Awaited<T>> => {
        await locksRepository(trx, dialect()).lockEntries(keys);
        const tagged = await tagsRepository(trx).taggedLocales(uid, documentId, locales, rowLocks);
        const missing = locales.filter((l) => !tagged.has(l));
        if (missing.length) throw refusal(uid, missing);
        return await publish();
      });
    },
  };
};

export default publishChecksService;
