import type { Core } from '@strapi/strapi';
import { entryPermissions } from '../permissions/entries';
import { PLUGIN_ID } from '../pluginId';
import { parse } from '../validation/parse';
import { snapshotParams } from '../validation/snapshots';
import { writeShape } from '../validation/read-shape';
import { action } from './respond';

/**
 * Snapshots of a journey's coverage and audit counts (reading needs `read`; taking and deleting `manage`).
 * Their entry lists show only the entries the caller may read in the Content Manager.
 */
const snapshotsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('snapshots');
  const id = (ctx: any) => parse(snapshotParams, ctx.params, 'params').id;
  return {
    list: async (ctx: any) => {
      ctx.body = await service().list(ctx.query);
    },
    get: action((ctx) => service().get(id(ctx), entryPermissions(strapi, ctx).readScope())),
    take: action((ctx) => service().take(writeShape.snapshot(ctx.request.body))),
    remove: action((ctx) => service().remove(id(ctx))),
    compare: action((ctx) => service().compare(ctx.query, entryPermissions(strapi, ctx).readScope())),
  };
};

export default snapshotsController;
