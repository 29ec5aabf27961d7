import { AUDIT_SORTS } from '../../../../shared/constants';
import type { AuditQuery } from '../../../../shared/contracts';
import type { AuditParams } from '../../api/audit';

/**
 * The filters, sort and page the page keeps in the URL query (shareable, survives reload): the audit
 * API's query as the URL holds it (text), and the tab on screen.
 */
export type AuditUrlQuery = Partial<Record<Exclude<keyof AuditQuery, 'format' | 'flag' | 'sort'>, string>> &
  Pick<AuditQuery, 'flag' | 'sort'> & { view?: 'entries' | 'snapshots' };

export const FILTER_KEYS = ['journey', 'flag', 'contentType', 'locale', 'phase', 'persona'] as const;

/** The audit API's query for the given filters (only known keys, only valid values). */
export function auditParams(q: AuditUrlQuery, extra: AuditParams = {}): AuditParams {
  const params: AuditParams = {};
  for (const key of FILTER_KEYS) {
    const value = q[key];
    if (typeof value === 'string' && value) params[key] = value;
  }
  if (q.sort && (AUDIT_SORTS as readonly string[]).includes(q.sort)) params.sort = q.sort;
  return { ...params, ...extra };
}
