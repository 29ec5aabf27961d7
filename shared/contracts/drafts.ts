import { z } from 'zod';
import { contentTypeUid, documentId, locale, shortText } from './common';
import type { EntryTagsOf } from './tags';

/** `POST /drafts`: "create a draft for this gap", a new entry of a tracked type, tagged with the cell's phase and persona. */
export const draftBody = z
  .object({
    contentType: contentTypeUid,
    locale: locale.optional(),
    phase: documentId,
    persona: documentId.nullish(),
    title: shortText(255).min(1),
    // true: the cell's brief (GET /next-content/brief, as Markdown) goes into the type's brief field (Settings)
    brief: z.boolean().optional(),
  })
  .strict();
export type DraftBody = z.infer<typeof draftBody>;

/** `POST /drafts` answers the new draft (201) with its tags as `GET /assignments/:uid/:documentId` answers them. */
export interface CreatedDraft {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string;
  tags: EntryTagsOf;
  /** the field the brief was written into; null when no brief was asked for */
  briefField: string | null;
}
