import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { entryPermissions } from '../permissions/entries';
import { auditQuery } from '../../../shared/contracts/audit';
import { parse } from '../validation/parse';

const auditController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * `GET /audit`: a page of entries as `{ data, meta }` (not wrapped again), or every row as a streamed
   * CSV with `format=csv`. Both list only the entries the caller may read in the Content Manager.
   */
  list: async (ctx: Context) => {
    const readable = entryPermissions(strapi, ctx).readScope();
    const query = parse(auditQuery, ctx.query, 'query');
    if (query.format === 'csv') {
      const stream = await getService(strapi, 'audit').csv(query, readable);
      const date = getService(strapi, 'clock').now().toISOString().slice(0, 10);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="journey-map-audit-${date}.csv"`);
      ctx.body = stream;
      return;
    }
    ctx.body = await getService(strapi, 'audit').list(query, readable);
  },
});

export default auditController;
