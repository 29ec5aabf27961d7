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
  // Names this run's template database, booted once by the first test file and copied for the others
  // (tests/helpers/database.ts copyOfTemplate); JM_NO_TEMPLATE=1 boots every file on an empty database.
  if (process.env.JM_NO_TEMPLATE !== '1') process.env.JM_TEMPLATE_RUN = `${process.pid}_${Date.now().toString(36)}`;
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: path.join(root, 'playground'), ignoreDiagnostics: true });
};
