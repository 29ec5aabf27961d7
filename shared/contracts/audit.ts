import { z } from 'zod';
import { AUDIT_FLAGS, AUDIT_SORTS } from '../constants';
import { contentTypeUid, documentId, journeyRef, locale, queryInt } from './common';

export type AuditFlag = (typeof AUDIT_FLAGS)[number];
export type AuditSort = (typeof AUDIT_SORTS)[number];

/** `GET /audit` */
export const auditQuery = z
  .object({
    journey: journeyRef.optional(),
    contentType: contentTypeUid.optional(),
    locale: locale.optional(),
    flag: z.enum(AUDIT_FLAGS).optional(),
    phase: documentId.optional(),
    persona: documentId.optional(),
    sort: z.enum(AUDIT_SORTS).optional(),
    page: queryInt(1, 100000).optional(),
    pageSize: queryInt(1, 100).optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict();

export type AuditQuery = z.infer<typeof auditQuery>;

export interface AuditRow {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
  status: 'published' | 'draft';
  updatedAt: string | null;
  phases: Array<{ documentId: string; name: string }>;
  personas: Array<{ documentId: string | null; name: string }>;
  flags: AuditFlag[];
}

/** `GET /audit` answers this (not wrapped in `{ data }` twice: `data` is the page of rows). */
export interface AuditResponse {
  data: AuditRow[];
  meta: {
    pagination: { page: number; pageSize: number; pageCount: number; total: number };
    counts: Record<AuditFlag, number>;
  };
}
