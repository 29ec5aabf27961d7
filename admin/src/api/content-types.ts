import type { ContentTypeInfo } from '../../../shared/contracts';
import { journeyMapApi, path, unwrap } from './base';

/** A locale of the i18n plugin (Strapi's own route, not the plugin's). */
export interface SiteLocale {
  code: string;
  name: string;
  isDefault: boolean;
}

const contentTypesApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    /** The site's types: whether each is tracked, its entries and its title field. */
    getTrackableTypes: build.query<ContentTypeInfo[], void>({
      query: () => path('/content-types'),
      transformResponse: unwrap<ContentTypeInfo[]>,
      providesTags: ['JourneyMapSettings'],
    }),
    /** The site's locales; a site without i18n has no such route, and then no locales (filters hide). */
    getSiteLocales: build.query<SiteLocale[], void>({
      async queryFn(_arg, _api, _extra, baseQuery) {
        const result = await baseQuery('/i18n/locales');
        return { data: Array.isArray(result.data) ? (result.data as SiteLocale[]) : [] };
      },
    }),
  }),
});

export const { useGetTrackableTypesQuery, useGetSiteLocalesQuery } = contentTypesApi;
