import type { AuditQuery, AuditResponse } from '../../../shared/contracts';
import { journeyMapApi, path } from './base';

/** The audit route's query, as text. */
export type AuditParams = Partial<Record<keyof AuditQuery, string>>;

const auditApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    /** A page of the audit (`{ data, meta }`: the rows, the pagination and the flag counts). */
    getAudit: build.query<AuditResponse, AuditParams>({
      query: (params) => path('/audit', params),
      providesTags: ['JourneyMapAudit'],
    }),
  }),
});

export const { useGetAuditQuery } = auditApi;
