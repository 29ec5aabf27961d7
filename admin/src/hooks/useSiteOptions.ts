import { useMemo } from 'react';
import { useGetSiteLocalesQuery, useGetTrackableTypesQuery, type SiteLocale } from '../api/content-types';

const NONE: SiteLocale[] = [];

/** The tracked content types and the site's locales, for filters and the "create a draft" form. */
export function useSiteOptions() {
  const { data: all } = useGetTrackableTypesQuery();
  const { data: locales = NONE } = useGetSiteLocalesQuery();
  const types = useMemo(() => (all ?? []).filter((t) => t.tracked), [all]);
  return { types, locales };
}
