export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'marketing-admin-jwt-secret') },
  apiToken: { salt: env('API_TOKEN_SALT', 'marketing-api-token-salt') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'marketing-transfer-token-salt') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'marketing-encryption-key') },
});
