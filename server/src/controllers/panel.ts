import type { Core } from '@strapi/strapi';
import { entryPermissions } from '../permissions/entries';
import { PLUGIN_ID } from '../pluginId';
import { entryParams, entryQuery } from '../validation/assignments';
import { parse } from '../validation/parse';
import { action } from './respond';

/** `GET /panel/:uid/:documentId?locale=`: what the Content Manager's Journey panel shows for one entry. */
const panelController = ({ strapi }: { strapi: Core.Strapi }) => ({
  forEntry: action(async (ctx) => {
    const { uid, documentId } = parse(entryParams, ctx.params, 'params');
    const { locale } = parse(entryQuery, ctx.query, 'query');
    // The answer names the entry and its dates: only for those who may read that entry, in that locale,
    // with the role's conditions (the same check as the tags' own GET).
    const tagLocale: string = await strapi.plugin(PLUGIN_ID).service('entries').tagLocale(uid, locale);
    await entryPermissions(strapi, ctx).assertCanRead(uid, documentId, tagLocale, 'params.uid');
    return strapi.plugin(PLUGIN_ID).service('panel').forEntry(uid, documentId, locale);
  }),
});

export default panelController;
