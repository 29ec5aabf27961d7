import path from 'path';
import fs from 'fs';
import os from 'os';
import { execFile } from 'child_process';
import { promisify } from 'util';
import { createTestDatabase, databaseClient } from '../helpers/database';
import { adminApi } from '../helpers/fixtures';
import { PLAYGROUND, TEST_ENV, bootStrapi, definedEnv, registerSuperAdmin, type TestApp } from '../helpers/strapi';
import { SLUG, pluginCounts, rawKnex, readEverything, stable } from '../helpers/moving';

const run = promisify(execFile);
const STRAPI_BIN = path.resolve(__dirname, '..', '..', 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

/** Runs the real `strapi` CLI in the playground directory on the database `dbEnv`. */
const strapiCli = (dbEnv: Record<string, string | undefined>, args: string[]) =>
  run(process.execPath, [STRAPI_BIN, ...args], {
    cwd: PLAYGROUND,
    env: { ...process.env, ...definedEnv(dbEnv), ...TEST_ENV },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  });

/**
 * Moving a site: the demo site on database A, `strapi export` (the real CLI, no encryption, no
 * compression), `strapi import` into a fresh database B, and B booted: every figure the plugin shows is
 * the same, and the derived tables were rebuilt from the moved data rather than trusted.
 */
describe(`moving between environments on ${databaseClient()}`, () => {
  let dbA: Awaited<ReturnType<typeof createTestDatabase>>;
  let dbB: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-move-'));
  const archive = path.join(dir, 'site');
  // `strapi import` backs up public/uploads next to it: remove the backups this test made.
  const publicDir = path.join(PLAYGROUND, 'public');
  const backups = () => fs.readdirSync(publicDir).filter((f) => f.startsWith('uploads_backup_'));
  const backupsBefore = new Set(backups());

  beforeAll(async () => {
    dbA = await createTestDatabase('envA');
    dbB = await createTestDatabase('envB');
  });

  afterAll(async () => {
    await app?.stop();
    await dbA?.drop();
    await dbB?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const b of backups()) if (!backupsBefore.has(b)) fs.rmSync(path.join(publicDir, b), { recursive: true, force: true });
  });

  it('carries journeys, tags, settings, snapshots and measures; coverage, audit and KPIs are identical', async () => {
    // A: the demo site, with a snapshot, a KPI value entered by hand and a changed setting.
    app = await bootStrapi(dbA.env, { PLAYGROUND_SEED: 'true', JOURNEY_MAP_SUGGESTIONS_AFTER_BOOT_MS: '3600000' });
    let api = adminApi(app, (await registerSuperAdmin(app)).token);
    const journey = (await api.get(`/journey-map/journeys`).expect(200)).body.data.find((j: any) => j.slug === SLUG);
    const full = (await api.get(`/journey-map/journeys/${journey.documentId}`).expect(200)).body.data;
    const cta = full.phases.flatMap((p: any) => p.ctas ?? [])[0].documentId;
    await api.put('/journey-map/measure/kpi-values', { cta, date: '2026-01-15', value: 42, note: 'entered by hand' }).expect(200);
    await api.post('/journey-map/snapshots', { journey: SLUG, note: 'before the move' }).expect(200);
    await api.put('/journey-map/settings', { pathConversionThreshold: 17 }).expect(200);
    const before = await readEverything(api);
    const originA = await app.strapi.db.connection('jm_origin').first('origin');
    expect(before.snapshots.length).toBeGreaterThanOrEqual(1);
    expect(before.audit.data.length).toBeGreaterThan(0);
    expect(Object.values(before.kpiValues).flat()).toHaveLength(1);
    expect(before.settings.pathConversionThreshold).toBe(17);
    const countsA = await pluginCounts(app.strapi.db.connection);
    expect(countsA.jm_assignments).toBeGreaterThan(0);
    expect(countsA.jm_kpi_values).toBe(1);
    await app.stop();
    app = undefined;

    // The real CLI: export A, then import into B (B's schema is created by the import's own boot).
    const t0 = Date.now();
    await strapiCli(dbA.env, ['export', '--no-encrypt', '--no-compress', '-f', archive]);
    expect(fs.existsSync(`${archive}.tar`)).toBe(true);
    const t1 = Date.now();
    await strapiCli(dbB.env, ['import', '-f', `${archive}.tar`, '--force']);
    process.stderr.write(`export ${t1 - t0} ms, import ${Date.now() - t1} ms\n`);

    // The import carried A's entry-state copies: make them stale, as an outdated cache would be.
    const raw = rawKnex(dbB.env);
    try {
      const stamped = (await raw('jm_origin').first('origin')).origin;
      const carried = JSON.parse((await raw('strapi_core_store_settings').where({ key: 'plugin_journey-map_origin' }).first('value')).value);
      expect(carried).toBe(originA.origin);
      expect(stamped).not.toBe(originA.origin);
      expect(Number((await raw('jm_entry_states').count({ n: '*' }))[0].n)).toBe(countsA.jm_entry_states);
      await raw('jm_entry_states').update({ title: 'stale copy' });
      const firstThree = (await raw('jm_entry_states').select('id').orderBy('id').limit(3)).map((r: { id: number }) => r.id);
      expect(await raw('jm_entry_states').whereIn('id', firstThree).del()).toBe(3);
    } finally {
      await raw.destroy();
    }

    // B: the boot sees that the data came from elsewhere and rebuilds what is derived.
    app = await bootStrapi(dbB.env, { JOURNEY_MAP_SUGGESTIONS_AFTER_BOOT_MS: '3600000' });
    api = adminApi(app, (await registerSuperAdmin(app)).token);
    const after = await readEverything(api);
    expect(stable(after)).toEqual(stable(before));
    expect(await pluginCounts(app.strapi.db.connection)).toEqual(countsA);
    expect(Number((await app.strapi.db.connection('jm_entry_states').where({ title: 'stale copy' }).count({ n: '*' }))[0].n)).toBe(0);
    const originB = (await app.strapi.db.connection('jm_origin').first('origin')).origin;
    const storeB = JSON.parse((await app.strapi.db.connection('strapi_core_store_settings').where({ key: 'plugin_journey-map_origin' }).first('value')).value);
    expect(storeB).toBe(originB);
    expect(originB).not.toBe(originA.origin);
    expect((await app.strapi.plugin('journey-map').service('consistency').check()).exact).toBe(true);
    // A second boot check finds nothing moved.
    expect(await app.strapi.plugin('journey-map').service('origin').check()).toEqual({ moved: false, origin: originB, rebuilt: [] });
  }, 300_000);
});
