export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/journeys/:slug', handler: 'journey.findOne', config: {} },
    { method: 'GET', path: '/content', handler: 'content.find', config: {} },
  ],
};
