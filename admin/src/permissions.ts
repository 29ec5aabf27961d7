import { PLUGIN_ID } from './pluginId';

const action = (uid: string) => [{ action: `plugin::${PLUGIN_ID}.${uid}`, subject: null }];

/** The plugin's RBAC actions, in the shape `useRBAC` and menu links expect. */
export const PERMISSIONS = {
  read: action('read'),
  tag: action('tag'),
  manage: action('manage'),
  settings: action('settings'),
};
