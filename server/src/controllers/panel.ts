import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { PolicyError } from '../utils/errors';
import { entryParams, entryQuery } from '../validation/assignments';
import { parse } from '../validation/parse';
import { action } from './respond';

/** `GET /panel/:uid/:documentId?locale=`: what the Content Manager's Journey panel shows for one entry. */
const panelController = ({ strapi }: { strapi: Core.Strapi }) => ({
  forEntry: action(async (ctx) => {
    const { uid, documentId } = parse(entryParams, ctx.params, 'params');
    const { locale } = parse(entryQuery, ctx.query, 'query');
    // The answer names the entry and its dates: only for those who may read that type in the Content Manager.
    const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });
    if (checker.cannot.read()) throw new PolicyError(`You may not read ${uid} entries`);
    return strapi.plugin(PLUGIN_ID).service('panel').forEntry(uid, documentId, locale);
  }),
});

export default panelController;
