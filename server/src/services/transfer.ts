import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UID } from '../pluginId';
import { ConflictError } from '../utils/errors';
import { parse } from '../validation/parse';
import { journeyFile, TRANSFER_FORMAT, type JourneyFile } from '../validation/transfer';

const PHASE_KEYS = ['name', 'slug', 'funnelBand', 'description', 'customerGoal', 'questions', 'actions', 'thoughts', 'emotionLabel', 'emotionScore', 'touchpoints', 'channels', 'painPoints', 'opportunities', 'minContentPerPersona'] as const;
const PERSONA_KEYS = ['name', 'slug', 'summary', 'goals', 'needs', 'painPoints', 'preferredChannels', 'priority'] as const;
const CTA_KEYS = ['label', 'actionType', 'targetUrl', 'kpiMetric', 'kpiUnit', 'kpiBaseline', 'kpiTarget', 'kpiDirection', 'kpiPeriod'] as const;

const pick = (source: Record<string, any>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => source[k] !== undefined && source[k] !== null).map((k) => [k, source[k]]));

/** Export and import of a journey model as a portable JSON file (ids replaced by slugs). */
const transferService = ({ strapi }: { strapi: Core.Strapi }) => {
  const model = () => strapi.plugin(PLUGIN_ID).service('model');

  return {
    async exportJourney(ref: string): Promise<JourneyFile> {
      const journey = await model().getJourney(ref);
      const personaSlug = new Map<string, string>((journey.personas ?? []).map((p: any) => [p.documentId, p.slug]));
      const phaseSlug = new Map<string, string>((journey.phases ?? []).map((p: any) => [p.documentId, p.slug]));
      const cells = Array.isArray(journey.excludedCells) ? journey.excludedCells : [];
      return {
        format: TRANSFER_FORMAT,
        journey: pick(journey, ['name', 'slug', 'description', 'product']) as JourneyFile['journey'],
        personas: (journey.personas ?? []).map((p: any) => pick(p, PERSONA_KEYS)),
        phases: (journey.phases ?? []).map((phase: any) => ({
          ...pick(phase, PHASE_KEYS),
          ctas: (phase.ctas ?? []).map((cta: any) => ({ ...pick(cta, CTA_KEYS), persona: cta.persona?.slug ?? null })),
        })),
        excludedCells: cells
          .filter((c: any) => phaseSlug.has(c.phase) && personaSlug.has(c.persona))
          .map((c: any) => ({ phase: phaseSlug.get(c.phase)!, persona: personaSlug.get(c.persona)! })),
      } as JourneyFile;
    },

    /**
     * Creates the journey of a file in one transaction: all of it or nothing. Personas whose slug already
     * exists on the site are reused as they are (a persona is shared between journeys); the others are created.
     */
    async importJourney(body: unknown) {
      const file = parse(journeyFile, body, 'body');
      const existing = await strapi.documents(UID.journey as any).findFirst({ filters: { slug: file.journey.slug }, fields: ['documentId'] } as any);
      if (existing) {
        throw new ConflictError(`body.journey.slug: a journey with slug "${file.journey.slug}" already exists; change the slug in the file to import it as a new journey`, { field: 'journey.slug' });
      }
      const journeyId = await strapi.db.transaction(async () => {
        const personaIds = new Map<string, string>();
        for (const persona of file.personas) {
          const found = await strapi.documents(UID.persona as any).findFirst({ filters: { slug: persona.slug }, fields: ['documentId'] } as any);
          const doc = found ?? (await strapi.documents(UID.persona as any).create({ data: persona } as any));
          personaIds.set(persona.slug, doc.documentId);
        }
        const journey = await strapi.documents(UID.journey as any).create({
          data: { ...file.journey, personas: [...personaIds.values()], excludedCells: [] },
        } as any);
        const phaseIds = new Map<string, string>();
        for (const [position, { ctas, ...phase }] of file.phases.entries()) {
          const created = await strapi.documents(UID.phase as any).create({ data: { ...phase, position, journey: journey.documentId } } as any);
          phaseIds.set(phase.slug, created.documentId);
          for (const { persona, ...cta } of ctas) {
            await strapi.documents(UID.cta as any).create({
              data: { ...cta, phase: created.documentId, persona: persona ? personaIds.get(persona) : null },
            } as any);
          }
        }
        if (file.excludedCells.length) {
          await strapi.documents(UID.journey as any).update({
            documentId: journey.documentId,
            data: { excludedCells: file.excludedCells.map((c) => ({ phase: phaseIds.get(c.phase), persona: personaIds.get(c.persona) })) },
          } as any);
        }
        return journey.documentId as string;
      });
      return model().getJourney(journeyId);
    },
  };
};

export default transferService;
