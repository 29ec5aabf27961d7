import { z } from 'zod';
import { locale, queryInt, slug } from './common';
import type { FunnelBand, Persona, Phase } from './journeys';

/** The content API (`/api/journey-map/…`). */
export const deliveryContentQuery = z
  .object({
    journey: slug,
    phase: slug,
    persona: slug.optional(),
    locale: locale.optional(),
    limit: queryInt(1, 100).optional(),
  })
  .strict();

export const deliveryJourneyParams = z.object({ slug });

export type DeliveryContentQuery = z.output<typeof deliveryContentQuery>;

/* Responses of the content API. */

/** A CTA as a front end gets it: its persona by slug, its target URL only when it is a safe one. */
export interface PublicCta {
  documentId: string;
  label: string;
  actionType?: string | null;
  targetUrl: string | null;
  persona: string | null;
  kpi: {
    metric?: string | null;
    unit?: string | null;
    target: number | null;
    direction?: 'higher' | 'lower' | null;
    period?: string | null;
  };
}

/** `GET /api/journey-map/journeys/:slug`: the journey model, CTAs as PublicCta. */
export interface DeliveredJourney {
  documentId: string;
  name: string;
  slug: string;
  description?: string | null;
  product?: string | null;
  phases: Array<Omit<Phase, 'ctas'> & { ctas: PublicCta[] }>;
  personas: Persona[];
}

/** A phase named in a content answer. */
export interface DeliveredPhase {
  documentId: string;
  name: string;
  slug: string;
  position: number;
  funnelBand?: FunnelBand | null;
}

/** How an entry matched the cell asked for: tagged for the persona, for all personas, or for the next phase. */
export type DeliveryMatch = 'exact' | 'phase' | 'next-phase';

/** A published entry, its fields sanitized as the site's own API would for the caller. */
export interface DeliveredEntry {
  documentId: string;
  contentType: string;
  title: unknown;
  locale: string | null;
  match: DeliveryMatch;
  fields: unknown;
}

/** `GET /api/journey-map/content`: the entries for (journey, phase, persona, locale), with fallbacks. */
export interface DeliveredContent {
  journey: { documentId: string; name: string; slug: string };
  phase: DeliveredPhase;
  persona: { documentId: string; name: string; slug: string } | null;
  locale: string;
  servedPhase: DeliveredPhase;
  cta: PublicCta | null;
  nextPhase: (DeliveredPhase & { cta: PublicCta | null }) | null;
  entries: DeliveredEntry[];
}
