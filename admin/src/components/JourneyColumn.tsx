import { Badge, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useQueryParams } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import { trackedTypes } from '../hooks/useTracked';
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

type Loaded = { phases: Phase[]; personas: Array<{ documentId: string; name: string }> };

export const JourneyCell = ({ documentId, model }: { documentId: string; model: string }) => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query.plugins?.i18n?.locale;
  const [tags, setTags] = useState<Loaded | null>(null);
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
      .then((res) => live && setTags({ phases: res.entries[documentId] ?? [], personas: res.personas?.[documentId] ?? [] }))
      .catch(() => live && setTags({ phases: [], personas: [] }));
    return () => {
      live = false;
    };
  }, [get, model, locale, documentId, version]);

  if (tags === null) return <Typography textColor="neutral500">–</Typography>;
  if (tags.phases.length === 0) {
    return (
      <Badge backgroundColor="warning100" textColor="warning700">
        {formatMessage({ id: getTranslation('column.untagged'), defaultMessage: 'Untagged' })}
      </Badge>
    );
  }
  const personas = tags.personas.map((p) => p.name);
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Flex gap={1} wrap="wrap">
        {tags.phases.map((p) => (
          <Badge key={p.documentId} backgroundColor="primary100" textColor="primary700" title={p.journey ?? undefined}>
            {p.name}
          </Badge>
        ))}
      </Flex>
      {/* One short line: the first persona and how many more (all names on hover); none = all personas. */}
      {personas.length > 0 && (
        <Typography variant="pi" textColor="neutral600" title={personas.join(', ')}>
          {formatMessage(
            { id: getTranslation('column.personas'), defaultMessage: '{first}{more, plural, =0 {} other { +#}}' },
            { first: personas[0], more: personas.length - 1 }
          )}
        </Typography>
      )}
    </Flex>
  );
};

/** The model of the list view on screen (the hook is not told which type it renders). */
const listedModel = () => /\/content-manager\/collection-types\/([^/?#]+)/.exec(window.location.pathname)?.[1];

/**
 * The list-view hook: adds the "Journey" column to tracked types only. The tracked set is loaded when the
 * admin starts (hooks/useTracked), so this decides synchronously, with no request.
 */
export const addJourneyColumn = ({ displayedHeaders, layout }: { displayedHeaders: any[]; layout: any }) => {
  const model = listedModel();
  if (!model || !trackedTypes.current()?.has(decodeURIComponent(model))) return { displayedHeaders, layout };
  return {
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
  };
};
