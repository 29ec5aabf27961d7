import fs from 'fs';
import path from 'path';

/** The plugin is this repository (found by walking up: this file runs from config/ and dist/config/). */
function pluginRoot(start: string): string {
  let dir = start;
  while (dir !== path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'strapi-plugin-journey-map') return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`strapi-plugin-journey-map not found above ${start}`);
}

// MARKETING_WITHOUT_PLUGIN boots the site as it was before the plugin was installed. (The function form:
// an object form's module is evaluated once per process, so it could not change between boots.)
export default ({ env }) => ({
  'journey-map': { enabled: !env.bool('MARKETING_WITHOUT_PLUGIN', false), resolve: pluginRoot(__dirname) },
});
