export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    // Demo keys for the playground only; a real site sets APP_KEYS in its environment.
    keys: env.array('APP_KEYS', ['playgroundKeyA', 'playgroundKeyB']),
  },
  cron: { enabled: env.bool('CRON_ENABLED', true) },
});
