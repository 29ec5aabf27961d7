import path from 'path';
import fs from 'fs';

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';

export const databaseClient = (): DatabaseClient => {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client !== 'sqlite' && client !== 'postgres' && client !== 'mysql') {
    throw new Error(`Unsupported DATABASE_CLIENT "${client}" (use sqlite, postgres or mysql)`);
  }
  return client;
};

const serverConnection = (client: DatabaseClient) => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? (client === 'postgres' ? 5432 : 3306)),
  user: process.env.DATABASE_USERNAME ?? (client === 'postgres' ? 'postgres' : 'root'),
  password: process.env.DATABASE_PASSWORD ?? '',
  // The database we connect to in order to create and drop the per-test ones.
  database: process.env.DATABASE_ADMIN_NAME ?? 'test',
});

/**
 * A fresh, empty database for one test file: its own SQLite file, or a PostgreSQL/MariaDB database
 * created here and dropped by `drop()`, so runs and workers never see each other's data.
 */
export async function createTestDatabase(label: string) {
  const client = databaseClient();
  const name = `jm_${label}_${process.pid}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();

  if (client === 'sqlite') {
    const dir = path.resolve(__dirname, '..', '..', 'playground', '.tmp');
    fs.mkdirSync(dir, { recursive: true });
    const filename = path.join(dir, `${name}.db`);
    return {
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      async drop() {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(filename + suffix, { force: true });
      },
    };
  }

  const conn = serverConnection(client);
  const admin = await adminQuery(client, conn);
  await admin.run(client === 'postgres' ? `CREATE DATABASE "${name}"` : `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.close();
  return {
    env: {
      DATABASE_CLIENT: client,
      DATABASE_HOST: conn.host,
      DATABASE_PORT: String(conn.port),
      DATABASE_USERNAME: conn.user,
      DATABASE_PASSWORD: conn.password,
      DATABASE_NAME: name,
    },
    async drop() {
      const a = await adminQuery(client, conn);
      await a.run(client === 'postgres' ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``);
      await a.close();
    },
  };
}

async function adminQuery(client: DatabaseClient, conn: ReturnType<typeof serverConnection>) {
  if (client === 'postgres') {
    const { Client } = require('pg');
    const pg = new Client(conn);
    await pg.connect();
    return { run: (sql: string) => pg.query(sql), close: () => pg.end() };
  }
  const mysql = require('mysql2/promise');
  const my = await mysql.createConnection(conn);
  return { run: (sql: string) => my.query(sql), close: () => my.end() };
}
