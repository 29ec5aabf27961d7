const path = require('path');
const fs = require('fs');

/** After the integration suite: drops the run's template database (see copyOfTemplate in database.ts). */
module.exports = async () => {
  const run = process.env.JM_TEMPLATE_RUN;
  if (!run) return;
  const name = `jm_tpl_${run}`;
  const dir = path.resolve(__dirname, '..', '..', 'playground', '.tmp');
  for (const suffix of ['.ready', '.db', '.db-wal', '.db-shm', '.db-journal']) fs.rmSync(path.join(dir, name + suffix), { force: true });
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const { Client } = require('pg');
    const pg = new Client({
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT ?? 5432),
      user: process.env.DATABASE_USERNAME ?? 'postgres',
      password: process.env.DATABASE_PASSWORD ?? '',
      database: process.env.DATABASE_ADMIN_NAME ?? 'test',
    });
    await pg.connect();
    await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await pg.end();
  }
};
