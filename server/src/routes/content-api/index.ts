export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/journeys/:slug', handler: 'delivery.journey', config: {} },
    { method: 'GET', path: '/content', handler: 'delivery.content', config: {} },
  ],
};
