import { z } from 'zod';
import { AUDIT_FLAGS, AUDIT_SORTS } from '../constants';
import { contentTypeUid, documentId, journeyRef, locale, queryInt } from './common';
import { DAYS_AND_FROM, FROM_AFTER_TO, daysOrFrom, fromNotAfterTo, periodFields } from './performance';
import type { AnalyticsSource } from './journeys';

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
    /** the period of the `unread` flag (no imported views in it): the last 30 days by default */
    ...periodFields,
  })
  .strict()
  .refine(fromNotAfterTo, FROM_AFTER_TO)
  .refine(daysOrFrom, DAYS_AND_FROM);

export type AuditQuery = z.output<typeof auditQuery>;

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
    /**
     * The `unread` flag's period, and whether it was computed: only when analytics were imported for
     * the period (`sources`); otherwise no entry carries it.
     */
    unread: AuditUnread;
  };
}

/** The period of the audit's `unread` flag and the imports it was computed from. */
export interface AuditUnread {
  computed: boolean;
  from: string;
  to: string;
  sources: AnalyticsSource[];
}
