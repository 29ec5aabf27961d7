import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UID } from './pluginId';
import type { ModelKind } from './repositories/tag-integrity';

const KIND_OF: Record<string, ModelKind> = {
  [UID.journey]: 'journey',
  [UID.phase]: 'phase',
  [UID.persona]: 'persona',
  [UID.cta]: 'cta',
};

/**
 * Database lifecycles of the plugin's journey model: every path that deletes a journey, phase, persona
 * or CTA (the document service, `strapi.db.query(uid).delete/deleteMany`) removes its tags, inside the
 * deleting transaction, so no tag points at nothing. The plugin's own API moves or removes the tags
 * first, so these find none left to remove there.
 */
export function subscribeModelLifecycles(strapi: Core.Strapi) {
  /** The documentIds of the rows a delete is about to remove, kept for its after-hook. */
  const remember = async (event: any, many: boolean) => {
    const q = strapi.db.query(event.model.uid);
    const where = event.params?.where;
    const rows = many
      ? await q.findMany({ where, select: ['documentId'] })
      : [await q.findOne({ where, select: ['documentId'] })].filter(Boolean);
    event.state.journeyMapDeleted = [...new Set(rows.map((r: any) => r.documentId as string))];
  };
  const afterDelete = async (event: any) => {
    const ids: string[] = event.state?.journeyMapDeleted ?? [];
    if (!ids.length) return;
    await strapi.plugin(PLUGIN_ID).service('tagIntegrity').afterModelDelete(KIND_OF[event.model.uid], ids);
  };
  strapi.db.lifecycles.subscribe({
    models: Object.keys(KIND_OF),
    beforeDelete: (event: any) => remember(event, false),
    beforeDeleteMany: (event: any) => remember(event, true),
    afterDelete,
    afterDeleteMany: afterDelete,
  } as any);
}
