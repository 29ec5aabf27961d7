import type { Core, UID } from '@strapi/strapi';

type Subscriber = Parameters<Core.Strapi['db']['lifecycles']['subscribe']>[0];
/** The event Strapi's database passes to lifecycle subscribers. */
export type LifecycleEvent = Parameters<Extract<Subscriber, (...args: never[]) => unknown>>[0];
/** Lifecycle hooks keyed by action, as `strapi.db.lifecycles.subscribe` takes them. */
export type LifecycleHooks = Exclude<Subscriber, (...args: never[]) => unknown>;

const documentIdOf = (row: unknown): string | undefined =>
  row && typeof row === 'object' && 'documentId' in row && typeof row.documentId === 'string' ? row.documentId : undefined;

/** The documentId of the row a single create or update wrote. */
export const resultDocumentId = (event: LifecycleEvent): string | undefined => documentIdOf(event.result);

/** The documentIds of rows of the event's model, by row id or by the event's own `where`. */
export async function documentIdsWhere(strapi: Core.Strapi, event: LifecycleEvent, where: unknown, many: boolean): Promise<string[]> {
  const q = strapi.db.query(event.model.uid as UID.Schema);
  const rows: unknown[] = many ? await q.findMany({ where, select: ['documentId'] }) : [await q.findOne({ where, select: ['documentId'] })];
  return [...new Set(rows.map(documentIdOf).filter((id): id is string => Boolean(id)))];
}

/**
 * Keeps, on the event, the documentIds of the rows a `*Many` call or a delete is about to touch, for its
 * after-hook (which no longer sees them): `remember` in the before-hook, `remembered` in the after-hook.
 */
export const rememberDocumentIds = (strapi: Core.Strapi, key: string) => ({
  async remember(event: LifecycleEvent, many: boolean) {
    event.state[key] = await documentIdsWhere(strapi, event, event.params?.where, many);
  },
  remembered(event: LifecycleEvent): string[] {
    const ids = event.state?.[key];
    return Array.isArray(ids) ? ids : [];
  },
});
