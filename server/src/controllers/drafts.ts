import type { Core } from '@strapi/strapi';
import { entryPermissions } from '../permissions/entries';
import { PLUGIN_ID } from '../pluginId';
import { draftBody } from '../validation/drafts';
import { parse } from '../validation/parse';
import { action } from './respond';

const draftsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Needs `tag` (the route) and the Content Manager's create permission on the chosen type, for that
   * locale and with the role's conditions, judged on the draft as it will be stored (the caller as creator).
   */
  create: action(async (ctx) => {
    const body = parse(draftBody, ctx.request.body, 'body');
    const plugin = strapi.plugin(PLUGIN_ID);
    if (strapi.contentTypes[body.contentType as keyof typeof strapi.contentTypes]) {
      const locale: string = await plugin.service('entries').tagLocale(body.contentType, body.locale);
      const mainField: string = await plugin.service('contentTypes').mainField(body.contentType);
      const data = mainField === 'documentId' ? {} : { [mainField]: body.title };
      await entryPermissions(strapi, ctx).assertCanCreate(body.contentType, locale, data, 'body.contentType');
    }
    const created = await plugin.service('drafts').create(ctx.request.body, { creatorId: ctx.state.user?.id ?? null });
    ctx.status = 201;
    return created;
  }),
});

export default draftsController;
