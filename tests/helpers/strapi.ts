import path from 'path';
import request from 'supertest';
import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { copyOfTemplate, createTestDatabase } from './database';

export const PLAYGROUND = path.resolve(__dirname, '..', '..', 'playground');

export interface TestApp {
  strapi: Core.Strapi;
  /** supertest bound to the real HTTP server of the booted Strapi */
  http: () => request.Agent;
  stop: () => Promise<void>;
}

/**
 * Boots the real playground (compiled by the global setup) on a database of its own of the configured
 * client, with cron off and the demo seed off. Each test file gets its own Strapi and database: a copy of
 * the run's once-booted template (see copyOfTemplate), or an empty one when `env` changes how it boots.
 */
export async function startStrapi(label: string, env: Record<string, string> = {}): Promise<TestApp> {
  const db = Object.keys(env).length ? await createTestDatabase(label) : await copyOfTemplate(label, (dbEnv) => bootStrapi(dbEnv));
  const app = await bootStrapi(db.env, env);
  return {
    ...app,
    async stop() {
      await app.stop();
      await db.drop();
    },
  };
}

/** What every booted test site runs with: test mode, no demo seed, no cron, quiet logs. */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  PLAYGROUND_SEED: 'false',
  CRON_ENABLED: 'false',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_LOG_LEVEL: 'error',
};

/** A database env (from `createTestDatabase`) without its unset keys. */
export const definedEnv = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as Record<string, string>;

/**
 * Boots the playground on an existing database (`dbEnv` from `createTestDatabase`) and leaves the
 * database alone on `stop()`, so one database can see several boots in a row (install, uninstall).
 * The caller drops the database at the end.
 */
export async function bootStrapi(dbEnv: Record<string, string | undefined>, env: Record<string, string> = {}, appDir = PLAYGROUND): Promise<TestApp> {
  const previous = { ...process.env };
  Object.assign(process.env, definedEnv(dbEnv), TEST_ENV, env);
  const instance = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  instance.log.level = 'error';
  await instance.server.mount();
  return {
    strapi: instance,
    http: () => request.agent(instance.server.httpServer),
    async stop() {
      await instance.destroy();
      process.env = previous;
    },
  };
}

/** The plugin's clock in a booted app: tests date what they write from it, and freeze it at chosen instants. */
export const clockOf = (app: TestApp) =>
  app.strapi.plugin('journey-map').service('clock') as { now(): Date; freeze(at: Date | string): void; reset(): void };

let adminCounter = 0;

/** Registers the first (super) admin through the real route and returns its JWT. */
export async function registerSuperAdmin(app: TestApp) {
  const credentials = { email: 'lead@journey-map.test', password: 'Password1234', firstname: 'Lead', lastname: 'Marketer' };
  const res = await app.http().post('/admin/register-admin').send(credentials).expect(200);
  return { token: res.body.data.token as string, ...credentials };
}

/**
 * Creates an admin with a custom role holding exactly `permissions` (action + optional subject),
 * then logs in through `/admin/login` and returns the JWT.
 */
export async function adminWithPermissions(
  app: TestApp,
  permissions: Array<{ action: string; subject?: string | null; properties?: Record<string, unknown>; conditions?: string[] }>
) {
  adminCounter += 1;
  const roleService = app.strapi.service('admin::role');
  const role = await roleService.create({ name: `Test role ${adminCounter}`, description: 'test' });
  await roleService.assignPermissions(
    role.id,
    permissions.map((p) => ({ action: p.action, subject: p.subject ?? null, properties: p.properties ?? {}, conditions: p.conditions ?? [] }))
  );
  const email = `editor${adminCounter}@journey-map.test`;
  const password = 'Password1234';
  await app.strapi.service('admin::user').create({ email, firstname: 'Ed', lastname: `Itor ${adminCounter}`, password, isActive: true, roles: [role.id] });
  const res = await app.http().post('/admin/login').send({ email, password }).expect(200);
  return res.body.data.token as string;
}
