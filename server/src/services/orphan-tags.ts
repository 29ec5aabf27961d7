import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { tagsRepository } from '../repositories/tags';

/** Removes the tags of entries (or entry locales) that no longer exist. */
const orphanTagsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** After entries of `uid` were deleted (some locales or all): their tags go if the entry is gone. */
  async remove(uid: string, documentIds: string[]): Promise<number> {
    const ids = [...new Set(documentIds.filter(Boolean))];
    const entries = getService(strapi, 'entries');
    if (!ids.length || !entries.isContentType(uid)) return 0;
    const site = { table: entries.table(uid), localized: entries.isLocalized(uid) };
    // Called from lifecycles that may run inside the caller's transaction (publish, unpublish, delete):
    // strapi.db.transaction() joins it, so these queries never wait for a connection that transaction holds.
    return strapi.db.transaction(({ trx }) => tagsRepository(trx).deleteOrphans(uid, site, ids));
  },
});

export default orphanTagsService;
