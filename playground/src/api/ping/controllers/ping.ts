import type { Context } from 'koa';

export default {
  /** Answers how many events the body held, as the events route does, without counting them. */
  accept(ctx: Context) {
    const events = (ctx.request.body as { events?: unknown[] } | undefined)?.events;
    ctx.body = { data: { accepted: Array.isArray(events) ? events.length : 0 } };
  },
};
