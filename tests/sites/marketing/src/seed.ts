import type { Core } from '@strapi/strapi';
import { ANNOUNCEMENTS, COMPARISON_TABLES, FAQ_ITEMS, GLOBAL, LOCALES, PAGES, TESTIMONIALS, UIDS } from './content';

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

/** Creates `versions` (locale → data) of one localized document, German first, and publishes it. */
async function localized(strapi: Core.Strapi, uid: string, versions: Record<string, Record<string, unknown>>, publish = true) {
  const docs = strapi.documents(uid as any);
  const [first, ...rest] = Object.keys(versions);
  const created = await docs.create({ locale: first, data: versions[first] } as any);
  for (const locale of rest) await docs.update({ documentId: created.documentId, locale, data: versions[locale] } as any);
  if (publish) for (const locale of Object.keys(versions)) await docs.publish({ documentId: created.documentId, locale } as any);
  return created.documentId as string;
}

/** The site's locales (German is made the default by STRAPI_PLUGIN_I18N_INIT_LOCALE_CODE) and content. */
export async function seedMarketingSite(strapi: Core.Strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  for (const code of LOCALES) {
    if (!(await locales.findByCode(code))) await locales.create({ code, name: code });
  }
  await locales.setDefaultLocale({ code: 'de' });

  // The owner lists pages by documentId in the Content Manager (no title field on a page).
  const cm = strapi.plugin('content-manager').service('content-types');
  const config = await cm.findConfiguration({ uid: UIDS.page });
  await cm.updateConfiguration({ uid: UIDS.page }, { settings: { ...config.settings, mainField: 'documentId' }, metadatas: config.metadatas, layouts: config.layouts });

  for (const page of PAGES) {
    const versions = Object.fromEntries(
      Object.entries(page).map(([locale, { path, headline }]) => [
        locale,
        {
          path,
          sections: [
            { __component: 'blocks.hero', headline, subline: `${headline} – ${path}` },
            { __component: 'blocks.rich-text', body: paragraph(`${headline}.`) },
          ],
          seo: { metaTitle: headline, metaDescription: `${headline} page` },
        },
      ])
    );
    await localized(strapi, UIDS.page, versions);
  }
  for (const faq of FAQ_ITEMS) {
    await localized(strapi, UIDS.faqItem, Object.fromEntries(Object.entries(faq).map(([l, v]) => [l, { ...v, answer: paragraph('…') }])));
  }
  for (const t of TESTIMONIALS) await strapi.documents(UIDS.testimonial as any).create({ data: t } as any);
  for (const a of ANNOUNCEMENTS) {
    await localized(strapi, UIDS.announcement, { [a.locale]: { priority: a.priority, body: paragraph('Maintenance window') } }, a.publish);
  }
  for (const table of COMPARISON_TABLES) {
    const created = await strapi.documents(UIDS.comparisonTable as any).create({ data: { label: table.label, internalNotes: 'not for the public', rows: [{ label: 'Seats', url: '/pricing' }] } } as any);
    if (table.publish) await strapi.documents(UIDS.comparisonTable as any).publish({ documentId: created.documentId } as any);
  }
  const globalDoc = await strapi.documents(UIDS.global as any).create({ locale: 'de', data: GLOBAL.de } as any);
  await strapi.documents(UIDS.global as any).update({ documentId: globalDoc.documentId, locale: 'en', data: GLOBAL.en } as any);
}
