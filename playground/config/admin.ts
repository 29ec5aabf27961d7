export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'playground-admin-jwt-secret') },
  apiToken: { salt: env('API_TOKEN_SALT', 'playground-api-token-salt') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'playground-transfer-token-salt') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'playground-encryption-key') },
  flags: { nps: false, promoteEE: false },
  // Off for test sites started without an admin build: Strapi's admin route then answers every unknown
  // /admin path with a missing index.html, which also breaks the websocket of `strapi transfer`.
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  // The browser tests log in many times in a row; a real site keeps Strapi's login rate limit on.
  rateLimit: { enabled: env.bool('ADMIN_RATE_LIMIT', true) },
});
