import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { action } from './respond';

const reportsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);
  return {
    coverage: action((ctx) => service('coverage').matrix(ctx.query)),

    audit: async (ctx: any) => {
      if (ctx.query.format === 'csv') {
        const stream = await service('audit').csv(ctx.query);
        const date = new Date().toISOString().slice(0, 10);
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.set('Content-Disposition', `attachment; filename="journey-map-audit-${date}.csv"`);
        ctx.body = stream;
        return;
      }
      ctx.body = await service('audit').list(ctx.query);
    },
  };
};

export default reportsController;
