import type { AdminApi } from './fixtures';

/** The demo journey the moving tests compare (environments.test.ts, transfer.test.ts). */
export const SLUG = 'smartphone-repair';

/** Ids and write times differ between databases by design; everything else must be equal. */
const VOLATILE = new Set(['id', 'createdAt', 'updatedAt', 'publishedAt']);
export const stable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !VOLATILE.has(k)).map(([k, v]) => [k, stable(v)]));
  }
  return value;
};

/** The plugin tables whose row counts a move keeps. */
export const MOVED_TABLES = ['jm_journeys', 'jm_phases', 'jm_personas', 'jm_ctas', 'jm_assignments', 'jm_snapshots', 'jm_kpi_values', 'jm_metric_counters', 'jm_path_transitions', 'jm_cell_history', 'jm_entry_states'];

/** Row counts of `MOVED_TABLES` through a knex connection (a booted app's `strapi.db.connection`, or `rawKnex`). */
export async function pluginCounts(knex: any): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of MOVED_TABLES) out[table] = Number((await knex(table).count({ n: '*' }))[0].n);
  return out;
}

/** A bare connection to a test database, to look at it (and spoil a cache) from the test process. */
export function rawKnex(env: Record<string, string | undefined>) {
  const knex = require('knex');
  if (env.DATABASE_CLIENT === 'sqlite') return knex({ client: 'better-sqlite3', connection: { filename: env.DATABASE_FILENAME }, useNullAsDefault: true });
  return knex({
    client: env.DATABASE_CLIENT === 'postgres' ? 'pg' : 'mysql2',
    connection: { host: env.DATABASE_HOST, port: Number(env.DATABASE_PORT), user: env.DATABASE_USERNAME, password: env.DATABASE_PASSWORD, database: env.DATABASE_NAME },
    pool: { min: 0, max: 2 },
  });
}

/** The two origin stamps of a database (services/origin): the plain table's and the core store's. */
export async function originStamps(knex: any): Promise<{ local: string | undefined; carried: string | undefined }> {
  const local = (await knex('jm_origin').first('origin'))?.origin;
  const stored = await knex('strapi_core_store_settings').where({ key: 'plugin_journey-map_origin' }).first('value');
  return { local, carried: stored ? JSON.parse(stored.value) : undefined };
}

/** What an editor reads of the plugin: journey, settings, coverage, the audit, snapshots and measures. */
export async function readEverything(api: AdminApi) {
  const get = async (url: string) => {
    const res = await api.get(url);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  const journeys = await get('/journey-map/journeys');
  const journey = journeys.find((j: any) => j.slug === SLUG);
  const full = await get(`/journey-map/journeys/${journey.documentId}`);
  const ctas = full.phases.flatMap((p: any) => (p.ctas ?? []).map((c: any) => c.documentId));
  const kpiValues: Record<string, unknown> = {};
  for (const cta of ctas) kpiValues[cta] = await get(`/journey-map/measure/kpi-values?cta=${cta}`);
  const snapshots = await get(`/journey-map/snapshots?journey=${SLUG}`);
  const snapshotBodies: unknown[] = [];
  for (const s of snapshots) snapshotBodies.push(await get(`/journey-map/snapshots/${s.documentId}`));
  return {
    journeys,
    journey: full,
    settings: await get('/journey-map/settings'),
    coverage: { en: await get(`/journey-map/coverage?journey=${SLUG}&locale=en`), de: await get(`/journey-map/coverage?journey=${SLUG}&locale=de`) },
    audit: (await api.get('/journey-map/audit?pageSize=100').expect(200)).body,
    auditPage2: (await api.get(`/journey-map/audit?pageSize=100&page=2`).expect(200)).body,
    kpis: await get(`/journey-map/measure/kpis?journey=${SLUG}&periods=3`),
    paths: await get(`/journey-map/measure/paths?journey=${SLUG}`),
    gaps: await get(`/journey-map/measure/gaps?journey=${SLUG}`),
    kpiValues,
    snapshots: snapshotBodies,
  };
}
