import { getService } from './utils/get-service';
import type { Core } from '@strapi/strapi';
import { documentIdsWhere, rememberDocumentIds, resultDocumentId, type LifecycleEvent, type LifecycleHooks } from './utils/lifecycle-events';

const isSiteType = (uid: string | undefined): uid is string => Boolean(uid?.startsWith('api::'));

/** Whether a document-service call publishes: `publish`, or a create/update with `status: 'published'`. */
const publishes = (action: string, params: { status?: unknown }) => action === 'publish' || (['create', 'update'].includes(action) && params.status === 'published');

/**
 * Deleting an entry (one locale or all, through the Content Manager or `strapi.documents()`) deletes its
 * tags. The document-service middleware covers `delete`; the database lifecycles below cover paths that
 * bypass it (`deleteMany` on the query engine, e.g. when a locale is deleted). Publishing goes through the
 * type's publish check (services/publish-checks.ts).
 */
export function registerDocumentMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx, next) => {
    const params = ctx.params as { documentId?: string; locale?: string | string[]; status?: unknown };
    if (isSiteType(ctx.uid) && publishes(ctx.action, params)) {
      // create has no documentId yet: the document it makes has no tags
      const documentId = ctx.action === 'create' ? undefined : params.documentId;
      return getService(strapi, 'publishChecks').guard(ctx.uid, documentId, params.locale, next);
    }
    const result = await next();
    if (ctx.action === 'delete' && isSiteType(ctx.uid)) {
      const documentId = (ctx.params as { documentId?: string }).documentId;
      if (documentId) await getService(strapi, 'orphanTags').remove(ctx.uid, [documentId]);
    }
    return result;
  });
}

/**
 * Database lifecycles of the site's types (the document service writes through them too, and so do
 * `strapi.db.query()` callers): every created, updated or deleted row refreshes its document's entry state,
 * and deleting rows removes the tags of entries that are gone. They run inside the writer's transaction
 * (on MySQL/MariaDB the state copy runs right after it commits: entryStates.afterSiteWrite says why).
 */
export function subscribeEntryLifecycles(strapi: Core.Strapi) {
  const models = Object.keys(strapi.contentTypes).filter(isSiteType);

  const refresh = (uid: string, ids: string[]) => getService(strapi, 'entryStates').afterSiteWrite(uid, ids);
  const { remember, remembered } = rememberDocumentIds(strapi, 'journeyMapDocumentIds');
  const afterDelete = async (event: LifecycleEvent) => {
    const ids = remembered(event);
    if (!ids.length) return;
    await getService(strapi, 'orphanTags').remove(event.model.uid, ids);
    await refresh(event.model.uid, ids);
  };
  const afterWrite = async (event: LifecycleEvent) => {
    const documentId = resultDocumentId(event);
    if (documentId) await refresh(event.model.uid, [documentId]);
  };
  const hooks: LifecycleHooks = {
    models,
    afterCreate: afterWrite,
    async afterCreateMany(event) {
      const ids: unknown = event.result?.ids;
      if (!Array.isArray(ids) || !ids.length) return;
      await refresh(event.model.uid, await documentIdsWhere(strapi, event, { id: { $in: ids } }, true));
    },
    afterUpdate: afterWrite,
    beforeUpdateMany: (event) => remember(event, true),
    async afterUpdateMany(event) {
      await refresh(event.model.uid, remembered(event));
    },
    beforeDeleteMany: (event) => remember(event, true),
    afterDeleteMany: afterDelete,
    beforeDelete: (event) => remember(event, false),
    afterDelete,
  };
  strapi.db.lifecycles.subscribe(hooks);
}
