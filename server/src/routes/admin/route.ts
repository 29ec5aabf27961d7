import { ACTIONS } from '../../permissions';

/** Every admin route requires an authenticated admin holding one of the plugin's RBAC actions. */
export const guarded = (action: keyof typeof ACTIONS) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [ACTIONS[action]] } }],
});
