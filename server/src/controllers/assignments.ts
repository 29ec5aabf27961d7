import type { Core } from '@strapi/strapi';
import { entryPermissions } from '../permissions/entries';
import { PLUGIN_ID } from '../pluginId';
import { bulkBody, entryParams, entryQuery, listTagsParams, listTagsQuery } from '../validation/assignments';
import { parse } from '../validation/parse';
import { writeShape } from '../validation/read-shape';
import { action } from './respond';

/** Tags of site entries: every route asks the Content Manager's permissions on the entries themselves. */
const assignmentsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('assignments');
  const tagLocale = (uid: string, locale: string | undefined): Promise<string> => strapi.plugin(PLUGIN_ID).service('entries').tagLocale(uid, locale);

  return {
    get: action(async (ctx) => {
      const { uid, documentId } = parse(entryParams, ctx.params, 'params');
      const { locale } = parse(entryQuery, ctx.query, 'query');
      await entryPermissions(strapi, ctx).assertCanRead(uid, documentId, await tagLocale(uid, locale), 'params.uid');
      return service().get(uid, documentId, locale);
    }),

    /** The list column: entries the caller may not read are left out of `entries`. */
    list: action(async (ctx) => {
      const { uid } = parse(listTagsParams, ctx.params, 'params');
      const { documentIds, locale } = parse(listTagsQuery, ctx.query, 'query');
      const scope = entryPermissions(strapi, ctx).readScope();
      const entryLocale = await tagLocale(uid, locale);
      const readable = await scope.keepReadable(documentIds.map((documentId) => ({ contentType: uid, documentId, locale: entryLocale })));
      return service().forList(uid, readable.map((ref) => ref.documentId), locale);
    }),

    replace: action(async (ctx) => {
      const { uid, documentId } = parse(entryParams, ctx.params, 'params');
      const { locale } = parse(entryQuery, ctx.query, 'query');
      await entryPermissions(strapi, ctx).assertCanUpdate(uid, [documentId], await tagLocale(uid, locale), 'params.uid');
      return service().replace(uid, documentId, locale, writeShape.tags(ctx.request.body));
    }),

    /** A bulk request on entries the caller may not all update is refused whole. */
    bulk: action(async (ctx) => {
      const body = parse(bulkBody, ctx.request.body, 'body');
      await entryPermissions(strapi, ctx).assertCanUpdate(body.contentType, [...new Set(body.documentIds)], await tagLocale(body.contentType, body.locale), 'body.contentType');
      return service().bulk(body);
    }),
  };
};

export default assignmentsController;
