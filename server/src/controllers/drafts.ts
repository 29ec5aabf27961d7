import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { PolicyError } from '../utils/errors';
import { draftBody } from '../validation/drafts';
import { parse } from '../validation/parse';
import { action } from './respond';

const draftsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Needs `tag` (the route) and the Content Manager's create permission on the chosen type. */
  create: action(async (ctx) => {
    const { contentType } = parse(draftBody, ctx.request.body, 'body');
    const checker = strapi
      .plugin('content-manager')
      .service('permission-checker')
      .create({ userAbility: ctx.state.userAbility, model: contentType });
    if (checker.cannot.create()) throw new PolicyError(`You may not create ${contentType} entries`);
    ctx.status = 201;
    return strapi.plugin(PLUGIN_ID).service('drafts').create(ctx.request.body);
  }),
});

export default draftsController;
