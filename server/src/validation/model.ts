import { z } from 'zod';
import { boundedInt, decimal, documentId, text, longText, shortText, slug, stringList } from './common';

export const FUNNEL_BANDS = ['top', 'middle', 'bottom', 'post-purchase'] as const;
export const ACTION_TYPES = ['download', 'sign-up', 'contact', 'purchase', 'subscribe', 'visit', 'custom'] as const;

const excludedCell = z.object({ phase: documentId, persona: documentId }).strict();

export const journeyCreate = z
  .object({
    name: shortText(120).min(1),
    slug: slug.optional(),
    description: longText.nullish(),
    product: shortText(200).nullish(),
    personas: z.array(documentId).max(50).optional(),
    excludedCells: z.array(excludedCell).max(2500).optional(),
  })
  .strict();
export const journeyUpdate = journeyCreate.partial().strict();

export const phaseFields = z
  .object({
    name: shortText(120).min(1),
    slug: slug.optional(),
    funnelBand: z.enum(FUNNEL_BANDS),
    description: longText.nullish(),
    customerGoal: longText.nullish(),
    questions: longText.nullish(),
    actions: longText.nullish(),
    thoughts: longText.nullish(),
    emotionLabel: shortText(80).nullish(),
    emotionScore: boundedInt(-2, 2).nullish(),
    touchpoints: stringList.nullish(),
    channels: stringList.nullish(),
    painPoints: longText.nullish(),
    opportunities: longText.nullish(),
    minContentPerPersona: boundedInt(0, 10000).nullish(),
  })
  .strict();
export const phaseCreate = phaseFields
  .extend({ journey: documentId, funnelBand: z.enum(FUNNEL_BANDS).optional(), position: boundedInt(0, 1000).optional() })
  .strict();
export const phaseUpdate = phaseFields.partial().strict();
export const phaseOrder = z.object({ phases: z.array(documentId).min(1).max(100) }).strict();

export const personaCreate = z
  .object({
    name: shortText(120).min(1),
    slug: slug.optional(),
    summary: longText.nullish(),
    goals: longText.nullish(),
    needs: longText.nullish(),
    painPoints: longText.nullish(),
    preferredChannels: stringList.nullish(),
    priority: boundedInt(0, 1000).optional(),
    journeys: z.array(documentId).max(100).optional(),
  })
  .strict();
export const personaUpdate = personaCreate.partial().strict();

export const ctaCreate = z
  .object({
    label: shortText(200).min(1),
    phase: documentId,
    persona: documentId.nullish(),
    actionType: z.enum(ACTION_TYPES).optional(),
    targetUrl: text(2048)
      .refine((v) => /^(https?:\/\/|\/)/.test(v), 'must be an http(s) URL or a site path starting with /')
      .nullish(),
    kpiMetric: shortText(120).nullish(),
    kpiUnit: shortText(40).nullish(),
    kpiBaseline: decimal().nullish(),
    kpiTarget: decimal().nullish(),
    kpiDirection: z.enum(['higher', 'lower']).optional(),
    kpiPeriod: z.enum(['day', 'week', 'month', 'quarter', 'year']).optional(),
  })
  .strict();
export const ctaUpdate = ctaCreate.partial().strict();

/** What to do with the assignments of a phase or persona (or journey) being deleted. */
export const deleteQuery = z
  .object({
    reassignTo: documentId.optional(),
    removeAssignments: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .strict();

export const idParams = z.object({ id: documentId });

export const listQuery = z
  .object({ journey: z.union([documentId, slug]).optional() })
  .strict();

/** A journey is addressed by documentId or slug where it is read. */
export const journeyRefParams = z.object({ id: z.union([documentId, slug]) });
