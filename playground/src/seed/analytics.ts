/**
 * Where the demo site's entries live on its (imaginary) front end, kumo.example: the URL patterns the
 * demo's Settings hold, so that the sample analytics exports in playground/samples/ (copies of
 * tests/fixtures/analytics/) match its entries. English at the root, Japanese under /ja.
 */
const both = (prefix: string) => [
  { locale: 'en', pattern: `/${prefix}/{slug}` },
  { locale: 'ja', pattern: `/{locale}/${prefix}/{slug}` },
];

export const DEMO_URL_PATTERNS: Record<string, Array<{ locale: string | null; pattern: string }>> = {
  'api::article.article': both('articles'),
  'api::faq.faq': both('faq'),
  'api::landing-page.landing-page': both('lp'),
  'api::case-study.case-study': both('customers'),
};

/** The manual the demo's "Download the manual" CTA offers (the samples' file_download events link to it). */
export const DEMO_MANUAL_URL = 'https://kumo.example/downloads/broken-phone-manual.pdf';
