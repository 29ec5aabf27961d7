export const PLUGIN_ID = 'journey-map';

/** Content-type UIDs of the plugin's own models. */
export const UID = {
  journey: 'plugin::journey-map.journey',
  phase: 'plugin::journey-map.phase',
  persona: 'plugin::journey-map.persona',
  cta: 'plugin::journey-map.cta',
  assignment: 'plugin::journey-map.assignment',
} as const;
