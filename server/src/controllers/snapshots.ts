import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { entryPermissions } from '../permissions/entries';
import { parse } from '../validation/parse';
import { snapshotCompareQuery, snapshotCreate, snapshotListQuery, snapshotParams } from '../../../shared/contracts/snapshots';
import { writeShape } from '../validation/read-shape';
import { respond } from './respond';

/**
 * Snapshots of a journey's coverage and audit counts (reading needs `read`; taking and deleting `manage`).
 * Their entry lists show only the entries the caller may read in the Content Manager.
 */
const snapshotsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'snapshots');
  const id = (ctx: { params: unknown }) => parse(snapshotParams, ctx.params, 'params').id;
  return {
    /** Answered as the service's `{ data, meta }` (not wrapped again). */
    list: async (ctx: Context) => {
      ctx.body = await service().list(parse(snapshotListQuery, ctx.query, 'query'));
    },
    get: respond((ctx) => service().get(id(ctx), entryPermissions(strapi, ctx).readScope())),
    take: respond((ctx) => service().take(parse(snapshotCreate, writeShape.snapshot(ctx.request.body), 'body'))),
    remove: respond((ctx) => service().remove(id(ctx))),
    compare: respond((ctx) => service().compare(parse(snapshotCompareQuery, ctx.query, 'query'), entryPermissions(strapi, ctx).readScope())),
  };
};

export default snapshotsController;
