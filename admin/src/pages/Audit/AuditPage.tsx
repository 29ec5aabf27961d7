import { Box, Button, EmptyStateLayout, Flex, LinkButton, Tabs, Typography } from '@strapi/design-system';
import { Cog, Download } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, Pagination, useFetchClient, useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID } from '../../pluginId';
import type { JourneySummary } from '../../types';
import { auditSearch, errorMessage, FILTER_KEYS, SORTS, type AuditQuery, type AuditResponse, type AuditRow, type ContentTypeInfo, type Flag, type LocaleInfo, type Sort } from './api';
import { AuditFilters } from './AuditFilters';
import { AuditTable, rowKey } from './AuditTable';
import { BulkTagModal } from './BulkTagModal';
import { FlagSummary } from './FlagSummary';
import { Snapshots } from './Snapshots';
import { useT } from './useT';

type Meta = { status: 'loading' } | { status: 'error' } | { status: 'ready'; journeys: JourneySummary[]; types: ContentTypeInfo[]; locales: LocaleInfo[] };
const DEFAULT_PAGE_SIZE = 25;
const EDIT_PERMISSIONS = [...PERMISSIONS.tag, ...PERMISSIONS.manage];

/** The content audit: flag counts, filters, the paginated table with bulk tagging, CSV export, and snapshots. */
const AuditPage = () => {
  const t = useT();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }, setQuery] = useQueryParams<AuditQuery>();
  const { allowedActions } = useRBAC(EDIT_PERMISSIONS);
  const [meta, setMeta] = useState<Meta>({ status: 'loading' });
  const [audit, setAudit] = useState<AuditResponse | null>(null);
  const [summary, setSummary] = useState<AuditResponse['meta']['counts'] | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [selected, setSelected] = useState<Map<string, AuditRow>>(new Map());
  const [tagging, setTagging] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    Promise.all([
      get<{ data: JourneySummary[] }>(`/${PLUGIN_ID}/journeys`),
      get<{ data: ContentTypeInfo[] }>(`/${PLUGIN_ID}/content-types`),
      get<LocaleInfo[]>('/i18n/locales').catch(() => ({ data: [] as LocaleInfo[] })),
    ])
      .then(([journeys, types, locales]) =>
        setMeta({ status: 'ready', journeys: journeys.data.data, types: types.data.data.filter((c) => c.tracked), locales: Array.isArray(locales.data) ? locales.data : [] })
      )
      .catch(() => setMeta({ status: 'error' }));
  }, [get]);

  const sort: Sort = query.sort && (SORTS as readonly string[]).includes(query.sort) ? query.sort : 'updatedAt:desc';
  const page = query.page ?? '1';
  const pageSize = query.pageSize ?? String(DEFAULT_PAGE_SIZE);
  const search = auditSearch(query);
  const ready = meta.status === 'ready' && meta.types.length > 0;

  useEffect(() => {
    if (!ready) return;
    let live = true;
    setLoading(true);
    setFailed(false);
    const list = get<AuditResponse>(`/${PLUGIN_ID}/audit?${auditSearch(query, { page, pageSize })}`);
    // The summary cards count every flag for the filters other than the flag itself.
    const counts = query.flag ? get<AuditResponse>(`/${PLUGIN_ID}/audit?${auditSearch({ ...query, flag: undefined }, { pageSize: '1' })}`) : list;
    Promise.all([list, counts])
      .then(([l, c]) => {
        if (!live) return;
        setAudit(l.data);
        setSummary(c.data.meta.counts);
      })
      .catch(() => live && setFailed(true))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get, ready, search, page, pageSize, reload]);

  useEffect(() => setSelected(new Map()), [search, page, pageSize]);

  const update = useCallback(
    (patch: Partial<AuditQuery>) => {
      const next = { ...query, ...patch };
      if (FILTER_KEYS.some((k) => k in patch) || 'sort' in patch) next.page = '1';
      const removed = Object.keys(next).filter((k) => next[k as keyof AuditQuery] === undefined || next[k as keyof AuditQuery] === '');
      const kept = Object.fromEntries(Object.entries(next).filter(([k]) => !removed.includes(k)));
      // setQuery merges into the current query, so drop the cleared keys first, then write the rest.
      setQuery({ ...Object.fromEntries(Object.keys(query).map((k) => [k, undefined])), ...kept } as AuditQuery);
    },
    [query, setQuery]
  );

  const select = (rows: AuditRow[], on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      for (const r of rows) {
        if (on) next.set(rowKey(r), r);
        else next.delete(rowKey(r));
      }
      return next;
    });

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { data } = await get<Blob>(`/${PLUGIN_ID}/audit?${auditSearch(query, { format: 'csv' })}`, { responseType: 'blob' });
      const url = URL.createObjectURL(data);
      const a = document.createElement('a');
      const d = new Date();
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      a.href = url;
      a.download = `journey-map-audit-${day}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) ?? t('audit.export.failed', 'The CSV could not be exported') });
    } finally {
      setExporting(false);
    }
  };

  const view = query.view === 'snapshots' ? 'snapshots' : 'entries';
  const journeys = useMemo(() => (meta.status === 'ready' ? meta.journeys : []), [meta]);
  const snapshotJourney = useMemo(() => journeys.find((j) => j.documentId === query.journey) ?? journeys[0], [journeys, query.journey]);

  const title = t('audit.title', 'Audit');
  if (meta.status === 'loading') return <Page.Loading />;
  if (meta.status === 'error') return <Page.Error />;

  const filtered = FILTER_KEYS.some((k) => Boolean(query[k]));
  const pagination = audit?.meta.pagination;

  return (
    <>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('audit.subtitle', 'Every entry of the tracked content types with its journey tags and what needs attention.')}
        primaryAction={
          ready && view === 'entries' ? (
            <Button startIcon={<Download />} variant="secondary" onClick={exportCsv} loading={exporting} disabled={!pagination?.total}>
              {t('audit.export', 'Export CSV')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        {!ready ? (
          <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={t('audit.empty.noTypes', 'Journey Map tracks no content type yet. Choose the types to audit in the settings.')}
              action={
                <LinkButton tag={RouterLink} to={`/settings/${PLUGIN_ID}`} variant="secondary" startIcon={<Cog />}>
                  {t('audit.empty.openSettings', 'Open the settings')}
                </LinkButton>
              }
            />
          </Box>
        ) : (
          <Tabs.Root value={view} onValueChange={(v: string) => update({ view: v === 'snapshots' ? 'snapshots' : undefined })}>
            <Tabs.List aria-label={t('audit.tabs', 'Audit views')}>
              <Tabs.Trigger value="entries">{t('audit.tab.entries', 'Entries')}</Tabs.Trigger>
              <Tabs.Trigger value="snapshots">{t('audit.tab.snapshots', 'Snapshots')}</Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="entries">
              <Flex direction="column" alignItems="stretch" gap={5} paddingTop={5}>
                <FlagSummary counts={summary} active={query.flag as Flag | undefined} onPick={(flag) => update({ flag })} />
                <Box background="neutral0" shadow="filterShadow" hasRadius padding={5}>
                  <AuditFilters query={query} journeys={journeys} types={meta.types} locales={meta.locales} onChange={update} />
                </Box>
                {failed ? (
                  <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
                    <Flex direction="column" gap={3}>
                      <Typography textColor="danger600">{t('audit.error', 'The audit could not be loaded.')}</Typography>
                      <Button variant="secondary" onClick={() => setReload((n) => n + 1)}>
                        {t('audit.retry', 'Try again')}
                      </Button>
                    </Flex>
                  </Box>
                ) : (
                  <>
                    <AuditTable
                      rows={audit?.data ?? null}
                      loading={loading}
                      types={meta.types}
                      sort={sort}
                      onSort={(s) => update({ sort: s })}
                      selected={selected}
                      onSelect={select}
                      canTag={Boolean(allowedActions.canTag)}
                      onTag={() => setTagging(true)}
                      filtered={filtered}
                    />
                    {pagination && pagination.total > 0 && (
                      <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={DEFAULT_PAGE_SIZE}>
                        <Pagination.PageSize options={['10', '25', '50', '100']} />
                        <Pagination.Links />
                      </Pagination.Root>
                    )}
                  </>
                )}
              </Flex>
            </Tabs.Content>
            <Tabs.Content value="snapshots">
              <Box paddingTop={5}>
                {snapshotJourney ? (
                  <Snapshots journey={snapshotJourney} journeys={journeys} onJourney={(journey) => update({ journey, phase: undefined, persona: undefined })} types={meta.types} canManage={Boolean(allowedActions.canManage)} />
                ) : (
                  <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
                    <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={t('audit.noJourneys', 'No journey exists yet. Create one on the Journey map page first.')} />
                  </Box>
                )}
              </Box>
            </Tabs.Content>
          </Tabs.Root>
        )}
      </Layouts.Content>
      {tagging && (
        <BulkTagModal
          rows={[...selected.values()]}
          journeys={journeys}
          onClose={() => setTagging(false)}
          onDone={() => {
            setTagging(false);
            setSelected(new Map());
            setReload((n) => n + 1);
          }}
        />
      )}
    </>
  );
};

export default AuditPage;
