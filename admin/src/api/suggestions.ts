import type { EntrySuggestions, SuggestionQuality } from '../../../shared/contracts';
import { journeyMapApi, path, unwrap } from './base';

/**
 * Tag suggestions. They depend on the tags (the model is built again after tag writes) and on the
 * settings (the minimums): both tags refresh them. Accepting one writes through the tags' own routes.
 */
const suggestionsApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    getSuggestions: build.query<EntrySuggestions, { journey: string; contentType: string; documentId: string; locale?: string }>({
      query: (q) => path('/suggestions', q),
      transformResponse: unwrap<EntrySuggestions>,
      providesTags: ['JourneyMapTags', 'JourneyMapSettings'],
    }),
    getSuggestionQuality: build.query<SuggestionQuality, { journey: string }>({
      query: (q) => path('/suggestions/quality', q),
      transformResponse: unwrap<SuggestionQuality>,
      providesTags: ['JourneyMapTags', 'JourneyMapSettings'],
    }),
  }),
});

export const { useGetSuggestionsQuery, useLazyGetSuggestionsQuery, useGetSuggestionQualityQuery } = suggestionsApi;
