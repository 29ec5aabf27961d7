import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { SNIPPET } from '../measure/snippet';
import { INGESTION_KEY_HEADER } from '../services/ingest';
import { PayloadTooLargeError } from '../utils/errors';
import { parse } from '../validation/parse';
import { MAX_BODY_BYTES, eventsBody, type CheckedEvent } from '../../../shared/contracts/measure';
import { respond } from './respond';

/** The body's events, or the 400 naming the wrong field: the service throws it once the request has counted towards the rate limit. */
const eventsOf = (body: unknown): CheckedEvent[] | Error => {
  try {
    return parse(eventsBody, body, 'body').events;
  } catch (error) {
    return error as Error;
  }
};

/** Content API: event ingestion (Users & Permissions decide who may post) and the browser snippet. */
const eventsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  ingest: respond(async (ctx) => {
    try {
      const body: unknown = ctx.request.body;
      // Content-Length, or the parsed body's size when the request had none (chunked).
      const bytes = Number(ctx.request.length ?? 0) || Buffer.byteLength(JSON.stringify(body ?? ''));
      if (bytes > MAX_BODY_BYTES) throw new PayloadTooLargeError(`body too large: at most ${MAX_BODY_BYTES} bytes`);
      return await getService(strapi, 'ingest').ingest({
        key: String(ctx.request.get(INGESTION_KEY_HEADER) ?? ''),
        clientAddress: String(ctx.request.ip ?? ''),
        events: eventsOf(body),
      });
    } catch (error) {
      const e = error as { name?: string; message?: string; details?: { retryAfter?: number } } | null;
      if (e?.name === 'RateLimitError' && e.details?.retryAfter) ctx.set('Retry-After', String(e.details.retryAfter));
      if (e?.name === 'UnauthorizedError') {
        // Strapi's error middleware would reduce the message to "Unauthorized"; say which header is wrong.
        ctx.status = 401;
        ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: e.message, details: {} } };
        return undefined;
      }
      throw error;
    }
  }),
  snippet: respond(async (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = SNIPPET;
    return undefined;
  }),
});

export default eventsController;
