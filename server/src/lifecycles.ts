import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './pluginId';

const isSiteType = (uid: string | undefined) => Boolean(uid?.startsWith('api::'));

/**
 * Deleting an entry (one locale or all, through the Content Manager or `strapi.documents()`) deletes its
 * tags. The document-service middleware covers `delete`; the database lifecycles cover paths that bypass
 * it (`deleteMany` on the query engine, e.g. when a locale is deleted).
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

export function subscribeDeleteLifecycles(strapi: Core.Strapi) {
  const models = Object.keys(strapi.contentTypes).filter(isSiteType);
  strapi.db.lifecycles.subscribe({
    models,
    async beforeDeleteMany(event: any) {
      const rows = await strapi.db.query(event.model.uid).findMany({ where: event.params?.where, select: ['documentId'] });
      event.state.journeyMapDocumentIds = rows.map((r: any) => r.documentId);
    },
    async afterDeleteMany(event: any) {
      const ids: string[] = event.state?.journeyMapDocumentIds ?? [];
      if (ids.length) await strapi.plugin(PLUGIN_ID).service('cleanup').removeOrphans(event.model.uid, ids);
    },
    async beforeDelete(event: any) {
      const row = await strapi.db.query(event.model.uid).findOne({ where: event.params?.where, select: ['documentId'] });
      event.state.journeyMapDocumentIds = row ? [row.documentId] : [];
    },
    async afterDelete(event: any) {
      const ids: string[] = event.state?.journeyMapDocumentIds ?? [];
      if (ids.length) await strapi.plugin(PLUGIN_ID).service('cleanup').removeOrphans(event.model.uid, ids);
    },
  } as any);
}
