/**
 * A fresh database per run, named by DATABASE_CLIENT like the tests (tests/helpers/database.ts):
 * a SQLite file under bench/.tmp, or a PostgreSQL/MariaDB database created here and dropped afterwards.
 */
const fs = require('fs');
const path = require('path');

const CLIENTS = ['sqlite', 'postgres', 'mysql'];

function databaseClient() {
  const client = process.env.DATABASE_CLIENT || 'sqlite';
  if (!CLIENTS.includes(client)) throw new Error(`Unsupported DATABASE_CLIENT "${client}" (use ${CLIENTS.join(', ')})`);
  return client;
}

function serverConnection(client) {
  return {
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || (client === 'postgres' ? 5432 : 3306)),
    user: process.env.DATABASE_USERNAME || (client === 'postgres' ? 'postgres' : 'root'),
    password: process.env.DATABASE_PASSWORD || '',
    database: process.env.DATABASE_ADMIN_NAME || 'test',
  };
}

async function adminQuery(client, conn) {
  if (client === 'postgres') {
    const { Client } = require('pg');
    const pg = new Client(conn);
    await pg.connect();
    return { run: (sql) => pg.query(sql), close: () => pg.end() };
  }
  const mysql = require('mysql2/promise');
  const my = await mysql.createConnection(conn);
  return { run: (sql) => my.query(sql), close: () => my.end() };
}

/** Returns the environment that points the playground at the new database, and `drop()`. */
async function createDatabase(label) {
  const client = databaseClient();
  const name = `jm_bench_${label}_${process.pid}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  if (client === 'sqlite') {
    const dir = path.resolve(__dirname, '..', '.tmp');
    fs.mkdirSync(dir, { recursive: true });
    const filename = path.join(dir, `${name}.db`);
    return {
      client,
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
    client,
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

module.exports = { createDatabase, databaseClient };
