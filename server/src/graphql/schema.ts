import type { Core, Struct } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/**
 * The GraphQL schema of the content API: the same three operations as the REST content API
 * (routes/content-api), nothing else of the plugin (hide.ts keeps its content types out).
 *
 * Slugs, locales and enumerated values are `String`s: the REST contracts validate them (and a phase's
 * funnel band `post-purchase` or the match `next-phase` could not be GraphQL enum values). Numeric `id`s
 * are left out, as Strapi 5's own GraphQL types do: documents are named by `documentId`.
 */
export const SITE_ENTRY_UNION = 'JourneyMapSiteEntry';

const TYPE_DEFS = `
  "A CTA's KPI target."
  type JourneyMapCtaKpi {
    metric: String
    unit: String
    target: Float
    "higher | lower"
    direction: String
    "day | week | month | quarter | year"
    period: String
  }

  "A call to action as a front end gets it: its persona by slug, its target URL only when it is a safe one."
  type JourneyMapCta {
    documentId: ID!
    label: String!
    actionType: String
    targetUrl: String
    "The slug of the persona the CTA is made for; null when it is for every persona."
    persona: String
    kpi: JourneyMapCtaKpi!
  }

  "A phase of the journey with every map field and its CTAs."
  type JourneyMapPhase {
    documentId: ID!
    name: String!
    slug: String!
    position: Int!
    "top | middle | bottom | post-purchase"
    funnelBand: String
    description: String
    customerGoal: String
    questions: String
    actions: String
    thoughts: String
    emotionLabel: String
    emotionScore: Int
    touchpoints: [String!]
    channels: [String!]
    painPoints: String
    opportunities: String
    minContentPerPersona: Int
    ctas: [JourneyMapCta!]!
  }

  type JourneyMapPersona {
    documentId: ID!
    name: String!
    slug: String!
    summary: String
    goals: String
    needs: String
    painPoints: String
    preferredChannels: [String!]
    priority: Int!
  }

  "The journey with its phases in order and its personas (REST: GET /api/journey-map/journeys/:slug)."
  type JourneyMapJourney {
    documentId: ID!
    name: String!
    slug: String!
    description: String
    product: String
    phases: [JourneyMapPhase!]!
    personas: [JourneyMapPersona!]!
  }

  type JourneyMapJourneyRef {
    documentId: ID!
    name: String!
    slug: String!
  }

  type JourneyMapPhaseRef {
    documentId: ID!
    name: String!
    slug: String!
    position: Int!
    funnelBand: String
  }

  type JourneyMapPersonaRef {
    documentId: ID!
    name: String!
    slug: String!
  }

  type JourneyMapNextPhase {
    documentId: ID!
    name: String!
    slug: String!
    position: Int!
    funnelBand: String
    "The next phase's CTA for the persona asked for."
    cta: JourneyMapCta
  }

  "A published entry of the cell."
  type JourneyMapEntry {
    documentId: ID!
    "The entry's content type uid, e.g. api::article.article."
    contentType: String!
    title: String
    locale: String
    "exact (tagged for the persona) | phase (tagged for all personas) | next-phase (the fallback)"
    match: String!
    "The entry as the site's REST API shows it to the caller."
    fields: JSON
    %ENTRY_FIELD%
  }

  "The content of a phase x persona cell (REST: GET /api/journey-map/content)."
  type JourneyMapContent {
    journey: JourneyMapJourneyRef!
    phase: JourneyMapPhaseRef!
    persona: JourneyMapPersonaRef
    locale: String!
    "The phase whose entries are served: the phase asked for, or the next one when the cell has none."
    servedPhase: JourneyMapPhaseRef!
    cta: JourneyMapCta
    nextPhase: JourneyMapNextPhase
    entries: [JourneyMapEntry!]!
  }

  "An entry an event is about."
  input JourneyMapEntryRefInput {
    uid: String!
    documentId: String!
  }

  "A visitor event (REST: POST /api/journey-map/events). Give a cta, a phase or a content entry."
  input JourneyMapEventInput {
    "view | click | conversion"
    type: String!
    cta: String
    phase: String
    content: JourneyMapEntryRefInput
    session: String
    "ISO date-time, at most 7 days ago."
    at: String
    "The client's id of the event (8-64 letters, digits, - or _): an id already received is not counted again."
    id: String
  }

  type JourneyMapRejectedEvent {
    index: Int!
    reason: String!
  }

  type JourneyMapIngestResult {
    received: Int!
    accepted: Int!
    "Of the accepted, the events whose id was already received (not counted again)."
    duplicates: Int!
    rejected: [JourneyMapRejectedEvent!]!
  }

  %UNION%

  type Query {
    "The journey by slug. Needs the action Journey-map → journey → findOne."
    journeyMapJourney(slug: String!): JourneyMapJourney
    "The content for one cell, with the fallback chain and the next CTA. Needs Journey-map → content → find, and find on each type served."
    journeyMapContent(journey: String!, phase: String!, persona: String, locale: String, limit: Int): JourneyMapContent
  }

  type Mutation {
    "Counts visitor events. Needs Journey-map → events → ingest (and the ingestion key header when one is set)."
    journeyMapIngestEvents(events: [JourneyMapEventInput!]!): JourneyMapIngestResult
  }
`;

/** The generated GraphQL type of each content type a site may track, when the GraphQL plugin has one. */
export function siteEntryTypes(strapi: Core.Strapi, typeRegistry: { has(name: string): boolean }): Map<string, string> {
  const { naming } = strapi.plugin('graphql').service('utils');
  const types = new Map<string, string>();
  for (const uid of getService(strapi, 'contentTypes').trackableUids()) {
    const name = naming.getTypeName(strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema) as string;
    if (typeRegistry.has(name)) types.set(uid, name);
  }
  return types;
}

/**
 * The SDL: `JourneyMapEntry.entry` is a union of every trackable type's generated type, so a front end
 * selects an entry's fields with inline fragments (`... on Article { title }`). Every trackable type is a
 * member, not only the tracked ones: tracking is a setting that changes without a restart, and the schema
 * is built once. Only entries of tracked types the caller may `find` are ever served.
 */
export function typeDefs(members: string[]): string {
  const withUnion = members.length > 0;
  return TYPE_DEFS.replace(
    '%ENTRY_FIELD%',
    withUnion ? `"The entry as the site's own GraphQL type: select its fields with inline fragments."\n    entry: ${SITE_ENTRY_UNION}` : ''
  ).replace('%UNION%', withUnion ? `union ${SITE_ENTRY_UNION} = ${members.join(' | ')}` : '');
}
