import { Box, Button, EmptyStateLayout, Flex, LinkButton, Tabs, Typography } from '@strapi/design-system';
import { Cog, Download } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, Pagination, useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useGetAuditQuery } from '../../api/audit';
import { useGetSiteLocalesQuery, useGetTrackableTypesQuery } from '../../api/content-types';
import { useErrorMessage } from '../../api/errors';
import { useGetJourneysQuery } from '../../api/journeys';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID } from '../../pluginId';
import { downloadFromApi } from '../../utils/download';
import { auditParams, FILTER_KEYS, type AuditUrlQuery } from './auditQuery';
import type { AuditRow, AuditFlag, AuditSort } from '../../../../shared/contracts';
import { AUDIT_SORTS } from '../../../../shared/constants';
import { AuditFilters } from './AuditFilters';
import { AuditTable, rowKey } from './AuditTable';
import { BulkTagModal } from './BulkTagModal';
import { SuggestModal } from './SuggestModal';
import { FlagSummary } from './FlagSummary';
import { Snapshots } from './Snapshots';
import { useT } from './useT';

const DEFAULT_PAGE_SIZE = 25;
const EDIT_PERMISSIONS = [...PERMISSIONS.tag, ...PERMISSIONS.manage];

/** The content audit: flag counts, filters, the paginated table with bulk tagging, CSV export, and snapshots. */
const AuditPage = () => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const [{ query }, setQuery] = useQueryParams<AuditUrlQuery>();
  const { allowedActions } = useRBAC(EDIT_PERMISSIONS);
  const journeysQuery = useGetJourneysQuery();
  const typesQuery = useGetTrackableTypesQuery();
  const { data: locales = [] } = useGetSiteLocalesQuery();
  const [selected, setSelected] = useState<Map<string, AuditRow>>(new Map());
  const [tagging, setTagging] = useState(false);
  const [suggesting, setSuggesting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const metaStatus = journeysQuery.isError || typesQuery.isError ? 'error' : journeysQuery.data && typesQuery.data ? 'ready' : 'loading';
  const types = useMemo(() => (typesQuery.data ?? []).filter((c) => c.tracked), [typesQuery.data]);
  const sort: AuditSort = query.sort && (AUDIT_SORTS as readonly string[]).includes(query.sort) ? query.sort : 'updatedAt:desc';
  const page = query.page ?? '1';
  const pageSize = query.pageSize ?? String(DEFAULT_PAGE_SIZE);
  const search = JSON.stringify(auditParams(query));
  const ready = metaStatus === 'ready' && types.length > 0;

  // The rows on screen stay until the next page or filter has answered (the table shows it is loading).
  const list = useGetAuditQuery(auditParams(query, { page, pageSize }), { skip: !ready });
  // The summary cards count every flag for the filters other than the flag itself.
  const counts = useGetAuditQuery(auditParams({ ...query, flag: undefined }, { pageSize: '1' }), { skip: !ready || !query.flag });
  const audit = list.data ?? null;
  const summary = (query.flag ? counts.data : list.data)?.meta.counts ?? null;
  const unread = (query.flag ? counts.data : list.data)?.meta.unread ?? null;
  const loading = list.isFetching || counts.isFetching;
  const failed = list.isError || counts.isError;
  const retry = () => {
    list.refetch();
    if (query.flag) counts.refetch();
  };

  useEffect(() => setSelected(new Map()), [search, page, pageSize]);

  const update = useCallback(
    (patch: Partial<AuditUrlQuery>) => {
      const next = { ...query, ...patch };
      if (FILTER_KEYS.some((k) => k in patch) || 'sort' in patch) next.page = '1';
      const removed = Object.keys(next).filter((k) => next[k as keyof AuditUrlQuery] === undefined || next[k as keyof AuditUrlQuery] === '');
      const kept = Object.fromEntries(Object.entries(next).filter(([k]) => !removed.includes(k)));
      // setQuery merges into the current query, so drop the cleared keys first, then write the rest.
      setQuery({ ...Object.fromEntries(Object.keys(query).map((k) => [k, undefined])), ...kept } as AuditUrlQuery);
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
      const d = new Date();
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      await downloadFromApi('/audit', `journey-map-audit-${day}.csv`, auditParams(query, { format: 'csv' }));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t('audit.export.failed', 'The CSV could not be exported')) });
    } finally {
      setExporting(false);
    }
  };

  const view = query.view === 'snapshots' ? 'snapshots' : 'entries';
  const journeys = useMemo(() => journeysQuery.data ?? [], [journeysQuery.data]);
  const snapshotJourney = useMemo(() => journeys.find((j) => j.documentId === query.journey) ?? journeys[0], [journeys, query.journey]);

  const title = t('audit.title', 'Audit');
  if (metaStatus === 'loading') return <Page.Loading />;
  if (metaStatus === 'error') return <Page.Error />;

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
                <FlagSummary counts={summary} active={query.flag as AuditFlag | undefined} onPick={(flag) => update({ flag })} />
                {unread && !unread.computed && (
                  <Typography variant="pi" textColor="neutral700" data-testid="unread-note">
                    {t('audit.unread.notComputed', '"Nobody reads it" is not computed: no analytics were imported for {from} – {to}. Import GA4, Plausible or Matomo exports on the Measure page (docs/analytics.md).', {
                      from: unread.from,
                      to: unread.to,
                    })}
                  </Typography>
                )}
                <Box background="neutral0" shadow="filterShadow" hasRadius padding={5}>
                  <AuditFilters query={query} journeys={journeys} types={types} locales={locales} onChange={update} />
                </Box>
                {failed ? (
                  <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
                    <Flex direction="column" gap={3}>
                      <Typography textColor="danger600">{t('audit.error', 'The audit could not be loaded.')}</Typography>
                      <Button variant="secondary" onClick={retry}>
                        {t('audit.retry', 'Try again')}
                      </Button>
                    </Flex>
                  </Box>
                ) : (
                  <>
                    <AuditTable
                      rows={audit?.data ?? null}
                      loading={loading}
                      types={types}
                      sort={sort}
                      onSort={(s) => update({ sort: s })}
                      selected={selected}
                      onSelect={select}
                      canTag={Boolean(allowedActions.canTag)}
                      onTag={() => setTagging(true)}
                      onSuggest={snapshotJourney ? () => setSuggesting(true) : undefined}
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
                  <Snapshots journey={snapshotJourney} journeys={journeys} onJourney={(journey) => update({ journey, phase: undefined, persona: undefined })} types={types} canManage={Boolean(allowedActions.canManage)} />
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
      {suggesting && snapshotJourney && (
        <SuggestModal
          rows={[...selected.values()]}
          journey={snapshotJourney}
          onClose={() => setSuggesting(false)}
          onDone={() => {
            setSuggesting(false);
            setSelected(new Map());
          }}
        />
      )}
      {tagging && (
        <BulkTagModal
          rows={[...selected.values()]}
          journeys={journeys}
          onClose={() => setTagging(false)}
          onDone={() => {
            setTagging(false);
            setSelected(new Map());
          }}
        />
      )}
    </>
  );
};

export default AuditPage;
