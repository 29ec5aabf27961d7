import type { TestApp } from './strapi';

export const ARTICLE = 'api::article.article';
export const FAQ = 'api::faq.faq';
export const LANDING = 'api::landing-page.landing-page';

/** An admin API client for one JWT: `api.get('/journey-map/...')` etc., returning supertest responses. */
export function adminApi(app: Pick<TestApp, 'http'>, token: string) {
  const auth = (r: any) => r.set('Authorization', `Bearer ${token}`);
  return {
    get: (path: string) => auth(app.http().get(path)),
    del: (path: string) => auth(app.http().delete(path)),
    put: (path: string, body: unknown) => auth(app.http().put(path).send(body as object)),
    post: (path: string, body: unknown) => auth(app.http().post(path).send(body as object)),
  };
}
export type AdminApi = ReturnType<typeof adminApi>;

/** Replaces an entry's tags through the admin API (PUT /journey-map/assignments/:uid/:documentId). */
export const tagEntry = (api: AdminApi, uid: string, documentId: string, body: unknown, locale = 'en') =>
  api.put(`/journey-map/assignments/${uid}/${documentId}?locale=${locale}`, body);

/** Creates an entry through the document service; `publish` publishes it, `ja` adds a Japanese version. */
export async function createEntry(
  app: TestApp,
  uid: string,
  fields: Record<string, unknown>,
  opts: { publish?: boolean; ja?: Record<string, unknown> } = {}
) {
  const docs = app.strapi.documents(uid as any);
  const created = await docs.create({ data: fields, locale: 'en' } as any);
  if (opts.ja) await docs.update({ documentId: created.documentId, locale: 'ja', data: opts.ja } as any);
  if (opts.publish !== false) await docs.publish({ documentId: created.documentId, locale: '*' } as any);
  return created.documentId as string;
}

export async function ensureJapanese(app: TestApp) {
  const locales = app.strapi.plugin('i18n').service('locales');
  if (!(await locales.findByCode('ja'))) await locales.create({ code: 'ja', name: 'Japanese (ja)', isDefault: false });
}

/**
 * A journey from the default preset (six phases) with two personas, tracked types article + FAQ,
 * and a CTA on Consideration. Returns the ids the tests need.
 */
export async function demoJourney(api: AdminApi, name = 'Smartphone repair') {
  await api.put('/journey-map/settings', { trackedContentTypes: [ARTICLE, FAQ] }).expect(200);
  const parent = (await api.post('/journey-map/personas', { name: `Busy parent ${name}` }).expect(200)).body.data;
  const techie = (await api.post('/journey-map/personas', { name: `Tech enthusiast ${name}` }).expect(200)).body.data;
  const journey = (
    await api
      .post('/journey-map/journeys/from-preset', { preset: 'default', name, personas: [parent.documentId, techie.documentId] })
      .expect(200)
  ).body.data;
  const phase = (slug: string) => journey.phases.find((p: any) => p.slug === slug).documentId as string;
  const cta = (
    await api
      .post('/journey-map/ctas', {
        label: 'Download the manual on what to do when your smartphone breaks',
        phase: phase('consideration'),
        actionType: 'download',
        kpiMetric: 'manual downloads',
        kpiTarget: 500,
        kpiPeriod: 'month',
      })
      .expect(200)
  ).body.data;
  return {
    journey: journey.documentId as string,
    slug: journey.slug as string,
    phases: Object.fromEntries(journey.phases.map((p: any) => [p.slug, p.documentId])) as Record<string, string>,
    personas: { parent: parent.documentId as string, techie: techie.documentId as string },
    cta: cta.documentId as string,
  };
}

export const cellOf = (coverage: any, phase: string, persona: string | null) =>
  coverage.cells.find((c: any) => c.phase === phase && c.persona === persona);
