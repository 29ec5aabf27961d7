/**
 * 6. POST /api/journey-map/events — ingestion throughput: 20 concurrent clients posting batches of 10
 * through the real route, then the counter is checked to hold exactly the events sent (no lost count).
 * The floor: the same clients posting the same bodies to the playground's no-op content-API route
 * (POST /api/ping, granted to the Public role like the events route), in the same run.
 */
const { Worker } = require('worker_threads');

const CLIENTS = 20;
const BATCH = 10;
const REQUESTS_PER_CLIENT = 50;

/** Runs in the worker: `warmup` untimed rounds of one request per client, then the timed requests; posts the seconds taken. */
const CLIENT_CODE = `
const { parentPort, workerData: w } = require('worker_threads');
const { performance } = require('perf_hooks');
const post = async (client, i) => {
  const events = Array.from({ length: w.batch }, () => ({ type: 'click', cta: w.cta, phase: w.phase, session: 'bench-session-' + client }));
  const res = await fetch(w.baseUrl + w.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-journey-map-key': w.ingestionKey },
    body: JSON.stringify({ events }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.data.accepted !== w.batch) throw new Error('events request ' + client + '/' + i + ' -> ' + res.status + ': ' + JSON.stringify(body).slice(0, 300));
};
(async () => {
  for (let round = 0; round < w.warmup; round += 1) await Promise.all(Array.from({ length: w.clients }, (_, c) => post(c, 'warm-up ' + round)));
  const started = performance.now();
  await Promise.all(Array.from({ length: w.clients }, async (_, client) => {
    for (let i = 0; i < w.requests; i += 1) await post(client, i);
  }));
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000 });
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

function runClients(options) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, {
      eval: true,
      workerData: { ...options, clients: CLIENTS, batch: BATCH, requests: REQUESTS_PER_CLIENT },
    });
    worker.once('message', (m) => {
      void worker.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m.seconds);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`ingest clients exited with ${code}`)));
  });
}

async function clickTotal(strapi, ctaId) {
  const row = await strapi.db
    .connection('jm_metric_counters')
    .where({ cta_id: ctaId, event_type: 'click' })
    .sum({ total: 'total' })
    .first();
  return Number(row?.total ?? 0);
}

module.exports = {
  id: 'ingest',
  async run(ctx) {
    const { strapi, api, journey, baseUrl } = ctx;
    // As a site's snippet does: the Public role may post events, and the request carries the ingestion key
    // (a browser holds no API token).
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    for (const action of ['plugin::journey-map.events.ingest', 'api::ping.ping.accept']) {
      await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
    const ingestionKey = 'bench-ingestion-key-0123456789';
    // The per-client rate limit protects a site from one noisy client; here every client is 127.0.0.1.
    await api.put('/journey-map/settings', { rateLimitPerMinute: 100000, ingestionKey });
    const cta = (await api.get(`/journey-map/ctas?journey=${journey.documentId}`)).data[0];
    const before = await clickTotal(strapi, cta.documentId);

    // The clients run in a worker thread, as a site's visitors run elsewhere: the measured process's event
    // loop serves requests and does not also build and parse them.
    const warmup = Math.max(1, ctx.options?.warmup ?? 1);
    const clients = { baseUrl, ingestionKey, cta: cta.documentId, phase: cta.phase.documentId, warmup };
    const noopSeconds = await runClients({ ...clients, path: '/api/ping' });
    const seconds = await runClients({ ...clients, path: '/api/journey-map/events' });
    const sent = CLIENTS * BATCH * (REQUESTS_PER_CLIENT + warmup);
    const counted = (await clickTotal(strapi, cta.documentId)) - before;
    if (counted !== sent) throw new Error(`ingestion lost counts: sent ${sent} events, the counter grew by ${counted}`);
    const events = CLIENTS * REQUESTS_PER_CLIENT * BATCH;
    return [
      {
        id: 'noop-route',
        label: `reference: no-op content-API route (POST /api/ping, same clients and bodies)`,
        unit: 'requests/s',
        value: Math.round((CLIENTS * REQUESTS_PER_CLIENT) / noopSeconds),
      },
      {
        id: 'ingest',
        label: `ingestion (${CLIENTS} clients, batches of ${BATCH}, ${events} events; counted exactly)`,
        unit: 'requests/s',
        value: Math.round((CLIENTS * REQUESTS_PER_CLIENT) / seconds),
        eventsPerSecond: Math.round(events / seconds),
      },
    ];
  },
};
