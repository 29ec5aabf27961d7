import type { Settings, VersionedSettings } from '../../../shared/contracts';
import { trackedTypes } from '../hooks/useTracked';
import { AFTER_SETTINGS_WRITE, whenSaved, journeyMapApi, path, unwrap } from './base';

/** A save: the fields changed on the page, with the version it loaded (a 409 when they changed since). */
export type SettingsChange = Partial<Omit<Settings, 'ingestionKey'>> & { ingestionKey?: string | null; version?: number };

const settingsApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    getJourneyMapSettings: build.query<VersionedSettings, void>({
      query: () => path('/settings'),
      transformResponse: unwrap<VersionedSettings>,
      providesTags: ['JourneyMapSettings'],
    }),
    updateJourneyMapSettings: build.mutation<VersionedSettings, SettingsChange>({
      query: (data) => ({ url: path('/settings'), method: 'PUT', data }),
      transformResponse: unwrap<VersionedSettings>,
      // The list column, the panel and the bulk action follow the tracked types at once.
      async onQueryStarted(_change, { queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          trackedTypes.set(data.trackedContentTypes);
        } catch {
          // the page says why the save failed
        }
      },
      invalidatesTags: whenSaved(AFTER_SETTINGS_WRITE),
    }),
    /** The UIDs of the tracked types only (cheap: the admin asks once when it starts). */
    getTrackedTypes: build.query<string[], void>({
      query: () => path('/tracked-types'),
      transformResponse: unwrap<string[]>,
      providesTags: ['JourneyMapSettings'],
    }),
  }),
});

export const { useGetJourneyMapSettingsQuery, useUpdateJourneyMapSettingsMutation, useGetTrackedTypesQuery } = settingsApi;
