import { z } from 'zod';
import { contentTypeUid, documentId, locale, queryBoolean, queryInt, slug } from './common';

export const journeyRef = z.union([documentId, slug]);

export const coverageQuery = z
  .object({
    journey: journeyRef,
    locale: locale.optional(),
    contentType: contentTypeUid.optional(),
    includeDrafts: queryBoolean.optional(),
  })
  .strict();

export const AUDIT_FLAGS = ['untagged', 'stale', 'draftOnly', 'phaseWithoutCta', 'missingInOtherLocale'] as const;
export type AuditFlag = (typeof AUDIT_FLAGS)[number];

export const auditQuery = z
  .object({
    journey: journeyRef.optional(),
    contentType: contentTypeUid.optional(),
    locale: locale.optional(),
    flag: z.enum(AUDIT_FLAGS).optional(),
    phase: documentId.optional(),
    persona: documentId.optional(),
    sort: z.enum(['updatedAt:desc', 'updatedAt:asc', 'title:asc', 'title:desc', 'contentType:asc']).optional(),
    page: queryInt(1, 100000).optional(),
    pageSize: queryInt(1, 100).optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict();

export type AuditQuery = z.infer<typeof auditQuery>;

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
