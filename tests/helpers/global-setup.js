const path = require('path');
const fs = require('fs');

/**
 * Before the integration suite: the plugin must be built (the playground loads it through the package
 * exports map, i.e. from dist/) and the playground compiled from TypeScript, once for all test files.
 */
module.exports = async () => {
  const root = path.resolve(__dirname, '..', '..');
  if (!fs.existsSync(path.join(root, 'dist', 'server', 'index.js'))) {
    throw new Error('The plugin is not built: run `npm run build` first (npm test does it for you).');
  }
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: path.join(root, 'playground'), ignoreDiagnostics: true });
};
