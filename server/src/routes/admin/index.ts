import { guarded } from './route';

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/settings', handler: 'settings.get', config: guarded('settings') },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: guarded('settings') },
    { method: 'GET', path: '/content-types', handler: 'contentTypes.list', config: guarded('read') },
  ],
};
