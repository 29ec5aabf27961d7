import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { ValidationError } from '../utils/errors';
import { draftBody } from '../validation/drafts';
import { parse } from '../validation/parse';

/**
 * Creates a draft entry for a gap of the content map, already tagged with the cell's phase and persona.
 * A refused tag leaves no orphan draft behind.
 */
const draftsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);

  return {
    /** `creatorId`: the admin who asked, stored as the entry's creator as the Content Manager does. */
    async create(body: unknown, { creatorId }: { creatorId: number | null } = { creatorId: null }) {
      const data = parse(draftBody, body, 'body');
      await plugin().service('entries').assertTracked(data.contentType, 'body.contentType');
      const type = await plugin().service('contentTypes').describe(data.contentType);
      if (type.kind !== 'collectionType') throw new ValidationError(`body.contentType: ${data.contentType} is a single type; drafts are created for collection types`);
      if (!type.mainField || type.mainField === 'documentId') throw new ValidationError(`body.contentType: ${data.contentType} has no text field to hold the title`);
      const locale = type.localized ? await plugin().service('entries').tagLocale(data.contentType, data.locale) : undefined;

      const documents = strapi.documents(data.contentType as any);
      const entry = await documents.create({
        data: { [type.mainField]: data.title, ...(creatorId ? { createdBy: creatorId, updatedBy: creatorId } : {}) },
        ...(locale ? { locale } : {}),
        ...(type.draftAndPublish ? { status: 'draft' } : {}),
      } as any);
      try {
        const tags = await plugin()
          .service('assignments')
          .replace(data.contentType, entry.documentId, locale, { phases: [data.phase], personas: data.persona ? [data.persona] : [], cta: null });
        return { contentType: data.contentType, documentId: entry.documentId, locale: locale ?? null, title: data.title, tags };
      } catch (error) {
        // The tag checks read through their own connections, so one transaction would deadlock SQLite's
        // single connection; a refused tag removes the fresh draft instead.
        await documents.delete({ documentId: entry.documentId, ...(locale ? { locale } : {}) } as any);
        throw error;
      }
    },
  };
};

export default draftsService;
