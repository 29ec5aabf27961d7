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

const SQLITE_DIR = path.resolve(__dirname, '..', '..', 'playground', '.tmp');

/** The template database of this test run (see `copyOfTemplate`), named by the global setup; null: none. */
export const templateName = (): string | null => (process.env.JM_TEMPLATE_RUN ? `jm_tpl_${process.env.JM_TEMPLATE_RUN}` : null);

/**
 * A database for one test file holding what a first boot of the playground writes (the schema, Strapi's
 * and the plugin's bootstrap rows): a copy of a template booted once per test run. A copy boots in about
 * half the time of an empty database (measured: SQLite 9.1 → 4.0 s, PostgreSQL 9.8 → 4.9 s), some four
 * minutes per leg. MariaDB cannot copy a database with its foreign keys short of creating every table
 * again (what a boot does), so there, and when the run has no template, the database starts empty.
 */
export async function copyOfTemplate(label: string, boot: (env: Record<string, string | undefined>) => Promise<{ stop(): Promise<void> }>) {
  const template = templateName();
  if (!template || databaseClient() === 'mysql') return createTestDatabase(label);
  const ready = path.join(SQLITE_DIR, `${template}.ready`);
  if (!fs.existsSync(ready)) {
    const db = await createTestDatabase(label, { name: template });
    const app = await boot(db.env);
    await app.stop();
    fs.mkdirSync(SQLITE_DIR, { recursive: true });
    fs.writeFileSync(ready, '');
  }
  return createTestDatabase(label, { template });
}

/**
 * A fresh, empty database for one test file: its own SQLite file, or a PostgreSQL/MariaDB database
 * created here and dropped by `drop()`, so runs and workers never see each other's data.
 */
export async function createTestDatabase(label: string, options: { name?: string; template?: string } = {}) {
  const client = databaseClient();
  const name = options.name ?? `jm_${label}_${process.pid}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();

  if (client === 'sqlite') {
    fs.mkdirSync(SQLITE_DIR, { recursive: true });
    const filename = path.join(SQLITE_DIR, `${name}.db`);
    if (options.template) {
      for (const suffix of ['', '-wal']) {
        const from = path.join(SQLITE_DIR, `${options.template}.db${suffix}`);
        if (fs.existsSync(from)) fs.copyFileSync(from, filename + suffix);
      }
    }
    return {
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      async drop() {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(filename + suffix, { force: true });
      },
    };
  }

  const conn = serverConnection(client);
  const admin = await adminQuery(client, conn);
  if (options.template) {
    // PostgreSQL refuses to copy a database someone is connected to: the template's Strapi has just closed its pool.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.run(`CREATE DATABASE "${name}" TEMPLATE "${options.template}"`);
        break;
      } catch (error) {
        if (attempt >= 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } else {
    await admin.run(client === 'postgres' ? `CREATE DATABASE "${name}"` : `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
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
