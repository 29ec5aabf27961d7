/**
 * The browser snippet the plugin serves at GET /api/journey-map/snippet.js, built from this file and
 * send.ts (the client's own id and retry code) by scripts/generate-snippet.js into
 * server/src/measure/snippet-code.ts. A page sets `data-phase` / `data-cta` on the script tag (or calls
 * `journeyMap.track(...)`); clicks on elements with `data-jm-cta` send click events,
 * `journeyMap.convert(cta)` a conversion. Each event gets an id, kept by its retries (network errors,
 * 5xx, 429), so it counts once. The session id lives in sessionStorage (gone when the tab closes), never
 * in a cookie. Not part of the package's exports.
 */
import { eventId, postEvents, type FetchLike } from './send';
import type { IngestEvent } from './contracts';

type Ref = { cta?: string; phase?: string; content?: { uid: string; documentId: string } };
/** The page's globals, typed here (the package has no DOM types). */
const w = globalThis as unknown as {
  document: {
    currentScript: { src?: string; dataset?: Record<string, string | undefined> } | null;
    addEventListener(type: string, fn: (e: { target: any }) => void, capture: boolean): void;
  };
  sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
  fetch: FetchLike;
  setTimeout: (fn: () => void, ms: number) => unknown;
  journeyMap: unknown;
};
const d = w.document;
const s = d.currentScript || {};
const ds = s.dataset || {};
const url = ds.endpoint || (s.src ? s.src.replace(/\/snippet\.js(\?.*)?$/, '/events') : '/api/journey-map/events');
let session: string | undefined;
try {
  session = w.sessionStorage.getItem('jm-session') || undefined;
  if (!session) w.sessionStorage.setItem('jm-session', (session = eventId()));
} catch {
  session = undefined;
}

function track(type: IngestEvent['type'], ref: Ref = {}) {
  const event: IngestEvent = { type, id: eventId(), session };
  if (ref.cta) event.cta = ref.cta;
  if (ref.phase) event.phase = ref.phase;
  if (ref.content) event.content = ref.content;
  postEvents((input, init) => w.fetch(input, init), url, [event], {
    headers: ds.token ? { Authorization: 'Bearer ' + ds.token } : {},
    retries: 3,
    retryUnsure: true,
    sleep: (ms) => new Promise<void>((resolve) => w.setTimeout(resolve, ms)),
  }).catch(() => undefined);
}

w.journeyMap = {
  track,
  view: (r?: Ref) => track('view', r),
  click: (r?: Ref) => track('click', r),
  convert: (r: string | Ref) => track('conversion', typeof r === 'string' ? { cta: r } : r),
};
if (ds.phase || ds.cta) track('view', { phase: ds.phase, cta: ds.cta });
d.addEventListener(
  'click',
  (e) => {
    const el = e.target && e.target.closest ? e.target.closest('[data-jm-cta]') : null;
    if (el) track('click', { cta: el.getAttribute('data-jm-cta') });
  },
  true
);
