import { getService } from '../utils/get-service';
import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { tagsRepository } from '../repositories/tags';
import { NotFoundError } from '../utils/errors';
import type {
  DeliveredContent,
  DeliveredEntry,
  DeliveredJourney,
  DeliveredPhase,
  DeliveryContentQuery,
  DeliveryMatch,
  PublicCta,
} from '../../../shared/contracts/delivery';
import type { Cta, Journey, Phase } from '../../../shared/contracts/journeys';
import { isTargetUrl } from '../../../shared/contracts/url';

/** The caller as Strapi's content-API authentication left it on the request (strategy, credentials, ability). */
export type ContentApiAuth = { strategy: { name: string }; credentials?: unknown; ability?: unknown } | undefined;

const publicCta = (c: Cta): PublicCta => ({
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
});

/** The CTA of a phase for a persona: one made for that persona first, else one for every persona. */
const ctaFor = (phase: Phase, personaId: string | null): PublicCta | null => {
  const ctas = phase.ctas ?? [];
  const cta = ctas.find((c) => personaId && c.persona?.documentId === personaId) ?? ctas.find((c) => !c.persona);
  return cta ? publicCta(cta) : null;
};

const phaseOf = (p: Phase): DeliveredPhase => ({ documentId: p.documentId, name: p.name, slug: p.slug, position: p.position, funnelBand: p.funnelBand });

/** Content API for the site's front end: the journey model and the content for one cell, with fallbacks. */
const deliveryService = ({ strapi }: { strapi: Core.Strapi }) => {
  async function journeyBySlug(slug: string): Promise<Journey> {
    const journey = (await getService(strapi, 'journeys').getJourney(slug)) as Journey;
    if (journey.slug !== slug) throw new NotFoundError(`journey ${slug} not found`);
    return journey;
  }

  return {
    async journey(slug: string): Promise<DeliveredJourney> {
      const j = await journeyBySlug(slug);
      return {
        documentId: j.documentId,
        name: j.name,
        slug: j.slug,
        description: j.description,
        product: j.product,
        phases: (j.phases ?? []).map((p) => {
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
    async content(q: DeliveryContentQuery, auth: ContentApiAuth): Promise<DeliveredContent> {
      const journey = await journeyBySlug(q.journey);
      const phases = journey.phases ?? [];
      const index = phases.findIndex((p) => p.slug === q.phase);
      if (index < 0) throw new NotFoundError(`phase ${q.phase} not found in journey ${q.journey}`);
      const phase = phases[index];
      const persona = q.persona ? (journey.personas ?? []).find((p) => p.slug === q.persona) : null;
      if (q.persona && !persona) throw new NotFoundError(`persona ${q.persona} not found in journey ${q.journey}`);
      const personaId = persona?.documentId ?? null;
      const limit = q.limit ?? 20;
      const locale: string = q.locale ?? (await strapi.plugin('i18n').service('locales').getDefaultLocale());
      const types = await this.readableTypes(await getService(strapi, 'settings').trackedUids(), auth);

      let entries = await this.cellEntries(types, phase.documentId, personaId, locale, limit, auth);
      let servedPhase = phase;
      const next = phases[index + 1] ?? null;
      if (entries.length === 0 && next) {
        entries = (await this.cellEntries(types, next.documentId, personaId, locale, limit, auth)).map((e) => ({ ...e, match: 'next-phase' as const }));
        if (entries.length) servedPhase = next;
      }
      return {
        journey: { documentId: journey.documentId, name: journey.name, slug: journey.slug },
        phase: phaseOf(phase),
        persona: persona ? { documentId: persona.documentId, name: persona.name, slug: persona.slug } : null,
        locale,
        servedPhase: phaseOf(servedPhase),
        cta: ctaFor(phase, personaId),
        nextPhase: next ? { ...phaseOf(next), cta: ctaFor(next, personaId) } : null,
        entries,
      };
    },

    /**
     * The tracked types whose entries the caller could list through the site's own API: the same check
     * Strapi's content-API auth makes for `GET /api/<type>` (scope `<uid>.find`), for API tokens of every
     * kind and for Users & Permissions roles, the public role included.
     */
    async readableTypes(types: string[], auth: ContentApiAuth): Promise<string[]> {
      const readable: string[] = [];
      for (const uid of types) {
        const allowed = await strapi
          .get('auth')
          .verify(auth, { scope: [`${uid}.find`] })
          .then(
            () => true,
            () => false
          );
        if (allowed) readable.push(uid);
      }
      return readable;
    },

    async cellEntries(types: string[], phaseId: string, personaId: string | null, locale: string, limit: number, auth: ContentApiAuth): Promise<DeliveredEntry[]> {
      if (!types.length) return [];
      const entriesService = getService(strapi, 'entries');
      const rows = await tagsRepository(strapi.db).forCell({ phaseId, types, locale, personaId });
      const result: DeliveredEntry[] = [];
      for (const uid of types) {
        const localized = entriesService.isLocalized(uid);
        const mine = rows.filter((r) => r.contentType === uid && (localized ? r.entryLocale === locale : r.entryLocale === ''));
        if (!mine.length) continue;
        const exactIds = new Set(mine.filter((r) => personaId && r.personaId === personaId).map((r) => r.entryDocumentId));
        const docs = await strapi.documents(uid as StrapiUID.ContentType).findMany({
          filters: { documentId: { $in: [...new Set(mine.map((r) => r.entryDocumentId))] } },
          ...(localized ? { locale } : {}),
          status: 'published',
          sort: ['updatedAt:desc'],
          limit,
        });
        const schema = strapi.getModel(uid as StrapiUID.ContentType);
        const mainField = await getService(strapi, 'contentTypes').mainField(uid);
        for (const doc of docs) {
          // The site's core controllers sanitize with the same call: private fields, passwords and relations
          // to types the caller may not read are removed.
          const fields = (await strapi.contentAPI.sanitize.output(doc, schema, { auth })) as Record<string, unknown> | null;
          const match: DeliveryMatch = exactIds.has(doc.documentId) ? 'exact' : personaId ? 'phase' : 'exact';
          result.push({
            documentId: doc.documentId,
            contentType: uid,
            // From the sanitized fields: a private main field is not shown as the title either.
            title: fields?.[mainField] ?? null,
            locale: typeof doc.locale === 'string' ? doc.locale : null,
            match,
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
