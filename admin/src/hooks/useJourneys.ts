import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useGetJourneysQuery } from '../api/journeys';

/**
 * The site's journeys and the one picked on the page, kept in the URL (`?journey=<slug>`) so a map can be
 * shared and survives a reload; the first journey is picked when the URL names none.
 */
export function useJourneys() {
  const { data, isError } = useGetJourneysQuery();
  const [params, setParams] = useSearchParams();
  const status = isError ? 'error' : data ? 'ready' : 'loading';
  const journeys = data ?? [];
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
  return { status, journeys, selected, select };
}
