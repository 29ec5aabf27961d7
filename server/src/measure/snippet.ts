import { SNIPPET_CODE } from './snippet-code';

/**
 * The browser snippet served at GET /api/journey-map/snippet.js: dependency-free, about 2.4 KB, built from
 * the client package's own send code (packages/client/src/snippet.ts and send.ts, bundled by
 * scripts/generate-snippet.js), so it gives each event an id and retries like the client: an event counts
 * once. A page sets `data-phase` / `data-cta` on the script tag (or calls `journeyMap.track(...)`); clicks
 * on elements with `data-jm-cta` send click events, `journeyMap.convert(cta)` a conversion. The session id
 * lives in sessionStorage (gone when the tab closes), never in a cookie.
 */
export const SNIPPET = SNIPPET_CODE;
