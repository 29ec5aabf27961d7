/**
 * The site's content, written before the plugin is installed. Localized documents list their versions by
 * locale; German is the default locale, and not every document exists in every locale.
 */
export const LOCALES = ['de', 'en', 'fr'] as const;

export const PAGES: Array<Record<string, { path: string; headline: string }>> = [
  { de: { path: '/preise', headline: 'Preise' }, en: { path: '/pricing', headline: 'Pricing' }, fr: { path: '/tarifs', headline: 'Tarifs' } },
  { de: { path: '/kontakt', headline: 'Kontakt' }, en: { path: '/contact', headline: 'Contact' }, fr: { path: '/contact', headline: 'Contact' } },
  { de: { path: '/ueber-uns', headline: 'Über uns' }, en: { path: '/about', headline: 'About us' } },
  { de: { path: '/blog', headline: 'Blog' } },
];

export const FAQ_ITEMS: Array<Record<string, { question: string }>> = [
  { de: { question: 'Wie kündige ich?' }, en: { question: 'How do I cancel?' } },
  { de: { question: 'Gibt es einen Studentenrabatt?' }, en: { question: 'Is there a student discount?' }, fr: { question: 'Y a-t-il une remise étudiante ?' } },
];

export const TESTIMONIALS = [
  { quote: 'We moved our whole team over in a week.', rating: 5 },
  { quote: 'Support answered on a Sunday.', rating: 4 },
  { quote: 'Pricing is clear, no surprises.', rating: 5 },
];

/** Announcements have no text field at all: a rich-text body, a date and an enumeration. */
export const ANNOUNCEMENTS = [
  { locale: 'de', publish: true, priority: 'high' as const },
  { locale: 'de', publish: false, priority: 'low' as const },
];

export const COMPARISON_TABLES = [
  { label: 'Basic vs Pro', publish: true },
  { label: 'Pro vs Enterprise', publish: true },
  { label: 'Enterprise vs Custom (draft)', publish: false },
];

export const GLOBAL: Record<string, { siteName: string }> = { de: { siteName: 'Musterfirma' }, en: { siteName: 'Sample Corp' } };

export const UIDS = {
  page: 'api::page.page',
  faqItem: 'api::faq-item.faq-item',
  testimonial: 'api::testimonial.testimonial',
  announcement: 'api::announcement.announcement',
  comparisonTable: 'api::enterprise-product-comparison-table.enterprise-product-comparison-table',
  global: 'api::global.global',
} as const;
