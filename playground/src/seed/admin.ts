import type { Core } from '@strapi/strapi';

export const DEMO_ADMIN = {
  email: 'demo@journey-map.test',
  password: 'JourneyMap2026',
  firstname: 'Demo',
  lastname: 'Marketer',
};

/** In development only, and only when the site has no admin yet, create a demo super admin. */
export async function seedDemoAdmin(strapi: Core.Strapi) {
  const users = strapi.service('admin::user');
  if (await users.exists()) return false;
  await users.createFirstAdmin({ ...DEMO_ADMIN });
  strapi.log.info(
    `[playground] Demo admin created. Log in at /admin with ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`
  );
  return true;
}
