import { z } from 'zod';
import { boundedInt, decimal, documentId, text, longText, shortText, slug, stringList } from './common';
import { TARGET_URL_MESSAGE, isTargetUrl } from './url';

import { ANALYTICS_SOURCES, FUNNEL_BANDS, IMPORT_LINK_MATCHES, IMPORT_MODES } from '../constants';
export { FUNNEL_BANDS };
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
      .refine(isTargetUrl, TARGET_URL_MESSAGE)
      .nullish(),
    kpiMetric: shortText(120).nullish(),
    kpiUnit: shortText(40).nullish(),
    kpiBaseline: decimal().nullish(),
    kpiTarget: decimal().nullish(),
    kpiDirection: z.enum(['higher', 'lower']).optional(),
    kpiPeriod: z.enum(['day', 'week', 'month', 'quarter', 'year']).optional(),
    /** The imported event or goal the KPI's actual comes from (null: none); see docs/measuring.md. */
    importEventName: shortText(191).nullish(),
    /** The event's link (URL or path) it must match; null or empty: any link. */
    importLink: text(2048).nullish(),
    /** null: the default, `contains` */
    importLinkMatch: z.enum(IMPORT_LINK_MATCHES).nullish(),
    /** Only this tool's imports; null: every source, added up. */
    importSource: z.enum(ANALYTICS_SOURCES).nullish(),
    /** null: the default, `add` */
    importMode: z.enum(IMPORT_MODES).nullish(),
  })
  .strict();
export const ctaUpdate = ctaCreate.partial().strict();

/**
 * `POST /journeys/from-preset`. The preset ids are the server's (server/src/presets.ts), so the schema is
 * made from them there; the field order here is the order in which errors are reported.
 */
export const journeyFromPreset = (presetIds: readonly [string, ...string[]]) =>
  z
    .object({
      preset: z.enum(presetIds as [string, ...string[]]),
      name: shortText(120).min(1),
      slug: slug.optional(),
      product: shortText(200).nullish(),
      description: text(10000).nullish(),
      personas: z.array(documentId).max(50).optional(),
    })
    .strict();

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

/* Requests, as the controllers hand them to the journeys service (parsed). */

export type JourneyCreate = z.infer<typeof journeyCreate>;
export type JourneyUpdate = z.infer<typeof journeyUpdate>;
export type JourneyFromPreset = z.infer<ReturnType<typeof journeyFromPreset>>;
export type PhaseCreate = z.infer<typeof phaseCreate>;
export type PhaseUpdate = z.infer<typeof phaseUpdate>;
export type PersonaCreate = z.infer<typeof personaCreate>;
export type PersonaUpdate = z.infer<typeof personaUpdate>;
export type CtaCreate = z.infer<typeof ctaCreate>;
export type CtaUpdate = z.infer<typeof ctaUpdate>;
export type DeleteOptions = z.infer<typeof deleteQuery>;

/*
 * Responses. Reads select their fields (the `fields` lists of services/journeys.ts); writes answer the
 * whole stored document, with the timestamps Strapi adds and its related documents as `{ id, documentId }`.
 */

export type FunnelBand = (typeof FUNNEL_BANDS)[number];
export type ActionType = (typeof ACTION_TYPES)[number];
export type KpiDirection = 'higher' | 'lower';
export type KpiPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type AnalyticsSource = (typeof ANALYTICS_SOURCES)[number];
export type ImportLinkMatch = (typeof IMPORT_LINK_MATCHES)[number];
export type ImportMode = (typeof IMPORT_MODES)[number];

/** What Strapi adds to every stored document (its answers to a create or update). */
export interface DocumentMeta {
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  locale: string | null;
}
/** A related document as a write answers it. */
export interface DocumentLink {
  id: number;
  documentId: string;
}

/** A CTA's own fields (the decimals may come back as strings from PostgreSQL). */
export interface CtaFields {
  label: string;
  actionType: ActionType;
  targetUrl: string | null;
  kpiMetric: string | null;
  kpiUnit: string | null;
  kpiBaseline: number | string | null;
  kpiTarget: number | string | null;
  kpiDirection: KpiDirection;
  kpiPeriod: KpiPeriod;
  /** the imported event or goal the KPI's actual comes from; null: none */
  importEventName: string | null;
  importLink: string | null;
  /** null on CTAs stored before 0.2.0: `contains` */
  importLinkMatch: ImportLinkMatch | null;
  importSource: AnalyticsSource | null;
  /** null on CTAs stored before 0.2.0: `add` */
  importMode: ImportMode | null;
}
export interface PhaseFields {
  name: string;
  slug: string;
  position: number;
  funnelBand: FunnelBand;
  description: string | null;
  customerGoal: string | null;
  questions: string | null;
  actions: string | null;
  thoughts: string | null;
  emotionLabel: string | null;
  emotionScore: number | null;
  touchpoints: string[] | null;
  channels: string[] | null;
  painPoints: string | null;
  opportunities: string | null;
  minContentPerPersona: number | null;
}
export interface PersonaFields {
  name: string;
  slug: string;
  summary: string | null;
  goals: string | null;
  needs: string | null;
  painPoints: string | null;
  preferredChannels: string[] | null;
  priority: number;
}
export interface ExcludedCell {
  phase: string;
  persona: string;
}

export interface CtaSummary extends DocumentLink, Pick<CtaFields, 'label' | 'kpiMetric' | 'kpiTarget' | 'kpiUnit' | 'kpiPeriod'> {}
export interface PhaseSummary extends DocumentLink, Pick<PhaseFields, 'name' | 'slug' | 'position' | 'customerGoal' | 'questions'> {
  ctas: CtaSummary[];
}
/** `priority` is there because the personas are sorted by it. */
export interface PersonaSummary extends DocumentLink, Pick<PersonaFields, 'name' | 'slug' | 'painPoints' | 'priority'> {}
/** A journey with its phases and personas, as the tag pickers need it (the side panel answers this). */
export interface JourneySummary {
  documentId: string;
  name: string;
  slug: string;
  phases: PhaseSummary[];
  personas: PersonaSummary[];
}
/** `GET /journeys`: each journey with its phases and personas. */
export interface JourneyListItem extends JourneySummary {
  id: number;
  product: string | null;
  description: string | null;
}
/** A journey named in other responses. */
export interface JourneyOption {
  documentId: string;
  name: string;
  slug: string;
}
export interface Cta extends DocumentLink, CtaFields {
  persona: (DocumentLink & { name: string; slug: string }) | null;
}
export interface Phase extends DocumentLink, PhaseFields {
  ctas: Cta[];
}
export interface Persona extends DocumentLink, PersonaFields {}
/** `GET /journeys/:id` (and every journey write): the full model (the journey map page edits all of it). */
export interface Journey extends DocumentLink, DocumentMeta {
  name: string;
  slug: string;
  description: string | null;
  product: string | null;
  excludedCells: ExcludedCell[] | null;
  personas: Persona[];
  phases: Phase[];
}

/** `POST /phases` (with its journey) and `PUT /phases/:id` (without). */
export interface PhaseRecord extends DocumentLink, PhaseFields, DocumentMeta {
  journey?: DocumentLink | null;
}
/** `POST /personas` and `PUT /personas/:id`. */
export interface PersonaRecord extends DocumentLink, PersonaFields, DocumentMeta {
  journeys: DocumentLink[];
}
/** `GET /personas`: each persona with the journeys it belongs to. */
export interface PersonaListItem extends DocumentLink, PersonaFields, DocumentMeta {
  journeys: Array<DocumentLink & { name: string; slug: string }>;
}
/** `POST /ctas` and `PUT /ctas/:id`. */
export interface CtaRecord extends DocumentLink, CtaFields, DocumentMeta {
  phase: DocumentLink | null;
  persona: DocumentLink | null;
}
/** `GET /ctas`: each CTA with its phase and persona named. */
export interface CtaListItem extends DocumentLink, CtaFields, DocumentMeta {
  phase: (DocumentLink & { name: string }) | null;
  persona: (DocumentLink & { name: string }) | null;
}

/** `DELETE /journeys/:id` */
export interface JourneyDeleted {
  deleted: string;
  assignmentsRemoved: number;
}
/** `DELETE /phases/:id` and `DELETE /personas/:id`: their tags moved to `reassignTo` or removed. */
export interface TagOwnerDeleted extends JourneyDeleted {
  assignmentsMoved: number;
}
/** `DELETE /ctas/:id` (the tags that named it keep their phase and persona). */
export interface CtaDeleted {
  deleted: string;
}

/** `GET /presets` */
export interface Preset {
  id: string;
  name: string;
  description: string;
  phases: Array<{ name: string; funnelBand: FunnelBand; customerGoal?: string }>;
}
