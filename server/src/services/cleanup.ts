import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { ASSIGNMENTS_TABLE } from '../repositories/assignments';

/** Removes the tags of entries (or entry locales) that no longer exist. */
const cleanupService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async removeOrphans(uid: string, documentIds: string[]) {
    const ids = [...new Set(documentIds.filter(Boolean))];
    if (!ids.length || !strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) return 0;
    const entries = strapi.plugin(PLUGIN_ID).service('entries');
    // Called from lifecycles that may run inside the caller's transaction (publish, unpublish, delete):
    // strapi.db.transaction() joins it, so these queries never wait for a connection that transaction holds.
    return strapi.db.transaction(async ({ trx }) => {
      const k = trx;
      const stillThere = k(`${entries.table(uid)} as e`)
        .select(k.raw('1'))
        .whereRaw(`e.document_id = ${ASSIGNMENTS_TABLE}.entry_document_id`);
      if (entries.isLocalized(uid)) stillThere.whereRaw(`e.locale = ${ASSIGNMENTS_TABLE}.entry_locale`);
      let removed = 0;
      for (let i = 0; i < ids.length; i += 500) {
        removed += await k(ASSIGNMENTS_TABLE)
          .where('content_type', uid)
          .whereIn('entry_document_id', ids.slice(i, i + 500))
          .whereNotExists(stillThere.clone())
          .del();
      }
      return removed;
    });
  },
});

export default cleanupService;
