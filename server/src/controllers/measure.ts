import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { action } from './respond';

/** Admin API of the Measure page. */
const measureController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('measure');
  return {
    kpis: action((ctx) => service().kpis(ctx.query)),
    paths: action((ctx) => service().paths(ctx.query)),
    gaps: action((ctx) => service().gaps(ctx.query)),
    listKpiValues: action((ctx) => service().listKpiValues(ctx.query)),
    putKpiValue: action((ctx) => service().putKpiValue(ctx.request.body)),
    deleteKpiValue: action((ctx) => service().deleteKpiValue(ctx.params)),
  };
};

export default measureController;
