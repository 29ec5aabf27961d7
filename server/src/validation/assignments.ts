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
