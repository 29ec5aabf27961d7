import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { parse } from '../validation/parse';
import { kpiValueBody, kpiValueParams, kpiValuesQuery, kpisQuery, pathsQuery } from '../../../shared/contracts/measure';
import { importFieldsSchema } from '../../../shared/contracts/imports';
import { ValidationError } from '../utils/errors';
import { respond } from './respond';

/** The uploaded CSV's path on disk (Strapi's body parser writes multipart files to a temp file it removes after the request). */
const uploadedFile = (ctx: any): string => {
  const file = ctx.request.files?.file;
  if (Array.isArray(file)) throw new ValidationError('body.file: attach one file');
  if (!file?.filepath) throw new ValidationError('body.file: attach the CSV export as the multipart field "file"');
  return String(file.filepath);
};

/** Admin API of the Measure page. */
const measureController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'measure');
  return {
    kpis: respond((ctx) => service().kpis(parse(kpisQuery, ctx.query, 'query'))),
    paths: respond((ctx) => service().paths(parse(pathsQuery, ctx.query, 'query'))),
    gaps: respond((ctx) => service().gaps(parse(pathsQuery, ctx.query, 'query'))),
    listKpiValues: respond((ctx) => service().listKpiValues(parse(kpiValuesQuery, ctx.query, 'query'))),
    putKpiValue: respond((ctx) => service().putKpiValue(parse(kpiValueBody, ctx.request.body, 'body'))),
    importAnalytics: respond((ctx) =>
      getService(strapi, 'imports').importFile({ filePath: uploadedFile(ctx), fields: parse(importFieldsSchema, ctx.request.body ?? {}, 'body'), dryRun: false })
    ),
    previewImport: respond((ctx) =>
      getService(strapi, 'imports').importFile({ filePath: uploadedFile(ctx), fields: parse(importFieldsSchema, ctx.request.body ?? {}, 'body'), dryRun: true })
    ),
    deleteKpiValue: respond((ctx) => service().deleteKpiValue(Number(parse(kpiValueParams, ctx.params, 'params').id))),
  };
};

export default measureController;
