import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { entryPermissions } from '../permissions/entries';
import { entryParams, entryQuery } from '../../../shared/contracts/tags';
import { parse } from '../validation/parse';
import { respond } from './respond';

/** `GET /panel/:uid/:documentId?locale=`: what the Content Manager's Journey panel shows for one entry. */
const panelController = ({ strapi }: { strapi: Core.Strapi }) => ({
  forEntry: respond(async (ctx: Context) => {
    const { uid, documentId } = parse(entryParams, ctx.params, 'params');
    const { locale } = parse(entryQuery, ctx.query, 'query');
    // The answer names the entry and its dates: only for those who may read that entry, in that locale,
    // with the role's conditions (the same check as the tags' own GET).
    const tagLocale = await getService(strapi, 'entries').tagLocale(uid, locale);
    await entryPermissions(strapi, ctx).assertCanRead(uid, documentId, tagLocale, 'params.uid');
    return getService(strapi, 'panel').forEntry(uid, documentId, locale);
  }),
});

export default panelController;
