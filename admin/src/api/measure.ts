import type { CtaKpi, MeasuredGaps, PathsReport } from '../../../shared/contracts';
import { journeyMapApi, whenSaved, path, unwrap } from './base';

const measureApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    getKpis: build.query<CtaKpi[], { journey: string }>({
      query: (params) => path('/measure/kpis', params),
      transformResponse: unwrap<CtaKpi[]>,
      providesTags: ['JourneyMapMeasure'],
    }),
    /** `days` back from the server's own today (the site's clock, in UTC), not the browser's. */
    getPaths: build.query<PathsReport, { journey: string; days: number }>({
      query: (params) => path('/measure/paths', params),
      transformResponse: unwrap<PathsReport>,
      providesTags: ['JourneyMapMeasure'],
    }),
    getMeasuredGaps: build.query<MeasuredGaps, { journey: string; days?: number }>({
      query: (params) => path('/measure/gaps', params),
      transformResponse: unwrap<MeasuredGaps>,
      providesTags: ['JourneyMapMeasure'],
    }),
    /** A KPI value measured elsewhere (it replaces the measured one for its period). */
    putKpiValue: build.mutation<unknown, { cta: string; date: string; value: number; note: string | null }>({
      query: (data) => ({ url: path('/measure/kpi-values'), method: 'PUT', data }),
      invalidatesTags: whenSaved(['JourneyMapMeasure']),
    }),
  }),
});

export const { useGetKpisQuery, useGetPathsQuery, useGetMeasuredGapsQuery, usePutKpiValueMutation } = measureApi;
