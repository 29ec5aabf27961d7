/**
 * A content-API route that does nothing: the benchmark's floor for event ingestion (the same HTTP, body
 * parsing and Users & Permissions check as POST /api/journey-map/events, and no work). Like every route it
 * is closed until a role is granted `api::ping.ping.accept`.
 */
export default {
  routes: [{ method: 'POST', path: '/ping', handler: 'ping.accept', config: { policies: [] } }],
};
