import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { ASSIGNMENTS_TABLE } from '../repositories/assignments';
import { NotFoundError } from '../utils/errors';
import { parse } from '../validation/parse';
import { deliveryContentQuery, deliveryJourneyParams } from '../validation/reports';
import { isTargetUrl } from '../validation/url';

type Match = 'exact' | 'phase' | 'next-phase';

const publicCta = (c: any) =>
  c
    ? {
        documentId: c.documentId,
        label: c.label,
        actionType: c.actionType,
        // Stored before the URL rules tightened (0.1.0 allowed `//host`): never served to a front end.
        targetUrl: c.targetUrl && isTargetUrl(c.targetUrl) ? c.targetUrl : null,
        persona: c.persona?.slug ?? null,
        kpi: {
          metric: c.kpiMetric,
          unit: c.kpiUnit,
          target: c.kpiTarget === null ? null : Number(c.kpiTarget),
          direction: c.kpiDirection,
          period: c.kpiPeriod,
        },
      }
    : null;

/** The CTA of a phase for a persona: one made for that persona first, else one for every persona. */
const ctaFor = (phase: any, personaId: string | null) => {
  const ctas = phase?.ctas ?? [];
  return publicCta(
    ctas.find((c: any) => personaId && c.persona?.documentId === personaId) ?? ctas.find((c: any) => !c.persona)
  );
};

/** Content API for the site's front end: the journey model and the content for one cell, with fallbacks. */
const deliveryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);

  async function journeyBySlug(slug: string) {
    const journey = await plugin().service('model').getJourney(slug);
    if (journey.slug !== slug) throw new NotFoundError(`journey ${slug} not found`);
    return journey;
  }

  return {
    async journey(params: unknown) {
      const { slug } = parse(deliveryJourneyParams, params, 'params');
      const j = await journeyBySlug(slug);
      return {
        documentId: j.documentId,
        name: j.name,
        slug: j.slug,
        description: j.description,
        product: j.product,
        phases: (j.phases ?? []).map((p: any) => {
          const { ctas, ...fields } = p;
          return { ...fields, ctas: (ctas ?? []).map(publicCta) };
        }),
        personas: j.personas ?? [],
      };
    },

    /**
     * Published entries for (journey, phase, persona, locale): entries tagged for that persona ('exact') and
     * for all personas of the phase ('phase'); when there are none, those of the next phase ('next-phase').
     */
    async content(query: unknown, auth: unknown) {
      const q = parse(deliveryContentQuery, query, 'query');
      const journey = await journeyBySlug(q.journey);
      const phases = journey.phases ?? [];
      const index = phases.findIndex((p: any) => p.slug === q.phase);
      if (index < 0) throw new NotFoundError(`phase ${q.phase} not found in journey ${q.journey}`);
      const phase = phases[index];
      const persona = q.persona ? (journey.personas ?? []).find((p: any) => p.slug === q.persona) : null;
      if (q.persona && !persona) throw new NotFoundError(`persona ${q.persona} not found in journey ${q.journey}`);
      const limit = q.limit ?? 20;
      const locale = q.locale ?? (await strapi.plugin('i18n').service('locales').getDefaultLocale());
      const types = await this.readableTypes(await plugin().service('settings').trackedUids(), auth);

      let entries = await this.cellEntries(types, phase.documentId, persona?.documentId ?? null, locale, limit, auth);
      let servedPhase = phase;
      const next = phases[index + 1] ?? null;
      if (entries.length === 0 && next) {
        entries = (
          await this.cellEntries(types, next.documentId, persona?.documentId ?? null, locale, limit, auth)
        ).map((e) => ({ ...e, match: 'next-phase' as Match }));
        if (entries.length) servedPhase = next;
      }
      const strip = (p: any) =>
        p && { documentId: p.documentId, name: p.name, slug: p.slug, position: p.position, funnelBand: p.funnelBand };
      return {
        journey: { documentId: journey.documentId, name: journey.name, slug: journey.slug },
        phase: strip(phase),
        persona: persona ? { documentId: persona.documentId, name: persona.name, slug: persona.slug } : null,
        locale,
        servedPhase: strip(servedPhase),
        cta: ctaFor(phase, persona?.documentId ?? null),
        nextPhase: next ? { ...strip(next), cta: ctaFor(next, persona?.documentId ?? null) } : null,
        entries,
      };
    },

    /**
     * The tracked types whose entries the caller could list through the site's own API: the same check
     * Strapi's content-API auth makes for `GET /api/<type>` (scope `<uid>.find`), for API tokens of every
     * kind and for Users & Permissions roles, the public role included.
     */
    async readableTypes(types: string[], auth: unknown): Promise<string[]> {
      const readable: string[] = [];
      for (const uid of types) {
        const allowed = await strapi
          .get('auth')
          .verify(auth as any, { scope: [`${uid}.find`] })
          .then(
            () => true,
            () => false
          );
        if (allowed) readable.push(uid);
      }
      return readable;
    },

    async cellEntries(
      types: string[],
      phaseId: string,
      personaId: string | null,
      locale: string,
      limit: number,
      auth: unknown
    ) {
      if (!types.length) return [];
      const entriesService = plugin().service('entries');
      const rows = await strapi.db
        .connection(ASSIGNMENTS_TABLE)
        .select('content_type', 'entry_document_id', 'entry_locale', 'persona_id')
        .where('phase_id', phaseId)
        .whereIn('content_type', types)
        .whereIn('entry_locale', [locale, ''])
        .modify((b) => {
          if (personaId) b.whereIn('persona_id', [personaId, '']);
        });
      const result: Array<Record<string, unknown> & { match: Match }> = [];
      for (const uid of types) {
        const mine = rows.filter(
          (r: any) =>
            r.content_type === uid &&
            (entriesService.isLocalized(uid) ? r.entry_locale === locale : r.entry_locale === '')
        );
        if (!mine.length) continue;
        const exactIds = new Set(
          mine.filter((r: any) => personaId && r.persona_id === personaId).map((r: any) => r.entry_document_id)
        );
        const docs = await strapi.documents(uid as any).findMany({
          filters: { documentId: { $in: [...new Set(mine.map((r: any) => r.entry_document_id))] } },
          ...(entriesService.isLocalized(uid) ? { locale } : {}),
          status: 'published',
          sort: ['updatedAt:desc'],
          limit,
        } as any);
        const schema = strapi.getModel(uid as any);
        const mainField = await plugin().service('contentTypes').mainField(uid);
        for (const doc of docs) {
          // The site's core controllers sanitize with the same call: private fields, passwords and relations
          // to types the caller may not read are removed.
          const fields = await strapi.contentAPI.sanitize.output(doc, schema, { auth } as any);
          result.push({
            documentId: doc.documentId,
            contentType: uid,
            // From the sanitized fields: a private main field is not shown as the title either.
            title: (fields as any)?.[mainField] ?? null,
            locale: (doc as any).locale ?? null,
            match: exactIds.has(doc.documentId) ? 'exact' : personaId ? 'phase' : 'exact',
            fields,
          });
        }
      }
      const rank = { exact: 0, phase: 1, 'next-phase': 2 };
      return result.sort((a, b) => rank[a.match] - rank[b.match]).slice(0, limit);
    },
  };
};

export default deliveryService;
