import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { JourneySummary } from '../types';
import { api } from '../utils/api';

type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; journeys: JourneySummary[] };

/**
 * The site's journeys and the one picked on the page, kept in the URL (`?journey=<slug>`) so a map can be
 * shared and survives a reload; the first journey is picked when the URL names none.
 */
export function useJourneys() {
  const { get } = useFetchClient();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<State>({ status: 'loading' });

  const reload = useCallback(
    () =>
      get<{ data: JourneySummary[] }>(api('/journeys')).then(
        ({ data }) => setState({ status: 'ready', journeys: data.data }),
        () => setState({ status: 'error' })
      ),
    [get]
  );
  useEffect(() => {
    reload();
  }, [reload]);

  const journeys = state.status === 'ready' ? state.journeys : [];
  const wanted = params.get('journey');
  const selected = journeys.find((j) => j.slug === wanted) ?? journeys[0] ?? null;
  const select = useCallback(
    (slug: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('journey', slug);
          return next;
        },
        { replace: true }
      ),
    [setParams]
  );
  return { status: state.status, journeys, selected, select, reload };
}
