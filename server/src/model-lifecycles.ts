import { getService } from './utils/get-service';
import type { Core } from '@strapi/strapi';
import { UID } from './pluginId';
import type { ModelKind } from './repositories/locks';
import { rememberDocumentIds, type LifecycleEvent } from './utils/lifecycle-events';

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
  const { remember, remembered } = rememberDocumentIds(strapi, 'journeyMapDeleted');
  const afterDelete = async (event: LifecycleEvent) => {
    const ids = remembered(event);
    if (!ids.length) return;
    await getService(strapi, 'tagIntegrity').afterModelDelete(KIND_OF[event.model.uid], ids);
  };
  strapi.db.lifecycles.subscribe({
    models: Object.keys(KIND_OF),
    beforeDelete: (event) => remember(event, false),
    beforeDeleteMany: (event) => remember(event, true),
    afterDelete,
    afterDeleteMany: afterDelete,
  });
}
