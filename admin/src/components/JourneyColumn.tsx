import { Badge, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useQueryParams } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import type { ListTags } from '../types';
import { getTranslation } from '../utils/getTranslation';

type Phase = ListTags['entries'][string][number];
type Fetcher = (url: string) => Promise<{ data: { data: ListTags } }>;

/**
 * Batches the cells of one list page into a single request: every cell asks for its documentId, and the
 * requests made in the same tick share one `GET /assignments/:uid?documentIds=…`.
 */
const batches = new Map<string, { ids: Set<string>; promise: Promise<ListTags> }>();
function loadTags(fetcher: Fetcher, model: string, locale: string | undefined, documentId: string) {
  const key = `${model}|${locale ?? ''}`;
  let batch = batches.get(key);
  if (!batch) {
    const ids = new Set<string>();
    const promise = new Promise<ListTags>((resolve, reject) => {
      setTimeout(() => {
        batches.delete(key);
        const query = new URLSearchParams({ documentIds: [...ids].join(',') });
        if (locale) query.set('locale', locale);
        fetcher(`/${PLUGIN_ID}/assignments/${model}?${query}`).then((r) => resolve(r.data.data), reject);
      }, 0);
    });
    batch = { ids, promise };
    batches.set(key, batch);
  }
  batch.ids.add(documentId);
  return batch.promise;
}

export const JourneyCell = ({ documentId, model }: { documentId: string; model: string }) => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query.plugins?.i18n?.locale;
  const [phases, setPhases] = useState<Phase[] | null | 'untracked'>(null);
  const [version, setVersion] = useState(0);

  // The bulk action announces changed tags, so the badges on screen refresh without a reload.
  useEffect(() => {
    const refresh = () => setVersion((v) => v + 1);
    window.addEventListener('journey-map:tags-changed', refresh);
    return () => window.removeEventListener('journey-map:tags-changed', refresh);
  }, []);

  useEffect(() => {
    let live = true;
    loadTags(get as Fetcher, model, locale, documentId)
      .then((res) => live && setPhases(res.tracked ? res.entries[documentId] ?? [] : 'untracked'))
      .catch(() => live && setPhases([]));
    return () => {
      live = false;
    };
  }, [get, model, locale, documentId, version]);

  if (phases === null || phases === 'untracked') return <Typography textColor="neutral500">–</Typography>;
  if (phases.length === 0) {
    return (
      <Badge backgroundColor="warning100" textColor="warning700">
        {formatMessage({ id: getTranslation('column.untagged'), defaultMessage: 'Untagged' })}
      </Badge>
    );
  }
  return (
    <Flex gap={1} wrap="wrap">
      {phases.map((p) => (
        <Badge key={p.documentId} backgroundColor="primary100" textColor="primary700" title={p.journey ?? undefined}>
          {p.name}
        </Badge>
      ))}
    </Flex>
  );
};

/** The list-view hook: adds the "Journey" column (cells of untracked types show a dash). */
export const addJourneyColumn = ({ displayedHeaders, layout }: { displayedHeaders: any[]; layout: any }) => ({
  // Right after the id and main field, so the column is in view without scrolling sideways.
  displayedHeaders: [
    ...displayedHeaders.slice(0, 2),
    {
      attribute: { type: 'string' },
      label: { id: getTranslation('column.title'), defaultMessage: 'Journey' },
      searchable: false,
      sortable: false,
      name: 'journey-map',
      cellFormatter: (row: { documentId: string }, _header: unknown, meta: { model: string }) => (
        <JourneyCell documentId={row.documentId} model={meta.model} />
      ),
    },
    ...displayedHeaders.slice(2),
  ],
  layout,
});
