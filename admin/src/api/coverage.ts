import type { CoverageChanges, CoverageHistory, CoverageReport, PerformanceReport } from '../../../shared/contracts';
import { journeyMapApi, path, unwrap } from './base';

export interface CoverageFilters {
  journey: string;
  locale?: string;
  contentType?: string;
  includeDrafts?: boolean;
}

const coverageApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    getCoverage: build.query<CoverageReport, CoverageFilters>({
      query: ({ journey, locale, contentType, includeDrafts }) => path('/coverage', { journey, locale, contentType, includeDrafts: includeDrafts ? 'true' : undefined }),
      transformResponse: unwrap<CoverageReport>,
      providesTags: ['JourneyMapCoverage'],
    }),
    /** Each cell's daily series (from the daily snapshots), over the last `days` days. */
    getCoverageHistory: build.query<CoverageHistory, { journey: string; days?: number }>({
      query: ({ journey, days }) => path('/coverage/history', { journey, days }),
      transformResponse: unwrap<CoverageHistory>,
      providesTags: ['JourneyMapCoverage', 'JourneyMapSnapshot'],
    }),
    /** The gaps opened and closed since a day. */
    getCoverageChanges: build.query<CoverageChanges, { journey: string; since: string }>({
      query: ({ journey, since }) => path('/coverage/changes', { journey, since }),
      transformResponse: unwrap<CoverageChanges>,
      providesTags: ['JourneyMapCoverage', 'JourneyMapSnapshot'],
    }),
    /** Views and conversions per cell over a period, from imported analytics; with `phase`, that cell's entries ranked. */
    getCoveragePerformance: build.query<PerformanceReport, PerformanceParams>({
      query: (params) => path('/coverage/performance', params),
      transformResponse: unwrap<PerformanceReport>,
      providesTags: ['JourneyMapCoverage', 'JourneyMapMeasure'],
    }),
  }),
});

/** The performance view's query: a journey, its filters, and `days` or `from`…`to`. */
export type PerformanceParams = {
  journey: string;
  locale?: string;
  contentType?: string;
  days?: number;
  from?: string;
  to?: string;
  phase?: string;
  persona?: string;
};

export const { useGetCoverageQuery, useGetCoverageHistoryQuery, useGetCoverageChangesQuery, useGetCoveragePerformanceQuery } = coverageApi;
