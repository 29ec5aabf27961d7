import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { api } from '../utils/api';

export interface SiteType {
  uid: string;
  displayName: string;
  kind: 'collectionType' | 'singleType';
  localized: boolean;
  tracked: boolean;
}
export interface SiteLocale {
  code: string;
  name: string;
  isDefault: boolean;
}

/** The tracked content types and the site's locales, for filters and the "create a draft" form. */
export function useSiteOptions() {
  const { get } = useFetchClient();
  const [types, setTypes] = useState<SiteType[]>([]);
  const [locales, setLocales] = useState<SiteLocale[]>([]);
  useEffect(() => {
    get<{ data: SiteType[] }>(api('/content-types')).then(({ data }) => setTypes(data.data.filter((t) => t.tracked)), () => setTypes([]));
    // Sites without i18n have no locales route; the locale filter is then hidden.
    get<SiteLocale[]>('/i18n/locales').then(({ data }) => setLocales(Array.isArray(data) ? data : []), () => setLocales([]));
  }, [get]);
  return { types, locales };
}
