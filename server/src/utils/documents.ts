import type { Core, UID } from '@strapi/strapi';

/**
 * `strapi.documents(uid).findMany(params)` with its result typed as `T`. Strapi types documents from an
 * app's generated schemas, which a plugin does not have (its own and the site's types are unknown at
 * compile time), so the caller states the shape that its `fields` and `populate` select.
 */
export async function findDocuments<T>(strapi: Core.Strapi, uid: string, params: Record<string, unknown>): Promise<T[]> {
  const found: unknown = await strapi.documents(uid as UID.ContentType).findMany(params as never);
  return found as T[];
}

/** What `findModels` passes to the query engine: Strapi's own `where`, `select`, `orderBy` and `populate`. */
export interface ModelQuery {
  where: Record<string, unknown>;
  select?: string[];
  orderBy?: Array<Record<string, 'asc' | 'desc'>>;
  populate?: Record<string, unknown>;
}

/**
 * Rows of the plugin's journey model (journeys, phases, personas, CTAs) through the query engine. These
 * types have neither drafts nor locales, so this reads what the document service would, without its
 * per-call parameter traversal, validation and transaction, which cost 3–4× the read itself on the
 * reads and tag writes that run on every request (see services/journeys getJourney). Never for site
 * entries: those go through the document service and the permission checker.
 */
export async function findModels<T>(strapi: Core.Strapi, uid: string, query: ModelQuery): Promise<T[]> {
  const found: unknown = await strapi.db.query(uid as UID.Schema).findMany(query as never);
  return found as T[];
}

/** What the plugin passes to the document service: Strapi's own parameters, untyped for the same reason. */
export type DocumentParams = Record<string, unknown>;

/**
 * The document service of one content type, with results typed by the caller: each method takes the
 * shape its `fields` and `populate` select (`findOne<Phase>(…)`), `T` when it selects everything.
 */
export interface TypedDocuments<T> {
  findOne<R = T>(params: DocumentParams & { documentId: string }): Promise<R | null>;
  findFirst<R = T>(params: DocumentParams): Promise<R | null>;
  findMany<R = T>(params: DocumentParams): Promise<R[]>;
  create<R = T>(params: DocumentParams & { data: object }): Promise<R>;
  /** null when the document is gone (deleted since it was checked) */
  update<R = T>(params: DocumentParams & { documentId: string; data: object }): Promise<R | null>;
  delete(params: { documentId: string }): Promise<unknown>;
}

/** `strapi.documents(uid)` typed as `TypedDocuments<T>` (see findDocuments for why the cast is needed). */
export const typedDocuments = <T>(strapi: Core.Strapi, uid: string): TypedDocuments<T> =>
  strapi.documents(uid as UID.ContentType) as unknown as TypedDocuments<T>;
