import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { SNIPPET } from '../measure/snippet';
import { action } from './respond';

/** Content API: event ingestion (Users & Permissions decide who may post) and the browser snippet. */
const eventsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  ingest: action(async (ctx) => {
    try {
      return await strapi.plugin(PLUGIN_ID).service('ingest').ingest(ctx);
    } catch (error: any) {
      if (error?.name === 'RateLimitError' && error.details?.retryAfter) ctx.set('Retry-After', String(error.details.retryAfter));
      if (error?.name === 'UnauthorizedError') {
        // Strapi's error middleware would reduce the message to "Unauthorized"; say which header is wrong.
        ctx.status = 401;
        ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: error.message, details: {} } };
        return undefined;
      }
      throw error;
    }
  }),
  snippet: async (ctx: any) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = SNIPPET;
  },
});

export default eventsController;
