import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { parse } from '../validation/parse';
import { kpiValueBody, kpiValueParams, kpiValuesQuery, kpisQuery, pathsQuery } from '../../../shared/contracts/measure';
import { respond } from './respond';

/** Admin API of the Measure page. */
const measureController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'measure');
  return {
    kpis: respond((ctx) => service().kpis(parse(kpisQuery, ctx.query, 'query'))),
    paths: respond((ctx) => service().paths(parse(pathsQuery, ctx.query, 'query'))),
    gaps: respond((ctx) => service().gaps(parse(pathsQuery, ctx.query, 'query'))),
    listKpiValues: respond((ctx) => service().listKpiValues(parse(kpiValuesQuery, ctx.query, 'query'))),
    putKpiValue: respond((ctx) => service().putKpiValue(parse(kpiValueBody, ctx.request.body, 'body'))),
    deleteKpiValue: respond((ctx) => service().deleteKpiValue(Number(parse(kpiValueParams, ctx.params, 'params').id))),
  };
};

export default measureController;
