import type { Comparison, SnapshotList } from '../../../shared/contracts';
import { journeyMapApi, whenSaved, path, unwrap } from './base';

const snapshotsApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    getSnapshots: build.query<SnapshotList, { journey: string; pageSize: number }>({
      query: (params) => path('/snapshots', params),
      providesTags: ['JourneyMapSnapshot'],
    }),
    takeSnapshot: build.mutation<unknown, { journey: string; note?: string }>({
      query: (data) => ({ url: path('/snapshots'), method: 'POST', data }),
      invalidatesTags: whenSaved(['JourneyMapSnapshot']),
    }),
    deleteSnapshot: build.mutation<unknown, string>({
      query: (id) => ({ url: path(`/snapshots/${id}`), method: 'DELETE' }),
      invalidatesTags: whenSaved(['JourneyMapSnapshot']),
    }),
    compareSnapshots: build.query<Comparison, { from: string; to: string }>({
      query: (params) => path('/snapshots/compare', params),
      transformResponse: unwrap<Comparison>,
      providesTags: ['JourneyMapSnapshot'],
    }),
  }),
});

export const { useGetSnapshotsQuery, useTakeSnapshotMutation, useDeleteSnapshotMutation, useLazyCompareSnapshotsQuery } = snapshotsApi;
