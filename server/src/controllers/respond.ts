/**
 * Strapi's error middleware recognises only its own copy of `@strapi/utils` (`instanceof`). A site whose
 * node_modules hold a second copy (npm does this for many yarn-locked sites) would turn every error the
 * plugin throws into a 500. So the plugin answers its errors itself, through Koa's context, recognising
 * them by `name` (Strapi's error classes) or by an HTTP `status` (http-errors), never by class.
 */
const STATUS_BY_NAME: Record<string, number> = {
  ApplicationError: 400,
  ValidationError: 400,
  YupValidationError: 400,
  PaginationError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  PolicyError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  PayloadTooLargeError: 413,
  RateLimitError: 429,
  NotImplementedError: 501,
};

type AnswerableError = Error & { status?: unknown; statusCode?: unknown; expose?: unknown; details?: unknown };

/** The status an error should be answered with, or null for an unexpected error (left to Strapi: 500). */
export function statusOf(error: unknown): number | null {
  if (!(error instanceof Error)) return null;
  const e = error as AnswerableError;
  const httpStatus = Number(e.status ?? e.statusCode);
  if (Number.isInteger(httpStatus) && httpStatus >= 400 && httpStatus < 500 && e.expose !== false) return httpStatus;
  return STATUS_BY_NAME[e.name] ?? null;
}

/** Strapi's error body: `{ data: null, error: { status, name, message, details } }`. */
export function answerError(ctx: any, error: unknown): boolean {
  const status = statusOf(error);
  if (status === null) return false;
  const e = error as AnswerableError;
  const details = e.details && typeof e.details === 'object' ? e.details : {};
  ctx.status = status;
  ctx.body = { data: null, error: { status, name: e.name, message: e.message, details } };
  return true;
}

/** Wraps a controller action so that the plugin's errors keep their status (the rest is rethrown). */
export const answerErrors =
  (handler: (ctx: any, next?: any) => unknown) =>
  async (ctx: any, next?: any) => {
    try {
      return await handler(ctx, next);
    } catch (error) {
      if (!answerError(ctx, error)) throw error;
      return undefined;
    }
  };

/** A controller action returning data: answered as `{ data }`, errors answered as above. */
export const respond = (handler: (ctx: any) => Promise<unknown>) =>
  answerErrors(async (ctx: any) => {
    const data = await handler(ctx);
    if (data !== undefined) ctx.body = { data };
  });

/** Applies `answerErrors` to every action of a controller factory (see controllers/index.ts). */
export const answeringErrors =
  <D, C extends Record<string, unknown>>(factory: (deps: D) => C) =>
  (deps: D): C =>
    Object.fromEntries(
      Object.entries(factory(deps)).map(([name, fn]) => [name, typeof fn === 'function' ? answerErrors(fn as any) : fn])
    ) as C;
