/**
 * `strapi-plugin-journey-map-client/react`: a thin hook over the client. React is an optional peer
 * dependency, needed only by this entry.
 */
import { useEffect, useState } from 'react';
import type { ContentQuery, JourneyMapClient } from './index';
import type { DeliveredContent } from './contracts';

export interface JourneyContentState {
  data: DeliveredContent | null;
  error: Error | null;
  loading: boolean;
}

/** The content of a cell, fetched again when the client or any part of the query changes. */
export function useJourneyContent(client: JourneyMapClient, q: ContentQuery | null): JourneyContentState {
  const [state, setState] = useState<JourneyContentState>({ data: null, error: null, loading: q !== null });
  const key = q ? JSON.stringify([q.journey, q.phase, q.persona ?? null, q.locale ?? null, q.limit ?? null]) : null;
  useEffect(() => {
    if (!q) {
      setState({ data: null, error: null, loading: false });
      return undefined;
    }
    let live = true;
    const AC = (globalThis as unknown as { AbortController?: new () => { signal: unknown; abort(): void } }).AbortController;
    const controller = AC ? new AC() : undefined;
    setState((s) => ({ ...s, loading: true, error: null }));
    client.getContent(q, { signal: controller?.signal }).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: Error) => live && error?.name !== 'AbortError' && setState({ data: null, error, loading: false })
    );
    return () => {
      live = false;
      controller?.abort();
    };
  }, [client, key]);
  return state;
}
