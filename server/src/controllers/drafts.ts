import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { entryPermissions } from '../permissions/entries';
import { draftBody } from '../../../shared/contracts/drafts';
import { parse } from '../validation/parse';
import { respond } from './respond';

const draftsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Needs `tag` (the route) and the Content Manager's create permission on the chosen type, for that
   * locale and with the role's conditions, judged on the draft as it will be stored (the caller as creator).
   */
  create: respond(async (ctx) => {
    const body = parse(draftBody, ctx.request.body, 'body');
    const permissions = entryPermissions(strapi, ctx);
    let brief: { field: string; markdown: string } | undefined;
    if (strapi.contentTypes[body.contentType as keyof typeof strapi.contentTypes]) {
      const locale = await getService(strapi, 'entries').tagLocale(body.contentType, body.locale);
      const mainField = await getService(strapi, 'contentTypes').mainField(body.contentType);
      const field = body.brief ? await getService(strapi, 'drafts').briefField(body.contentType) : null;
      const data = { ...(mainField === 'documentId' ? {} : { [mainField]: body.title }), ...(field ? { [field]: '' } : {}) };
      await permissions.assertCanCreate(body.contentType, locale, data, 'body.contentType');
      if (field) {
        // The brief the caller would read: it names only entries they may read.
        const journey = await getService(strapi, 'journeys').journeyOfPhase(body.phase);
        const { markdown } = await getService(strapi, 'nextContent').brief(
          { journey, phase: body.phase, ...(body.persona ? { persona: body.persona } : {}), ...(locale ? { locale } : {}) },
          permissions.readScope()
        );
        brief = { field, markdown };
      }
    }
    const created = await getService(strapi, 'drafts').create(body, { creatorId: ctx.state.user?.id ?? null, brief });
    ctx.status = 201;
    return created;
  }),
});

export default draftsController;
