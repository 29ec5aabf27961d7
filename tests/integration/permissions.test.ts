import { databaseClient } from '../helpers/database';
import { ARTICLE, adminApi, createEntry, demoJourney } from '../helpers/fixtures';
import { adminWithPermissions, registerSuperAdmin, startStrapi, type TestApp } from '../helpers/strapi';

const ACTIONS = ['read', 'tag', 'manage', 'settings'] as const;
type Action = (typeof ACTIONS)[number];
const CM_ARTICLE = ['read', 'update'].map((a) => ({ action: `plugin::content-manager.explorer.${a}`, subject: ARTICLE }));

describe(`permissions on ${databaseClient()}`, () => {
  let app: TestApp;
  let superToken: string;
  let d: Awaited<ReturnType<typeof demoJourney>>;
  let article: string;

  /** Every admin route with the action it needs (ids filled in once the demo exists). */
  const routes = (): Array<[string, string, Action, unknown?]> => [
    ['GET', '/journey-map/settings', 'settings'],
    ['PUT', '/journey-map/settings', 'settings', { staleAfterDays: 365 }],
    ['GET', '/journey-map/content-types', 'read'],
    ['GET', `/journey-map/assignments/${ARTICLE}/${article}?locale=en`, 'read'],
    ['PUT', `/journey-map/assignments/${ARTICLE}/${article}?locale=en`, 'tag', { phases: [] }],
    ['POST', '/journey-map/assignments/bulk', 'tag', { contentType: ARTICLE, documentIds: [article], mode: 'remove', phases: [] }],
    ['GET', `/journey-map/coverage?journey=${d.journey}`, 'read'],
    ['GET', '/journey-map/audit', 'read'],
    ['GET', '/journey-map/presets', 'read'],
    ['GET', '/journey-map/journeys', 'read'],
    ['GET', `/journey-map/journeys/${d.journey}`, 'read'],
    ['POST', '/journey-map/journeys', 'manage', { name: 'Permission test' }],
    ['POST', '/journey-map/journeys/from-preset', 'manage', { preset: 'aidma', name: 'Permission preset' }],
    ['PUT', `/journey-map/journeys/${d.journey}`, 'manage', { description: 'edited' }],
    ['PUT', `/journey-map/journeys/${d.journey}/phase-order`, 'manage', { phases: Object.values(d.phases) }],
    ['POST', '/journey-map/phases', 'manage', { journey: d.journey, name: 'Extra' }],
    ['PUT', `/journey-map/phases/${d.phases.awareness}`, 'manage', { description: 'edited' }],
    ['GET', '/journey-map/personas', 'read'],
    ['POST', '/journey-map/personas', 'manage', { name: 'Permission persona' }],
    ['PUT', `/journey-map/personas/${d.personas.parent}`, 'manage', { summary: 'edited' }],
    ['GET', '/journey-map/ctas', 'read'],
    ['POST', '/journey-map/ctas', 'manage', { label: 'Permission CTA', phase: d.phases.decision }],
    ['PUT', `/journey-map/ctas/${d.cta}`, 'manage', { kpiTarget: 600 }],
    ['GET', `/journey-map/measure/kpis?journey=${d.journey}`, 'read'],
    ['GET', `/journey-map/measure/paths?journey=${d.journey}`, 'read'],
    ['GET', `/journey-map/measure/gaps?journey=${d.journey}`, 'read'],
    ['GET', `/journey-map/measure/kpi-values?cta=${d.cta}`, 'read'],
    ['PUT', '/journey-map/measure/kpi-values', 'manage', { cta: d.cta, date: '2026-01-15', value: 1 }],
    ['DELETE', '/journey-map/measure/kpi-values/999999', 'manage'],
    ['DELETE', '/journey-map/ctas/abcdefghijklmnopqrstuvwx', 'manage'],
    ['DELETE', '/journey-map/phases/abcdefghijklmnopqrstuvwx', 'manage'],
    ['DELETE', '/journey-map/personas/abcdefghijklmnopqrstuvwx', 'manage'],
    ['DELETE', '/journey-map/journeys/abcdefghijklmnopqrstuvwx', 'manage'],
    ['GET', `/journey-map/snapshots?journey=${d.journey}`, 'read'],
    ['POST', '/journey-map/snapshots', 'manage', { journey: d.journey }],
    ['GET', '/journey-map/snapshots/abcdefghijklmnopqrstuvwx', 'read'],
    ['GET', '/journey-map/snapshots/compare?from=abcdefghijklmnopqrstuvwx&to=abcdefghijklmnopqrstuvwy', 'read'],
    ['DELETE', '/journey-map/snapshots/abcdefghijklmnopqrstuvwx', 'manage'],
  ];

  const call = (token: string, [method, path, , body]: [string, string, Action, unknown?]) => {
    const agent = app.http();
    const req = method === 'GET' ? agent.get(path) : method === 'PUT' ? agent.put(path) : method === 'POST' ? agent.post(path) : agent.delete(path);
    req.set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body as object);
  };

  beforeAll(async () => {
    app = await startStrapi('permissions');
    superToken = (await registerSuperAdmin(app)).token;
    d = await demoJourney(adminApi(app, superToken));
    article = await createEntry(app, ARTICLE, { title: 'Permission article' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows the four actions in Settings → Roles', async () => {
    const res = await app.http().get('/admin/permissions').set('Authorization', `Bearer ${superToken}`).expect(200);
    const plugins = res.body.data.sections.plugins.filter((p: any) => String(p.action).startsWith('plugin::journey-map.'));
    expect(plugins.map((p: any) => p.action).sort()).toEqual(ACTIONS.map((a) => `plugin::journey-map.${a}`).sort());
  });

  it.each(ACTIONS)('answers 403 on every route that needs "%s" to a role without it, and lets the others through', async (missing) => {
    const granted = ACTIONS.filter((a) => a !== missing).map((a) => ({ action: `plugin::journey-map.${a}` }));
    const token = await adminWithPermissions(app, [...granted, ...CM_ARTICLE]);
    for (const route of routes()) {
      const res = await call(token, route);
      if (route[2] === missing) expect([route[0], route[1], res.status]).toEqual([route[0], route[1], 403]);
      else expect([route[0], route[1], res.status === 403 || res.status >= 500]).toEqual([route[0], route[1], false]);
    }
  });

  it('refuses tagging to an editor who may not update that content type in the Content Manager', async () => {
    const token = await adminWithPermissions(app, [
      { action: 'plugin::journey-map.read' },
      { action: 'plugin::journey-map.tag' },
      { action: 'plugin::content-manager.explorer.read', subject: ARTICLE },
    ]);
    const res = await call(token, ['PUT', `/journey-map/assignments/${ARTICLE}/${article}?locale=en`, 'tag', { phases: [d.phases.awareness] }]).expect(403);
    expect(res.body.error).toMatchObject({ message: expect.stringMatching(/may not edit/) });
    await call(token, ['POST', '/journey-map/assignments/bulk', 'tag', { contentType: ARTICLE, documentIds: [article], mode: 'add', phases: [d.phases.awareness] }]).expect(403);
  });

  it('answers 401 without a token', async () => {
    for (const route of routes()) {
      const res = await call('', route);
      expect([route[1], res.status]).toEqual([route[1], 401]);
    }
  });
});
