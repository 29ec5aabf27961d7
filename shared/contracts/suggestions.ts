import { z } from 'zod';
import { contentTypeUid, documentId, journeyRef, locale } from './common';

/** `GET /suggestions?journey=&contentType=&documentId=&locale=`: suggested tags for one entry. */
export const suggestionsQuery = z
  .object({
    journey: journeyRef,
    contentType: contentTypeUid,
    documentId,
    locale: locale.optional(),
  })
  .strict();
export type SuggestionsQuery = z.infer<typeof suggestionsQuery>;

/** `GET /suggestions/quality?journey=`: how well suggestions work on the journey's tagged entries. */
export const suggestionQualityQuery = z.object({ journey: journeyRef }).strict();
export type SuggestionQualityQuery = z.infer<typeof suggestionQualityQuery>;

/**
 * Why a journey gets no suggestions: the model is not built yet (`building`), fewer tagged entries than
 * the setting's minimum (`too-few-tagged`), or a measured hit rate below the setting's minimum (`low-hit-rate`).
 */
export type SuggestionRefusal = 'too-few-tagged' | 'low-hit-rate';

/**
 * The self-measured quality of a journey's model: each of `measured` tagged entries (at most 500) was
 * left out in turn and suggested for from the others; `hits` times its top suggested phase was one of its
 * own phases. `perTen` is the hit rate in tenths ("right 7 times in 10"), rounded.
 */
export interface SuggestionQuality {
  status: 'building' | 'ready';
  journey: string;
  /** tagged entries the model holds (entry × locale, at most 20,000) */
  tagged: number;
  measured: number;
  hits: number;
  /** hits / measured, 0..1 (0 when nothing was measured) */
  hitRate: number;
  perTen: number;
  /** null: suggestions are given */
  refusal: SuggestionRefusal | null;
  minTagged: number;
  /** the minimum hit rate, in percent */
  minHitRate: number;
  /** when this instance built the model (ISO), null while building */
  builtAt: string | null;
}

/** A similar tagged entry, named as the reason of a suggestion (only entries the caller may read). */
export interface SuggestionReason {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
}

export interface SuggestedTag {
  /** a phase or persona documentId */
  documentId: string;
  name: string;
  /** its share of the similar entries' votes, 0..1 */
  share: number;
  reasons: SuggestionReason[];
}

export interface EntrySuggestions {
  contentType: string;
  documentId: string;
  locale: string | null;
  quality: SuggestionQuality;
  /** most likely first; empty while building, when refused or when nothing similar was found */
  phases: SuggestedTag[];
  personas: SuggestedTag[];
}
