import type { Core } from '@strapi/strapi';
import { entryPermissions } from '../permissions/entries';
import { PLUGIN_ID } from '../pluginId';
import { z } from 'zod';
import { parse } from '../validation/parse';
import { action } from './respond';

const reportsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);
  return {
    coverage: action(async (ctx) => {
      const { format, ...query } = ctx.query ?? {};
      if (format === undefined || format === 'json') return service('coverage').matrix(query);
      parse(z.object({ format: z.enum(['json', 'csv']) }), { format }, 'query');
      const { filename, body } = await service('coverageCsv').render(query);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      ctx.body = body;
      return undefined;
    }),

    /** The audit and its CSV list only the entries the caller may read in the Content Manager. */
    audit: async (ctx: any) => {
      const readable = entryPermissions(strapi, ctx).readScope();
      if (ctx.query.format === 'csv') {
        const stream = await service('audit').csv(ctx.query, readable);
        const date = service('clock').now().toISOString().slice(0, 10);
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.set('Content-Disposition', `attachment; filename="journey-map-audit-${date}.csv"`);
        ctx.body = stream;
        return;
      }
      ctx.body = await service('audit').list(ctx.query, readable);
    },
  };
};

export default reportsController;
