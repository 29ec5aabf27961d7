import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { UID } from '../pluginId';
import { ConflictError } from '../utils/errors';
import { typedDocuments } from '../utils/documents';
import { TRANSFER_FORMAT, type JourneyFile } from '../../../shared/contracts/transfer';
import type { DocumentLink, Journey } from '../../../shared/contracts/journeys';

const PHASE_KEYS = ['name', 'slug', 'funnelBand', 'description', 'customerGoal', 'questions', 'actions', 'thoughts', 'emotionLabel', 'emotionScore', 'touchpoints', 'channels', 'painPoints', 'opportunities', 'minContentPerPersona'] as const;
const PERSONA_KEYS = ['name', 'slug', 'summary', 'goals', 'needs', 'painPoints', 'preferredChannels', 'priority'] as const;
const CTA_KEYS = ['label', 'actionType', 'targetUrl', 'kpiMetric', 'kpiUnit', 'kpiBaseline', 'kpiTarget', 'kpiDirection', 'kpiPeriod'] as const;
/** A CTA's imported actual: written only when the CTA has one, so files without it stay as before. */
const CTA_IMPORT_KEYS = ['importEventName', 'importLink', 'importLinkMatch', 'importSource', 'importMode'] as const;

/** The keys of `source` that hold a value (neither undefined nor null). */
const pick = <T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> =>
  Object.fromEntries(keys.filter((k) => source[k] !== undefined && source[k] !== null).map((k) => [k, source[k]])) as Partial<Pick<T, K>>;

/** Export and import of a journey model as a portable JSON file (ids replaced by slugs). */
const transferService = ({ strapi }: { strapi: Core.Strapi }) => {
  const journeys = () => getService(strapi, 'journeys');
  const journeyDocs = () => typedDocuments<DocumentLink>(strapi, UID.journey);
  const personaDocs = () => typedDocuments<DocumentLink>(strapi, UID.persona);
  const phaseDocs = () => typedDocuments<DocumentLink>(strapi, UID.phase);
  const ctaDocs = () => typedDocuments<DocumentLink>(strapi, UID.cta);

  return {
    async exportJourney(ref: string): Promise<JourneyFile> {
      const journey = await journeys().getJourney(ref);
      const personaSlug = new Map(journey.personas.map((p) => [p.documentId, p.slug]));
      const phaseSlug = new Map(journey.phases.map((p) => [p.documentId, p.slug]));
      const cells = Array.isArray(journey.excludedCells) ? journey.excludedCells : [];
      // `pick` drops the empty fields, which the file's schema accepts as absent.
      return {
        format: TRANSFER_FORMAT,
        journey: pick(journey, ['name', 'slug', 'description', 'product']),
        personas: journey.personas.map((p) => pick(p, PERSONA_KEYS)),
        phases: journey.phases.map((phase) => ({
          ...pick(phase, PHASE_KEYS),
          ctas: phase.ctas.map((cta) => ({ ...pick(cta, CTA_KEYS), ...(cta.importEventName ? pick(cta, CTA_IMPORT_KEYS) : {}), persona: cta.persona?.slug ?? null })),
        })),
        excludedCells: cells
          .filter((c) => phaseSlug.has(c.phase) && personaSlug.has(c.persona))
          .map((c) => ({ phase: phaseSlug.get(c.phase)!, persona: personaSlug.get(c.persona)! })),
      } as JourneyFile;
    },

    /**
     * Creates the journey of a file in one transaction: all of it or nothing. Personas whose slug already
     * exists on the site are reused as they are (a persona is shared between journeys); the others are created.
     */
    async importJourney(file: JourneyFile): Promise<Journey> {
      const existing = await journeyDocs().findFirst({ filters: { slug: file.journey.slug }, fields: ['documentId'] });
      if (existing) {
        throw new ConflictError(`body.journey.slug: a journey with slug "${file.journey.slug}" already exists; change the slug in the file to import it as a new journey`, { field: 'journey.slug' });
      }
      const journeyId = await strapi.db.transaction(async () => {
        const personaIds = new Map<string, string>();
        for (const persona of file.personas) {
          const found = await personaDocs().findFirst({ filters: { slug: persona.slug }, fields: ['documentId'] });
          const doc = found ?? (await personaDocs().create<DocumentLink>({ data: persona }));
          personaIds.set(persona.slug, doc.documentId);
        }
        const journey = await journeyDocs().create({
          data: { ...file.journey, personas: [...personaIds.values()], excludedCells: [] },
        });
        const phaseIds = new Map<string, string>();
        for (const [position, { ctas, ...phase }] of file.phases.entries()) {
          const created = await phaseDocs().create({ data: { ...phase, position, journey: journey.documentId } });
          phaseIds.set(phase.slug, created.documentId);
          for (const { persona, ...cta } of ctas) {
            await ctaDocs().create({
              data: { ...cta, phase: created.documentId, persona: persona ? personaIds.get(persona) : null },
            });
          }
        }
        if (file.excludedCells.length) {
          await journeyDocs().update({
            documentId: journey.documentId,
            data: { excludedCells: file.excludedCells.map((c) => ({ phase: phaseIds.get(c.phase), persona: personaIds.get(c.persona) })) },
          });
        }
        return journey.documentId;
      });
      return journeys().getJourney(journeyId);
    },
  };
};

export default transferService;
