import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** The admin route a `strapi transfer --to` pushes through (a websocket). */
export const TRANSFER_PUSH_PATH = '/admin/transfer/runner/push';

/**
 * When the origin check runs after a push ends, in ms. The transfer commits its transaction as the
 * connection closes, so the first check may still see the old data: later ones catch the commit.
 */
const CHECK_AFTER_MS = [500, 5_000, 30_000];

/**
 * `strapi transfer` into this running site: Strapi replaces the data in one transaction and keeps
 * running, so no boot notices the move. This middleware waits for the end of each push connection, then
 * runs the origin check (services/origin), which rebuilds the derived tables from the moved data, and
 * builds the tag-suggestion models again. Other instances of the site notice the move in their hourly job.
 * Registered in `register` so that it wraps the admin's routes.
 */
const watchers = new WeakMap<Core.Strapi, () => void>();

export function watchTransfers(strapi: Core.Strapi) {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const checkLater = (attempt: number) => {
    if (stopped || attempt >= CHECK_AFTER_MS.length) return;
    const timer = setTimeout(async () => {
      timers.delete(timer);
      try {
        const { moved } = await getService(strapi, 'origin').check();
        if (moved) await getService(strapi, 'suggestions').rebuildAll();
        else checkLater(attempt + 1);
      } catch (error) {
        strapi.log.error(`[journey-map] origin check after a transfer failed: ${(error as Error).message}`);
        checkLater(attempt + 1);
      }
    }, CHECK_AFTER_MS[attempt] - (attempt ? CHECK_AFTER_MS[attempt - 1] : 0));
    timer.unref();
    timers.add(timer);
  };

  strapi.server.use(async (ctx, next) => {
    await next();
    // The websocket was accepted (the handler took the socket over): check once it closes.
    if (ctx.path === TRANSFER_PUSH_PATH && ctx.respond === false) ctx.req.socket.once('close', () => checkLater(0));
  });

  watchers.set(strapi, () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });
}

/** Cancels the checks still waiting (destroy). */
export function stopWatchingTransfers(strapi: Core.Strapi) {
  watchers.get(strapi)?.();
}
