import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { entryPermissions } from '../permissions/entries';
import { nextContentBriefQuery, nextContentQuery } from '../../../shared/contracts/next-content';
import { parse } from '../validation/parse';
import { respond } from './respond';

/** "What to write next": the ranked list, and one cell's brief (naming only entries the caller may read). */
const nextContentController = ({ strapi }: { strapi: Core.Strapi }) => ({
  list: respond((ctx) => getService(strapi, 'nextContent').list(parse(nextContentQuery, ctx.query, 'query'))),
  brief: respond((ctx) => {
    const query = parse(nextContentBriefQuery, ctx.query, 'query');
    return getService(strapi, 'nextContent').brief(query, entryPermissions(strapi, ctx).readScope());
  }),
});

export default nextContentController;
