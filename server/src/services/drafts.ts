import { getService } from '../utils/get-service';
import type { Core, UID } from '@strapi/strapi';
import { ValidationError } from '../utils/errors';
import type { DraftBody, CreatedDraft } from '../../../shared/contracts/drafts';

/**
 * Creates a draft entry for a gap of the content map, already tagged with the cell's phase and persona.
 * A refused tag leaves no orphan draft behind.
 */
const draftsService = ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    /**
     * The field a draft of `uid` receives its brief in (Settings' `briefFields`); a 400 on `body.brief`
     * when none is chosen or the chosen one no longer fits the type.
     */
    async briefField(uid: string): Promise<string> {
      const field = (await getService(strapi, 'settings').get()).briefFields?.[uid] ?? null;
      if (!field) throw new ValidationError(`body.brief: choose the field that receives briefs for ${uid} in Settings (briefFields)`);
      if (!getService(strapi, 'contentTypes').briefFieldChoices(uid).includes(field)) throw new ValidationError(`body.brief: the brief field "${field}" is not a text field of ${uid} any more`);
      return field;
    },

    /**
     * `creatorId`: the admin who asked, stored as the entry's creator as the Content Manager does.
     * `brief`: the Markdown written into `brief.field` (the controller builds it from the caller's view).
     */
    async create(
      data: DraftBody,
      { creatorId, brief }: { creatorId: number | null; brief?: { field: string; markdown: string } } = { creatorId: null }
    ): Promise<CreatedDraft> {
      await getService(strapi, 'entries').assertTracked(data.contentType, 'body.contentType');
      const type = await getService(strapi, 'contentTypes').describe(data.contentType);
      if (type.kind !== 'collectionType') throw new ValidationError(`body.contentType: ${data.contentType} is a single type; drafts are created for collection types`);
      if (!type.mainField || type.mainField === 'documentId') throw new ValidationError(`body.contentType: ${data.contentType} has no text field to hold the title`);
      const locale = type.localized ? await getService(strapi, 'entries').tagLocale(data.contentType, data.locale) : undefined;

      // A site's type, known only at run time: its document service is not typed by its fields.
      const documents = strapi.documents(data.contentType as UID.ContentType);
      const entry = await documents.create({
        data: { [type.mainField]: data.title, ...(brief ? { [brief.field]: brief.markdown } : {}), ...(creatorId ? { createdBy: creatorId, updatedBy: creatorId } : {}) },
        ...(locale ? { locale } : {}),
        ...(type.draftAndPublish ? { status: 'draft' as const } : {}),
      });
      try {
        const tags = await getService(strapi, 'tags').replace(data.contentType, entry.documentId, locale, { phases: [data.phase], personas: data.persona ? [data.persona] : [], cta: null });
        return { contentType: data.contentType, documentId: entry.documentId, locale: locale ?? null, title: data.title, tags, briefField: brief?.field ?? null };
      } catch (error) {
        // The tag checks read through their own connections, so one transaction would deadlock SQLite's
        // single connection; a refused tag removes the fresh draft instead.
        await documents.delete({ documentId: entry.documentId, ...(locale ? { locale } : {}) });
        throw error;
      }
    },
  };
};

export default draftsService;
