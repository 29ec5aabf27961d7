import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { parse } from '../validation/parse';
import { deliveryContentQuery, deliveryJourneyParams } from '../../../shared/contracts/delivery';
import type { ContentApiAuth } from '../services/delivery';
import { respond } from './respond';

/**
 * Content API (Users & Permissions roles decide who may call it; nothing is public by default). The
 * actions are named `findOne` and `find` so that Strapi's read-only API tokens may call them too.
 */
const service = (strapi: Core.Strapi) => getService(strapi, 'delivery');

export const deliveryJourney = ({ strapi }: { strapi: Core.Strapi }) => ({
  findOne: respond((ctx) => service(strapi).journey(parse(deliveryJourneyParams, ctx.params, 'params').slug)),
});

export const deliveryContent = ({ strapi }: { strapi: Core.Strapi }) => ({
  find: respond((ctx) => service(strapi).content(parse(deliveryContentQuery, ctx.query, 'query'), ctx.state.auth as ContentApiAuth)),
});
