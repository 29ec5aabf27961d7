/**
 * 6. POST /api/journey-map/events — ingestion throughput: 20 concurrent clients posting batches of 10
 * through the real route, then the counter is checked to hold exactly the events sent (no lost count).
 */
const { performance } = require('perf_hooks');

const CLIENTS = 20;
const BATCH = 10;
const REQUESTS_PER_CLIENT = 50;

async function clickTotal(strapi, ctaId) {
  const row = await strapi.db.connection('jm_metric_counters').where({ cta_id: ctaId, event_type: 'click' }).sum({ total: 'total' }).first();
  return Number(row?.total ?? 0);
}

module.exports = {
  id: 'ingest',
  async run(ctx) {
    const { strapi, api, journey, baseUrl } = ctx;
    // The events route is governed like any content API route; the bench posts with a full-access API token.
    const { accessKey } = await strapi.service('admin::api-token').create({ name: 'bench-ingest', type: 'full-access', lifespan: null });
    // The per-client rate limit protects a site from one noisy client; here every client is 127.0.0.1.
    await api.put('/journey-map/settings', { rateLimitPerMinute: 100000 });
    const cta = (await api.get(`/journey-map/ctas?journey=${journey.documentId}`)).data[0];
    const before = await clickTotal(strapi, cta.documentId);

    const post = async (client, i) => {
      const events = Array.from({ length: BATCH }, () => ({ type: 'click', cta: cta.documentId, phase: cta.phase.documentId, session: `bench-session-${client}` }));
      const res = await fetch(`${baseUrl}/api/journey-map/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessKey}` },
        body: JSON.stringify({ events }),
      });
      const body = await res.json();
      if (res.status !== 200 || body.data.accepted !== BATCH) throw new Error(`events request ${client}/${i} -> ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => post(c, 'warm-up')));

    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < REQUESTS_PER_CLIENT; i += 1) await post(client, i);
      })
    );
    const seconds = (performance.now() - started) / 1000;
    const sent = CLIENTS * BATCH * (REQUESTS_PER_CLIENT + 1);
    const counted = (await clickTotal(strapi, cta.documentId)) - before;
    if (counted !== sent) throw new Error(`ingestion lost counts: sent ${sent} events, the counter grew by ${counted}`);
    const events = CLIENTS * REQUESTS_PER_CLIENT * BATCH;
    return {
      id: 'ingest',
      label: `ingestion (${CLIENTS} clients, batches of ${BATCH}, ${events} events; counted exactly)`,
      unit: 'events/s',
      value: Math.round(events / seconds),
    };
  },
};
