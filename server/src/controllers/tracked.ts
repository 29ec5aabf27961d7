import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { respond } from './respond';

/**
 * `GET /tracked-types`: the UIDs of the tracked types, nothing else. The admin panel loads it once when it
 * starts (the list column, the panel and the bulk action read it), so it must stay cheap: no counts.
 */
const trackedController = ({ strapi }: { strapi: Core.Strapi }) => ({
  list: respond(async () => getService(strapi, 'settings').trackedUids()),
});

export default trackedController;
