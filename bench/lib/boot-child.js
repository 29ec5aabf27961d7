/**
 * Boots the playground in a fresh process (database and plugin switch from the environment), listens on
 * an ephemeral port of 127.0.0.1, prints `READY <port> <cpu ms>` and stops on SIGTERM, where cpu ms is the
 * processor time (user + system) the process has used to get there: unlike wall time, other load on the
 * machine hardly changes it. Used by measurements/boot.js.
 */
const { bootStrapi } = require('./strapi');

bootStrapi({})
  .then((app) => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`READY ${new URL(app.baseUrl).port} ${((user + system) / 1000).toFixed(1)}\n`);
    process.once('SIGTERM', () => {
      app.stop().finally(() => process.exit(0));
    });
  })
  .catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
