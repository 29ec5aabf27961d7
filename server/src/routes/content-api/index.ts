export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/journeys/:slug', handler: 'journey.findOne', config: {} },
    { method: 'GET', path: '/content', handler: 'content.find', config: {} },
    { method: 'POST', path: '/events', handler: 'events.ingest', config: {} },
    // The snippet is public (no secret in it): a site can load it before granting the events route.
    { method: 'GET', path: '/snippet.js', handler: 'events.snippet', config: { auth: false } },
  ],
};
