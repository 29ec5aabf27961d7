import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { entryPermissions } from '../permissions/entries';
import { bulkBody, entryParams, entryQuery, listTagsParams, listTagsQuery, tagsBody } from '../../../shared/contracts/tags';
import { parse } from '../validation/parse';
import { writeShape } from '../validation/read-shape';
import { respond } from './respond';

/** Tags of site entries: every route asks the Content Manager's permissions on the entries themselves. */
const tagsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'tags');
  const tagLocale = (uid: string, locale: string | undefined): Promise<string> => getService(strapi, 'entries').tagLocale(uid, locale);

  return {
    get: respond(async (ctx: Context) => {
      const { uid, documentId } = parse(entryParams, ctx.params, 'params');
      const { locale } = parse(entryQuery, ctx.query, 'query');
      await entryPermissions(strapi, ctx).assertCanRead(uid, documentId, await tagLocale(uid, locale), 'params.uid');
      return service().get(uid, documentId, locale);
    }),

    /** The list column: entries the caller may not read are left out of `entries`. */
    list: respond(async (ctx: Context) => {
      const { uid } = parse(listTagsParams, ctx.params, 'params');
      const { documentIds, locale } = parse(listTagsQuery, ctx.query, 'query');
      const scope = entryPermissions(strapi, ctx).readScope();
      const entryLocale = await tagLocale(uid, locale);
      const readable = await scope.keepReadable(documentIds.map((documentId) => ({ contentType: uid, documentId, locale: entryLocale })));
      return service().forList(uid, readable.map((ref) => ref.documentId), locale);
    }),

    /** The body is judged after the permission: a caller who may not tag the entry learns nothing more. */
    replace: respond(async (ctx: Context) => {
      const { uid, documentId } = parse(entryParams, ctx.params, 'params');
      const { locale } = parse(entryQuery, ctx.query, 'query');
      await entryPermissions(strapi, ctx).assertCanUpdate(uid, [documentId], await tagLocale(uid, locale), 'params.uid');
      const body = parse(tagsBody, writeShape.tags(ctx.request.body), 'body');
      return service().replace(uid, documentId, locale, body);
    }),

    /** A bulk request on entries the caller may not all update is refused whole. */
    bulk: respond(async (ctx: Context) => {
      const body = parse(bulkBody, ctx.request.body, 'body');
      await entryPermissions(strapi, ctx).assertCanUpdate(body.contentType, [...new Set(body.documentIds)], await tagLocale(body.contentType, body.locale), 'body.contentType');
      return service().bulk(body);
    }),
  };
};

export default tagsController;
