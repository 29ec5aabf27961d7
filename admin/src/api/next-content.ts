import type { NextContentBrief, NextContentReport } from '../../../shared/contracts';
import { journeyMapApi, path, unwrap } from './base';

export interface NextContentArgs {
  journey: string;
  locale?: string;
}
export interface BriefArgs extends NextContentArgs {
  phase: string;
  persona?: string | null;
}

const nextContentApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    /** The ranked "What to write next" list: follows the counts, the journey, the measures and the weights. */
    getNextContent: build.query<NextContentReport, NextContentArgs>({
      query: ({ journey, locale }) => path('/next-content', { journey, locale }),
      transformResponse: unwrap<NextContentReport>,
      providesTags: ['JourneyMapCoverage', 'JourneyMapMeasure', 'JourneyMapJourney'],
    }),
    /** One cell's brief, with the entries to link from and to and those to refresh. */
    getNextContentBrief: build.query<NextContentBrief, BriefArgs>({
      query: ({ journey, locale, phase, persona }) => path('/next-content/brief', { journey, locale, phase, persona }),
      transformResponse: unwrap<NextContentBrief>,
      providesTags: ['JourneyMapAudit', 'JourneyMapJourney', 'JourneyMapMeasure'],
    }),
  }),
});

export const { useGetNextContentQuery, useGetNextContentBriefQuery } = nextContentApi;
