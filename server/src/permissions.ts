import { PLUGIN_ID } from './pluginId';

/** The plugin's four RBAC actions (docs/permissions.md), as registered with the admin's action provider. */
export const ACTIONS = {
  read: `plugin::${PLUGIN_ID}.read`,
  tag: `plugin::${PLUGIN_ID}.tag`,
  manage: `plugin::${PLUGIN_ID}.manage`,
  settings: `plugin::${PLUGIN_ID}.settings`,
} as const;

export const actionDefinitions = [
  { uid: 'read', displayName: 'Read journey maps, content map, audit and measures' },
  { uid: 'tag', displayName: 'Tag entries with phases and personas' },
  { uid: 'manage', displayName: 'Manage journeys, phases, personas, CTAs and snapshots' },
  { uid: 'settings', displayName: 'Change Journey Map settings' },
].map((action) => ({ section: 'plugins', pluginName: PLUGIN_ID, ...action }));
