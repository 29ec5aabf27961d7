/**
 * The browser snippet served at GET /api/journey-map/snippet.js: dependency-free, about 1 KB. A page sets
 * `data-phase` / `data-cta` on the script tag (or calls `journeyMap.track(...)`); clicks on elements with
 * `data-jm-cta` send click events, `journeyMap.convert(cta)` a conversion. The session id lives in
 * sessionStorage (gone when the tab closes), never in a cookie.
 */
export const SNIPPET = `/* Journey Map event snippet */
(function (w, d) {
  var s = d.currentScript || {}, ds = s.dataset || {};
  var url = ds.endpoint || (s.src ? s.src.replace(/\\/snippet\\.js(\\?.*)?$/, '/events') : '/api/journey-map/events');
  var session;
  try {
    session = sessionStorage.getItem('jm-session');
    if (!session) { session = (w.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now()).replace(/[^A-Za-z0-9_-]/g, ''); sessionStorage.setItem('jm-session', session); }
  } catch (e) { session = undefined; }
  function send(event) {
    var body = JSON.stringify(event), headers = { 'Content-Type': 'application/json' };
    if (ds.token) headers.Authorization = 'Bearer ' + ds.token;
    try { fetch(url, { method: 'POST', headers: headers, body: body, keepalive: true, credentials: 'omit' }); } catch (e) {}
  }
  function track(type, ref) {
    var event = { type: type, session: session };
    ref = ref || {};
    if (ref.cta) event.cta = ref.cta;
    if (ref.phase) event.phase = ref.phase;
    if (ref.content) event.content = ref.content;
    send(event);
  }
  w.journeyMap = { track: track, view: function (r) { track('view', r); }, click: function (r) { track('click', r); }, convert: function (r) { track('conversion', typeof r === 'string' ? { cta: r } : r); } };
  if (ds.phase || ds.cta) track('view', { phase: ds.phase, cta: ds.cta });
  d.addEventListener('click', function (e) {
    var el = e.target && e.target.closest ? e.target.closest('[data-jm-cta]') : null;
    if (el) track('click', { cta: el.getAttribute('data-jm-cta') });
  }, true);
})(window, document);
`;
