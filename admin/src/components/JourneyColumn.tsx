import { Badge, Flex, Typography, VisuallyHidden } from '@strapi/design-system';
import { useQueryParams } from '@strapi/strapi/admin';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useIntl } from 'react-intl';
import { useGetEntriesTagsQuery } from '../api/tags';
import { trackedTypes } from '../hooks/useTracked';
import type { ListTags } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { StatusBadge } from './StatusBadge';

type Loaded = { phases: ListTags['entries'][string]; personas: NonNullable<ListTags['personas']>[string] };

/**
 * The documentIds of the list page on screen, per model and locale. Every cell registers its own; once the
 * cells of a page have mounted (the same tick), the page's ids are published together, and all the cells
 * read one query with them: one `GET /assignments/:uid?documentIds=…` per page, cached and refreshed by
 * RTK Query when tags change anywhere (the panel, bulk tagging, the audit).
 */
interface ListPage {
  ids: Set<string>;
  published: string[] | null;
  listeners: Set<() => void>;
  timer?: ReturnType<typeof setTimeout>;
}
const pages = new Map<string, ListPage>();

function listPage(key: string): ListPage {
  let page = pages.get(key);
  if (!page) {
    page = { ids: new Set(), published: null, listeners: new Set() };
    pages.set(key, page);
  }
  return page;
}

function publishSoon(page: ListPage) {
  clearTimeout(page.timer);
  page.timer = setTimeout(() => {
    const ids = [...page.ids].sort();
    if (ids.join() === (page.published ?? []).join()) return;
    page.published = ids.length ? ids : null;
    page.listeners.forEach((listener) => listener());
  }, 0);
}

function usePageIds(key: string, documentId: string) {
  const page = listPage(key);
  useEffect(() => {
    page.ids.add(documentId);
    publishSoon(page);
    return () => {
      page.ids.delete(documentId);
      publishSoon(page);
    };
  }, [page, documentId]);
  const subscribe = useCallback(
    (listener: () => void) => {
      page.listeners.add(listener);
      return () => {
        page.listeners.delete(listener);
      };
    },
    [page]
  );
  return useSyncExternalStore(subscribe, () => page.published);
}

const NO_TAGS: Loaded = { phases: [], personas: [] };

export const JourneyCell = ({ documentId, model }: { documentId: string; model: string }) => {
  const { formatMessage } = useIntl();
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query.plugins?.i18n?.locale;
  const ids = usePageIds(`${model}|${locale ?? ''}`, documentId);
  // A cell waits until the page it belongs to is published with it.
  const ready = Boolean(ids?.includes(documentId));
  const { currentData, isError } = useGetEntriesTagsQuery({ uid: model, locale, documentIds: ids ?? [] }, { skip: !ready });
  const tags: Loaded | null = currentData
    ? { phases: currentData.entries[documentId] ?? [], personas: currentData.personas?.[documentId] ?? [] }
    : ready && isError
      ? NO_TAGS
      : null;

  if (tags === null) {
    return (
      <>
        <Typography textColor="neutral600" aria-hidden>
          –
        </Typography>
        <VisuallyHidden>{formatMessage({ id: getTranslation('column.loading'), defaultMessage: 'Loading the journey tags' })}</VisuallyHidden>
      </>
    );
  }
  if (tags.phases.length === 0) {
    return (
      <StatusBadge tone="warning">{formatMessage({ id: getTranslation('column.untagged'), defaultMessage: 'Untagged' })}</StatusBadge>
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
