import { ConflictError } from '../utils/errors';

/**
 * Wraps a controller action: Strapi's error middleware answers 400/403/404 for its own error classes;
 * conflicts (409) carry their details (for example how many assignments block a delete).
 */
export const action =
  (handler: (ctx: any) => Promise<unknown>) =>
  async (ctx: any) => {
    try {
      const data = await handler(ctx);
      if (data !== undefined) ctx.body = { data };
    } catch (error) {
      if (error instanceof ConflictError) {
        ctx.status = 409;
        ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: error.message, details: error.details ?? {} } };
        return;
      }
      throw error;
    }
  };
