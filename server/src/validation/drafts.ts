import { z } from 'zod';
import { contentTypeUid, documentId, locale, shortText } from './common';

/** "Create a draft for this gap": a new entry of a tracked type, tagged with the cell's phase and persona. */
export const draftBody = z
  .object({
    contentType: contentTypeUid,
    locale: locale.optional(),
    phase: documentId,
    persona: documentId.nullish(),
    title: shortText(255).min(1),
  })
  .strict();
