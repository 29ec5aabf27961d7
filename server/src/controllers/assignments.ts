import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { PolicyError } from '../utils/errors';
import { bulkBody, entryParams, entryQuery, listTagsParams, listTagsQuery } from '../validation/assignments';
import { parse } from '../validation/parse';
import { writeShape } from '../validation/read-shape';
import { action } from './respond';

const assignmentsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('assignments');

  /** Tagging an entry also needs the Content Manager's update permission on its content type. */
  const assertCanEdit = (ctx: any, uid: string) => {
    const checker = strapi
      .plugin('content-manager')
      .service('permission-checker')
      .create({ userAbility: ctx.state.userAbility, model: uid });
    if (checker.cannot.update()) throw new PolicyError(`You may not edit ${uid} entries, so you may not tag them`);
  };

  return {
    get: action(async (ctx) => {
      const { uid, documentId } = parse(entryParams, ctx.params, 'params');
      const { locale } = parse(entryQuery, ctx.query, 'query');
      return service().get(uid, documentId, locale);
    }),

    list: action(async (ctx) => {
      const { uid } = parse(listTagsParams, ctx.params, 'params');
      const { documentIds, locale } = parse(listTagsQuery, ctx.query, 'query');
      return service().forList(uid, documentIds, locale);
    }),

    replace: action(async (ctx) => {
      const { uid, documentId } = parse(entryParams, ctx.params, 'params');
      const { locale } = parse(entryQuery, ctx.query, 'query');
      assertCanEdit(ctx, uid);
      return service().replace(uid, documentId, locale, writeShape.tags(ctx.request.body));
    }),

    bulk: action(async (ctx) => {
      const body = parse(bulkBody, ctx.request.body, 'body');
      assertCanEdit(ctx, body.contentType);
      return service().bulk(body);
    }),
  };
};

export default assignmentsController;
