import fs from 'fs';
import vm from 'vm';
const { generate, OUT } = require('../../scripts/generate-snippet.js');
const { SNIPPET } = require('../../server/src/measure/snippet');

/** Runs the snippet in a sandbox page: a script tag with `dataset`, sessionStorage, and a fetch from `answers`. */
function page(dataset: Record<string, string>, answers: Array<number | Error>) {
  const calls: Array<{ url: string; init: any }> = [];
  const listeners: Array<(e: unknown) => void> = [];
  const storage = new Map<string, string>();
  const sandbox: any = {
    document: { currentScript: { src: 'https://cms.test/api/journey-map/snippet.js', dataset }, addEventListener: (_t: string, fn: (e: unknown) => void) => listeners.push(fn) },
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
    fetch: async (url: string, init: any) => {
      calls.push({ url, init });
      const a = answers[Math.min(calls.length - 1, answers.length - 1)];
      if (a instanceof Error) throw a;
      return { ok: a < 300, status: a, headers: { get: () => null }, json: async () => ({ data: { received: 1, accepted: 1, duplicates: 0, rejected: [] } }) };
    },
    setTimeout: (fn: () => void) => setImmediate(fn),
    crypto: globalThis.crypto,
    Date,
    Math,
    JSON,
    Promise,
    Error,
    Number,
  };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(SNIPPET, sandbox);
  return { calls, listeners, sandbox, storage };
}
/**
 * Lets the snippet's sends and retries run: until `done` holds (at most ~5 s on a loaded machine), then a few more
 * turns of the event loop so that a send that should not happen would show up.
 */
async function settle(done: () => boolean) {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('the measure snippet', () => {
  it('is the bundle of the client send code (run node scripts/generate-snippet.js when this fails), under 4,000 characters', () => {
    expect(fs.readFileSync(OUT, 'utf8')).toBe(generate());
    expect(SNIPPET.startsWith('/* Journey Map event snippet */')).toBe(true);
    expect(SNIPPET.length).toBeLessThan(4000);
  });

  it('sends a view with an id and the session, and retries a lost answer with the same body', async () => {
    const p = page({ phase: 'phasedocumentid000000000', token: 'tok' }, [new TypeError('fetch failed'), 503, 200]);
    await settle(() => p.calls.length >= 3);
    expect(p.calls).toHaveLength(3);
    expect(p.calls[0].url).toBe('https://cms.test/api/journey-map/events');
    expect(p.calls[0].init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit', headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' } });
    const body = JSON.parse(p.calls[0].init.body);
    expect(body).toEqual({ events: [{ type: 'view', phase: 'phasedocumentid000000000', id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), session: p.storage.get('jm-session') }] });
    expect(new Set(p.calls.map((c) => c.init.body)).size).toBe(1);
  });

  it('gives each event its own id, and never retries a 400', async () => {
    const p = page({}, [400]);
    p.sandbox.journeyMap.convert('ctadocumentid00000000000');
    p.listeners[0]({ target: { closest: () => ({ getAttribute: () => 'ctadocumentid00000000001' }) } });
    await settle(() => p.calls.length >= 2);
    expect(p.calls).toHaveLength(2);
    const events = p.calls.map((c) => JSON.parse(c.init.body).events[0]);
    expect(events.map((e) => [e.type, e.cta])).toEqual([['conversion', 'ctadocumentid00000000000'], ['click', 'ctadocumentid00000000001']]);
    expect(events[0].id).not.toBe(events[1].id);
  });
});
