import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';
import { stopWatchingTransfers } from './transfer-watch';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'suggestions').stop();
  stopWatchingTransfers(strapi);
  // Webhook checks in progress finish (or give up) before the database connection closes.
  getService(strapi, 'webhooks').stop();
  await getService(strapi, 'webhooks').idle();
};

export default destroy;
