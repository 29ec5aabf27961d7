import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { entryPermissions } from '../permissions/entries';
import { suggestionQualityQuery, suggestionsQuery } from '../../../shared/contracts/suggestions';
import { parse } from '../validation/parse';
import { respond } from './respond';

/** Tag suggestions: for one entry (which the caller must be able to read), and their measured quality. */
const suggestionsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  forEntry: respond(async (ctx: Context) => {
    const { journey, contentType, documentId, locale } = parse(suggestionsQuery, ctx.query, 'query');
    const permissions = entryPermissions(strapi, ctx);
    await permissions.assertCanRead(contentType, documentId, await getService(strapi, 'entries').tagLocale(contentType, locale), 'query.contentType');
    // Reasons name only the similar entries the caller may read.
    return getService(strapi, 'suggestions').forEntry(journey, contentType, documentId, locale, permissions.readScope());
  }),

  quality: respond(async (ctx: Context) => {
    const { journey } = parse(suggestionQualityQuery, ctx.query, 'query');
    return getService(strapi, 'suggestions').quality(journey);
  }),
});

export default suggestionsController;
