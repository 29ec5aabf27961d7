import path from 'path';

// SQLite by default; PostgreSQL or MySQL/MariaDB when DATABASE_CLIENT says so.
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const network = {
    host: env('DATABASE_HOST', '127.0.0.1'),
    port: env.int('DATABASE_PORT', client === 'postgres' ? 5432 : 3306),
    database: env('DATABASE_NAME', 'strapi'),
    user: env('DATABASE_USERNAME', client === 'postgres' ? 'postgres' : 'root'),
    password: env('DATABASE_PASSWORD', ''),
  };
  const connections = {
    sqlite: {
      connection: {
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
    postgres: { connection: { ...network, schema: env('DATABASE_SCHEMA', 'public') } },
    mysql: { connection: { ...network, charset: 'utf8mb4' } },
  };
  return {
    connection: {
      client,
      ...connections[client],
      pool: { min: env.int('DATABASE_POOL_MIN', client === 'sqlite' ? 1 : 0), max: env.int('DATABASE_POOL_MAX', client === 'sqlite' ? 1 : 10) },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};
