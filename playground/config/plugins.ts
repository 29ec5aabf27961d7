import fs from 'fs';
import path from 'path';

/**
 * The repository root holds the plugin's package.json. This file runs from `config/` (admin build) and
 * from `dist/config/` (server), so walk up to it instead of hard-coding the depth.
 */
function pluginRoot(start: string): string {
  let dir = start;
  while (dir !== path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'strapi-plugin-journey-map') return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`strapi-plugin-journey-map not found above ${start}`);
}

export default ({ env }) => ({
  // The plugin is loaded from this repository (its package.json exports map, i.e. the built dist/),
  // so the playground always runs the code of this checkout. PLAYGROUND_WITHOUT_PLUGIN=true leaves it out.
  'journey-map': {
    enabled: !env.bool('PLAYGROUND_WITHOUT_PLUGIN', false),
    resolve: pluginRoot(__dirname),
  },
  // A common companion plugin: Journey Map's content API is also served as GraphQL (docs/api.md#graphql),
  // none of its internal types reach the schema. PLAYGROUND_WITHOUT_GRAPHQL=true leaves it out.
  graphql: { enabled: !env.bool('PLAYGROUND_WITHOUT_GRAPHQL', false) },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET', 'playground-users-permissions-jwt-secret') },
  },
});
