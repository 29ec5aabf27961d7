import path from 'path';

export default ({ env }) => ({
  // The plugin is loaded from the repository root (its package.json exports map), so the playground
  // always runs the code in this checkout. PLAYGROUND_WITHOUT_PLUGIN=true boots the site without it.
  'journey-map': {
    enabled: !env.bool('PLAYGROUND_WITHOUT_PLUGIN', false),
    resolve: path.resolve(__dirname, '..', '..', '..'),
  },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET', 'playground-users-permissions-jwt-secret') },
  },
});
