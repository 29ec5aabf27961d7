import type { Settings, VersionedSettings } from '../../../shared/contracts';
import { trackedTypes } from '../hooks/useTracked';
import { AFTER_SETTINGS_WRITE, whenSaved, journeyMapApi, path, unwrap } from './base';

/** A save: the fields changed on the page, with the version it loaded (a 409 when they changed since). */
export type SettingsChange = Partial<Omit<Settings, 'ingestionKey'>> & { ingestionKey?: string | null; version?: number };

/** Requests for the tracked types before the admin renders without them. */
const TRACKED_TYPES_ATTEMPTS = 3;

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
    /**
     * The UIDs of the tracked types only (cheap: the admin asks once when it starts). A server error is
     * asked again, twice: the admin renders once it has an answer, and the Content Manager's list view
     * decides its columns from it, so a busy server at that moment would hide the Journey column and
     * panel for the whole session. A refusal (4xx) is an answer.
     */
    getTrackedTypes: build.query<string[], void>({
      async queryFn(_arg, _api, _extra, baseQuery) {
        for (let attempt = 1; ; attempt += 1) {
          const result = await baseQuery(path('/tracked-types'));
          const status = (result.error as { status?: unknown } | undefined)?.status;
          const serverError = result.error && (typeof status !== 'number' || status >= 500);
          if (!serverError || attempt >= TRACKED_TYPES_ATTEMPTS) {
            return result.error ? { error: result.error } : { data: unwrap<string[]>(result.data as never) };
          }
          await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
        }
      },
      providesTags: ['JourneyMapSettings'],
    }),
  }),
});

export const { useGetJourneyMapSettingsQuery, useUpdateJourneyMapSettingsMutation, useGetTrackedTypesQuery } = settingsApi;
