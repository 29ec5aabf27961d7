/**
 * Boots the playground in a fresh process (database and plugin switch from the environment), listens on
 * an ephemeral port of 127.0.0.1, prints `READY <port>` and stops on SIGTERM. Used by measurements/boot.js.
 */
const { bootStrapi } = require('./strapi');

bootStrapi({})
  .then((app) => {
    process.stdout.write(`READY ${new URL(app.baseUrl).port}\n`);
    process.once('SIGTERM', () => {
      app.stop().finally(() => process.exit(0));
    });
  })
  .catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
