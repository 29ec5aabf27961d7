import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { ModelKind } from '../repositories/locks';
import { tagIntegrityRepository } from '../repositories/tag-integrity';

/**
 * No tag points at nothing: whatever deletes a journey, phase, persona or CTA (the plugin's API, the
 * document service called by a site's code, `strapi.db.query().delete*`), its tags go with it (database
 * lifecycles, model-lifecycles.ts); `repair()` at boot removes what older versions or raw SQL left.
 */
const tagIntegrityService = ({ strapi }: { strapi: Core.Strapi }) => {
  const entryStates = () => getService(strapi, 'entryStates');

  return {
    /**
     * After rows of the journey model were deleted: removes the tags of the documents that are really
     * gone and recounts the entry-state flags. Joins the deleter's transaction when there is one.
     */
    async afterModelDelete(kind: ModelKind, documentIds: string[]) {
      if (!documentIds.length) return 0;
      return strapi.db.transaction(async ({ trx }) => {
        const repo = tagIntegrityRepository(trx);
        const gone = await repo.gone(kind, documentIds);
        if (!gone.length) return 0;
        const changed = await repo.removeTagsOf(kind, gone);
        // A removed tag can change an entry's tagged / other-locale flags; a cleared CTA id changes none.
        if (changed && kind !== 'cta') await entryStates().retag();
        return changed;
      });
    },

    /** Finds and removes tags left pointing at deleted journeys, phases, personas or CTAs; logs how many. */
    async repair() {
      const result = await strapi.db.transaction(async ({ trx }) => {
        const counts = await tagIntegrityRepository(trx).repair();
        if (counts.removed) await entryStates().retag();
        return counts;
      });
      const message = `[journey-map] tag check: removed ${result.removed} tag(s) pointing at a deleted journey, phase or persona; cleared ${result.ctasCleared} CTA id(s) of deleted CTAs`;
      if (result.removed || result.ctasCleared) strapi.log.warn(message);
      else strapi.log.info(message);
      return result;
    },
  };
};

export default tagIntegrityService;
