import type { PanelData } from '../../../shared/contracts';
import { journeyMapApi, path, unwrap } from './base';

const panelApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    /**
     * Everything the Journey panel shows for one entry and locale, in one request. `version` (the entry's
     * dates) is part of the cache key only: saving or publishing the entry asks again whether it counts.
     */
    getJourneyPanel: build.query<PanelData, { uid: string; documentId: string; locale?: string; version: string }>({
      query: ({ uid, documentId, locale }) => path(`/panel/${uid}/${documentId}`, { locale }),
      transformResponse: unwrap<PanelData>,
      providesTags: ['JourneyMapTags', 'JourneyMapCoverage', 'JourneyMapJourney'],
    }),
  }),
});

export const { useGetJourneyPanelQuery } = panelApi;
