import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { coverageChangesQuery, coverageFormat, coverageHistoryQuery, coverageQuery } from '../../../shared/contracts/coverage';
import { performanceQuery } from '../../../shared/contracts/performance';
import { entryPermissions } from '../permissions/entries';
import { parse } from '../validation/parse';
import { respond } from './respond';

const coverageController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /coverage`: the matrix as JSON (`{ data }`), or as a CSV download with `format=csv`. */
  matrix: respond(async (ctx) => {
    const { format: asked, ...rest } = ctx.query ?? {};
    const { format } = parse(coverageFormat, { format: asked }, 'query');
    const query = parse(coverageQuery, rest, 'query');
    if (format !== 'csv') return getService(strapi, 'coverage').matrix(query);
    const { filename, body } = await getService(strapi, 'coverageCsv').render(query);
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
    ctx.body = body;
    return undefined;
  }),

  /** `GET /coverage/history`: each cell's daily series over the last `days` days. */
  history: respond(async (ctx) => getService(strapi, 'cellHistory').history(parse(coverageHistoryQuery, ctx.query ?? {}, 'query'))),

  /** `GET /coverage/changes`: the gaps opened and closed since a day. */
  changes: respond(async (ctx) => getService(strapi, 'cellHistory').changes(parse(coverageChangesQuery, ctx.query ?? {}, 'query'))),

  /**
   * `GET /coverage/performance`: views and conversions per cell over a period, from imported analytics;
   * only the entries the caller may read in the Content Manager count.
   */
  performance: respond(async (ctx) => {
    const query = parse(performanceQuery, ctx.query ?? {}, 'query');
    return getService(strapi, 'performance').report(query, entryPermissions(strapi, ctx).readScope());
  }),
});

export default coverageController;
