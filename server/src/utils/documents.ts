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
