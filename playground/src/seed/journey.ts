import type { Core } from '@strapi/strapi';
import { DEMO_URL_PATTERNS } from './analytics';

const ARTICLE = 'api::article.article';
const FAQ = 'api::faq.faq';
const LANDING = 'api::landing-page.landing-page';
const CASE = 'api::case-study.case-study';

const PERSONAS = [
  { key: 'parent', name: 'Busy parent', summary: 'Manages the phones of a family of four.', goals: 'Get a broken phone working again without losing a day.', needs: 'Clear prices, quick turnaround, a loan phone.', painPoints: 'No time to compare; afraid of losing the kids\' photos.', preferredChannels: ['search', 'email', 'store'], priority: 3 },
  { key: 'techie', name: 'Tech enthusiast', summary: 'Fixes things themselves when they can.', goals: 'Know exactly what is wrong and what a repair involves.', needs: 'Technical detail, genuine parts, self-repair options.', painPoints: 'Vague answers; being upsold a new phone.', preferredChannels: ['blog', 'forums', 'video'], priority: 2 },
  { key: 'business', name: 'Small business owner', summary: 'Runs a team of ten whose phones are their tools.', goals: 'Keep the team reachable; predictable costs.', needs: 'Fleet plans, same-day service, invoices.', painPoints: 'Downtime costs money; paperwork.', preferredChannels: ['email', 'phone'], priority: 1 },
];

/** What the map says about each phase of the default preset, for the smartphone-repair story. */
const PHASE_DETAILS: Record<string, Record<string, unknown>> = {
  awareness: { customerGoal: 'Understand what just happened to the phone', questions: 'Is it broken for good? Is my data lost?', actions: 'Searches "phone black screen", asks friends', thoughts: 'This is the worst possible day for this.', emotionLabel: 'Panicked', emotionScore: -2, touchpoints: ['search', 'social'], channels: ['blog', 'video'], painPoints: 'Conflicting advice online', opportunities: 'Be the calm first answer' },
  consideration: { customerGoal: 'Compare repair, insurance and replacement', questions: 'How much? How long? Can I do it myself?', actions: 'Reads guides, downloads the manual', thoughts: 'Maybe it can be saved.', emotionLabel: 'Hopeful', emotionScore: 0, touchpoints: ['website', 'email'], channels: ['blog', 'faq'], painPoints: 'Prices are hard to find', opportunities: 'A clear manual and price list', minContentPerPersona: 2 },
  decision: { customerGoal: 'Choose where to repair', questions: 'Is the service trustworthy? Genuine parts?', actions: 'Reads reviews and case studies', thoughts: 'I want this done right the first time.', emotionLabel: 'Cautious', emotionScore: 0, touchpoints: ['website', 'reviews'], channels: ['case studies', 'landing pages'], painPoints: 'Fear of hidden costs', opportunities: 'Transparent quotes' },
  purchase: { customerGoal: 'Book the repair quickly', questions: 'When can I drop it off?', actions: 'Books online or in store', thoughts: 'Finally, it is being handled.', emotionLabel: 'Relieved', emotionScore: 1, touchpoints: ['booking page', 'store'], channels: ['landing pages'], painPoints: 'Long forms', opportunities: 'One-minute booking' },
  retention: { customerGoal: 'Keep the phone working', questions: 'How do I avoid this next time?', actions: 'Reads care tips, considers Kumo Care', thoughts: 'I never want to go through that again.', emotionLabel: 'Satisfied', emotionScore: 1, touchpoints: ['email', 'app'], channels: ['blog', 'email'], painPoints: 'Too many marketing emails', opportunities: 'Useful care tips' },
  advocacy: { customerGoal: 'Tell others about the good experience', questions: 'How do I recommend Kumo?', actions: 'Writes a review, refers a friend', thoughts: 'They really saved me.', emotionLabel: 'Delighted', emotionScore: 2, touchpoints: ['reviews', 'social'], channels: ['social'], painPoints: 'No easy way to refer', opportunities: 'A referral programme' },
};

/** Entry slug → where it is tagged. Persona keys; none means "all personas". Some cells stay empty. */
const TAGS: Array<{ uid: string; slug: string; phases: string[]; personas?: string[]; cta?: string; locales?: string[] }> = [
  { uid: ARTICLE, slug: 'what-to-do-when-your-smartphone-breaks', phases: ['awareness'], locales: ['en', 'ja'] },
  { uid: ARTICLE, slug: 'water-damage-first-aid', phases: ['awareness'], personas: ['parent', 'techie'] },
  { uid: ARTICLE, slug: 'cracked-screen-repair-or-replace', phases: ['consideration'], personas: ['parent'], cta: 'manual', locales: ['en', 'ja'] },
  { uid: ARTICLE, slug: 'battery-health-explained', phases: ['consideration'], personas: ['techie'], cta: 'manual' },
  { uid: ARTICLE, slug: 'repair-prices-2026', phases: ['consideration', 'decision'] },
  { uid: LANDING, slug: 'broken-phone-manual', phases: ['consideration'], cta: 'manual', locales: ['en', 'ja'] },
  { uid: FAQ, slug: 'how-long-does-a-repair-take', phases: ['consideration'], personas: ['parent'], locales: ['en'] },
  { uid: ARTICLE, slug: 'how-our-repair-service-works', phases: ['decision'] },
  { uid: CASE, slug: 'courier-company', phases: ['decision'], personas: ['business'] },
  { uid: FAQ, slug: 'is-my-data-safe-during-repair', phases: ['decision'], personas: ['parent'] },
  { uid: LANDING, slug: 'repair-service', phases: ['purchase'], cta: 'book' },
  { uid: ARTICLE, slug: 'backup-before-repair', phases: ['purchase'], personas: ['parent', 'techie'] },
  { uid: ARTICLE, slug: 'phone-care-habits', phases: ['retention'], personas: ['parent', 'techie'] },
  { uid: LANDING, slug: 'kumo-care', phases: ['retention'], cta: 'care' },
  { uid: ARTICLE, slug: 'kumo-x3-launch', phases: ['advocacy'] },
  { uid: ARTICLE, slug: 'self-repair-kits', phases: ['consideration'], personas: ['techie'] },
];

/**
 * The demo journey "Smartphone repair": three personas, the six default phases filled in, CTAs with KPI
 * targets, and tags on about half of the site's content. Some cells are left empty (Advocacy only has a
 * stale article; the small-business owner has little content) so the content map shows gaps.
 */
export async function seedDemoJourney(strapi: Core.Strapi) {
  const plugin = strapi.plugin('journey-map');
  if (!plugin) return false;
  const model = plugin.service('journeys');
  if (await strapi.documents('plugin::journey-map.journey' as any).findFirst({ filters: { slug: 'smartphone-repair' } } as any)) return false;

  await plugin.service('settings').update({ trackedContentTypes: [ARTICLE, FAQ, LANDING, CASE], urlPatterns: DEMO_URL_PATTERNS });
  const personas: Record<string, string> = {};
  for (const { key, ...persona } of PERSONAS) {
    const existing = await strapi.documents('plugin::journey-map.persona' as any).findFirst({ filters: { name: persona.name } } as any);
    personas[key] = existing?.documentId ?? (await model.createPersona(persona)).documentId;
  }
  const journey = await model.createFromPreset({
    preset: 'default',
    name: 'Smartphone repair',
    slug: 'smartphone-repair',
    product: 'Kumo repair service',
    description: 'From a broken phone to a happy customer who recommends us.',
    personas: Object.values(personas),
  });
  const phases: Record<string, string> = {};
  for (const phase of journey.phases) {
    phases[phase.slug] = phase.documentId;
    await model.updatePhase(phase.documentId, PHASE_DETAILS[phase.slug] ?? {});
  }
  const ctas: Record<string, string> = {
    manual: (await model.createCta({ label: 'Download the manual on what to do when your smartphone breaks', phase: phases.consideration, actionType: 'download', targetUrl: '/broken-phone-manual', kpiMetric: 'manual downloads', kpiUnit: 'downloads', kpiBaseline: 320, kpiTarget: 500, kpiDirection: 'higher', kpiPeriod: 'month' })).documentId,
    book: (await model.createCta({ label: 'Book a repair', phase: phases.purchase, actionType: 'contact', targetUrl: '/repair-service', kpiMetric: 'repair bookings', kpiUnit: 'bookings', kpiBaseline: 180, kpiTarget: 250, kpiPeriod: 'month' })).documentId,
    care: (await model.createCta({ label: 'Add Kumo Care', phase: phases.retention, actionType: 'purchase', targetUrl: '/kumo-care', kpiMetric: 'Kumo Care sign-ups', kpiUnit: 'sign-ups', kpiBaseline: 40, kpiTarget: 80, kpiPeriod: 'month' })).documentId,
  };

  const tags = plugin.service('tags');
  for (const t of TAGS) {
    const entry = await strapi.documents(t.uid as any).findFirst({ filters: { slug: t.slug }, locale: 'en', status: 'draft' } as any);
    if (!entry) continue;
    for (const locale of t.locales ?? ['en']) {
      await tags.replace(t.uid, entry.documentId, locale, {
        phases: t.phases.map((p) => phases[p]),
        personas: (t.personas ?? []).map((p) => personas[p]),
        cta: t.cta ? ctas[t.cta] : null,
      });
    }
  }
  strapi.log.info('[playground] Seeded the demo journey "Smartphone repair".');
  return true;
}
