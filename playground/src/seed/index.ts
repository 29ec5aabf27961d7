import type { Core } from '@strapi/strapi';
import { seedDemoAdmin } from './admin';
import { seedDemoAnalytics } from './analytics';
import { seedDemoJourney } from './journey';
import { seedDemoHistory } from './history';
import { seedDemoMeasures } from './measure';
import { seedSiteContent } from './site';
import { seedDemoWebhook } from './webhook';

/**
 * Seeds the demo on boot unless PLAYGROUND_SEED=false (the tests switch it off and seed explicitly).
 * Every step is idempotent: a second start adds nothing.
 */
export async function seedDemo(strapi: Core.Strapi) {
  const created = await seedSiteContent(strapi);
  if (created > 0) strapi.log.info(`[playground] Seeded ${created} demo entries.`);
  await seedDemoJourney(strapi);
  await seedDemoMeasures(strapi);
  await seedDemoAnalytics(strapi);
  await seedDemoHistory(strapi);
  await seedDemoWebhook(strapi);
  if (process.env.NODE_ENV !== 'production' && process.env.NODE_ENV !== 'test') {
    await seedDemoAdmin(strapi);
  }
  return { created };
}
