import type { Core } from '@strapi/strapi';
import { seedMarketingSite } from './seed';

export default {
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (process.env.MARKETING_SEED === 'true') await seedMarketingSite(strapi);
  },
};
