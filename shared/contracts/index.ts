/**
 * The plugin's API contracts, shared by the server and the admin: request schemas (zod, used by the
 * server's controllers) and the types of requests and responses. The admin imports types only
 * (`import type`), so zod stays out of its bundle; run-time values both sides need are in ../constants.
 */
export type * from './audit';
export type * from './content-types';
export type * from './coverage';
export type * from './delivery';
export type * from './drafts';
export type * from './journeys';
export type * from './measure';
export type * from './panel';
export type * from './settings';
export type * from './snapshots';
export type * from './tags';
export type * from './transfer';
export type * from './suggestions';
export type * from './next-content';
export type * from './webhooks';
export type * from './imports';
export type * from './performance';
