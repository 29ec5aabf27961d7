import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './pluginId';

const isSiteType = (uid: string | undefined) => Boolean(uid?.startsWith('api::'));

/**
 * Deleting an entry (one locale or all, through the Content Manager or `strapi.documents()`) deletes its
 * tags. The document-service middleware covers `delete`; the database lifecycles below cover paths that
 * bypass it (`deleteMany` on the query engine, e.g. when a locale is deleted).
 */
export function registerDocumentMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx, next) => {
    const result = await next();
    if (ctx.action === 'delete' && isSiteType(ctx.uid)) {
      const documentId = (ctx.params as { documentId?: string }).documentId;
      if (documentId) await strapi.plugin(PLUGIN_ID).service('cleanup').removeOrphans(ctx.uid, [documentId]);
    }
    return result;
  });
}

/**
 * Database lifecycles of the site's types (the document service writes through them too, and so do
 * `strapi.db.query()` callers): every created, updated or deleted row refreshes its document's entry state,
 * and deleting rows removes the tags of entries that are gone. They run inside the writer's transaction.
 */
export function subscribeEntryLifecycles(strapi: Core.Strapi) {
  const models = Object.keys(strapi.contentTypes).filter(isSiteType);
  const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);
  const refresh = (uid: string, ids: string[]) => service('entryStates').refresh(uid, ids);
  /** The documentIds of the rows a `*Many` call or a delete is about to touch, kept for its after-hook. */
  const remember = async (event: any, many: boolean) => {
    const q = strapi.db.query(event.model.uid);
    const rows = many
      ? await q.findMany({ where: event.params?.where, select: ['documentId'] })
      : [await q.findOne({ where: event.params?.where, select: ['documentId'] })].filter(Boolean);
    event.state.journeyMapDocumentIds = [...new Set(rows.map((r: any) => r.documentId))];
  };
  const remembered = (event: any): string[] => event.state?.journeyMapDocumentIds ?? [];
  const afterDelete = async (event: any) => {
    const ids = remembered(event);
    if (!ids.length) return;
    await service('cleanup').removeOrphans(event.model.uid, ids);
    await refresh(event.model.uid, ids);
  };
  strapi.db.lifecycles.subscribe({
    models,
    async afterCreate(event: any) {
      if (event.result?.documentId) await refresh(event.model.uid, [event.result.documentId]);
    },
    async afterCreateMany(event: any) {
      const ids: number[] = event.result?.ids ?? [];
      if (!ids.length) return;
      const rows = await strapi.db.query(event.model.uid).findMany({ where: { id: { $in: ids } }, select: ['documentId'] });
      await refresh(event.model.uid, rows.map((r: any) => r.documentId));
    },
    async afterUpdate(event: any) {
      if (event.result?.documentId) await refresh(event.model.uid, [event.result.documentId]);
    },
    beforeUpdateMany: (event: any) => remember(event, true),
    async afterUpdateMany(event: any) {
      await refresh(event.model.uid, remembered(event));
    },
    beforeDeleteMany: (event: any) => remember(event, true),
    afterDeleteMany: afterDelete,
    beforeDelete: (event: any) => remember(event, false),
    afterDelete,
  } as any);
}
