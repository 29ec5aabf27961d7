import type { Core } from '@strapi/strapi';
import { articles, caseStudies, faqs, homePage, landingPages, type SeedItem } from './site-content';

const DAY = 24 * 60 * 60 * 1000;

/** The demo is placed relative to the plugin's clock (JOURNEY_MAP_NOW moves it), else the system clock. */
export const seedNow = (strapi: Core.Strapi): Date => strapi.plugin('journey-map')?.service('clock').now() ?? new Date();

/** Make sure the Japanese locale exists next to the default English one. */
export async function ensureLocales(strapi: Core.Strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  if (!(await locales.findByCode('ja'))) {
    await locales.create({ code: 'ja', name: 'Japanese (ja)', isDefault: false });
  }
}

const markdownBody = (item: Record<string, unknown>) =>
  `${item.summary ?? item.headline ?? ''}\n\nThis is demo content of the Journey Map playground.`;

/**
 * Creates one entry (English, plus Japanese when given) unless an entry with its slug exists:
 * the slug makes the seed idempotent, so restarting the site never duplicates content.
 */
async function seedItem(strapi: Core.Strapi, uid: string, item: SeedItem, bodyField: string | null) {
  const documents = strapi.documents(uid as any);
  const existing = await documents.findFirst({ filters: { slug: item.slug }, locale: 'en', status: 'draft' } as any);
  if (existing) return false;

  const withBody = (fields: Record<string, unknown>) =>
    bodyField ? { ...fields, [bodyField]: markdownBody(fields) } : fields;
  const created = await documents.create({ data: { ...withBody(item.fields), slug: item.slug }, locale: 'en' } as any);
  if (item.ja) {
    await documents.update({ documentId: created.documentId, locale: 'ja', data: { ...withBody(item.ja), slug: item.slug } } as any);
  }
  if (!item.draft) {
    await documents.publish({ documentId: created.documentId, locale: '*' } as any);
  }
  // Date every row of the document by the clock (old content backdated) so the audit sees its age.
  const when = new Date(seedNow(strapi).getTime() - (item.ageDays ?? 0) * DAY);
  await strapi.db.query(uid as any).updateMany({
    where: { documentId: created.documentId },
    data: { updatedAt: when, createdAt: when },
  });
  if (!item.draft) {
    await strapi.db.query(uid as any).updateMany({
      where: { documentId: created.documentId, publishedAt: { $notNull: true } },
      data: { publishedAt: when },
    });
  }
  return true;
}

export async function seedSiteContent(strapi: Core.Strapi) {
  await ensureLocales(strapi);
  let created = 0;
  const groups: Array<[string, SeedItem[], string | null]> = [
    ['api::article.article', articles, 'body'],
    ['api::faq.faq', faqs, null],
    ['api::landing-page.landing-page', landingPages, 'body'],
    ['api::case-study.case-study', caseStudies, 'body'],
  ];
  for (const [uid, items, bodyField] of groups) {
    for (const item of items) {
      if (await seedItem(strapi, uid, item, bodyField)) created += 1;
    }
  }

  const home = strapi.documents('api::home-page.home-page' as any);
  if (!(await home.findFirst({ locale: 'en', status: 'draft' } as any))) {
    const doc = await home.create({ data: homePage.fields, locale: 'en' } as any);
    await home.update({ documentId: doc.documentId, locale: 'ja', data: homePage.ja } as any);
    await home.publish({ documentId: doc.documentId, locale: '*' } as any);
    created += 1;
  }
  return created;
}
