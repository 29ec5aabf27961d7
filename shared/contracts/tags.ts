import { z } from 'zod';
import { contentTypeUid, documentId, locale } from './common';

// Path params come from the router (which may add its own keys), so unknown keys are dropped, not refused.
export const entryParams = z.object({ uid: contentTypeUid, documentId });
export const entryQuery = z.object({ locale: locale.optional() }).strict();

export const tagsBody = z
  .object({
    phases: z.array(documentId).max(50),
    personas: z.array(documentId).max(50).default([]),
    cta: documentId.nullable().default(null),
  })
  .strict();

export const bulkBody = z
  .object({
    contentType: contentTypeUid,
    documentIds: z.array(documentId).min(1).max(500),
    locale: locale.optional(),
    mode: z.enum(['add', 'remove', 'replace']),
    phases: z.array(documentId).max(50),
    personas: z.array(documentId).max(50).default([]),
    cta: documentId.nullable().default(null),
  })
  .strict();

export type TagsBody = z.infer<typeof tagsBody>;
export type BulkBody = z.infer<typeof bulkBody>;

/** The list view asks for the tags of the entries on screen (one page, at most 100). */
export const listTagsParams = z.object({ uid: contentTypeUid });
export const listTagsQuery = z
  .object({
    documentIds: z
      .string()
      .max(2600)
      .optional()
      .transform((v) => (v ? v.split(',') : []))
      .pipe(z.array(documentId).max(100)),
    locale: locale.optional(),
  })
  .strict();

/* Responses */

/** An entry's tags: the picked phases, personas and CTA (inside the panel's answer too). */
export interface EntryTags {
  phases: string[];
  personas: string[];
  /** phases tagged for all personas */
  allPersonasPhases: string[];
  cta: string | null;
}
/** One stored tag of an entry (persona null: all personas). */
export interface TagRowSummary {
  journey: string;
  phase: string;
  persona: string | null;
  cta: string | null;
}
/** `GET` and `PUT /assignments/:uid/:documentId`: the entry's key, its tags and one row per tag. */
export interface EntryTagsOf extends EntryTags {
  contentType: string;
  documentId: string;
  /** null for a type without i18n */
  locale: string | null;
  rows: TagRowSummary[];
}
/** `GET /assignments/:uid`: the list column's tags of a page of entries. */
export interface ListTags {
  contentType: string;
  tracked: boolean;
  locale: string | null;
  entries: Record<string, Array<{ documentId: string; name: string; journey: string | null }>>;
  /** each entry's specific personas (none: its tags are for all personas) */
  personas: Record<string, Array<{ documentId: string; name: string }>>;
}
/** `POST /assignments/bulk`: what was written. */
export interface BulkTagsResult {
  contentType: string;
  locale: string | null;
  mode: BulkBody['mode'];
  /** entries written */
  entries: number;
  /** their tags after the write */
  tags: number;
}
