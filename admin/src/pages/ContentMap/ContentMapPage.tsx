import { Box, Button, Checkbox, EmptyStateLayout, Flex, Loader, Switch, Typography } from '@strapi/design-system';
import { Download, WarningCircle } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router-dom';
import { useLinkedCell } from '../../hooks/useLinkedCell';
import { CELL_STATES, STATE_ORDER } from '../../components/cellStates';
import { JourneyPicker } from '../../components/JourneyPicker';
import { LocaleFilter } from '../../components/LocaleFilter';
import { NoJourney } from '../../components/NoJourney';
import { SelectField } from '../../components/SelectField';
import { useJourneys } from '../../hooks/useJourneys';
import { useSiteOptions } from '../../hooks/useSiteOptions';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID } from '../../pluginId';
import type { CoverageCell } from '../../../../shared/contracts';
import { useGetCoverageHistoryQuery, useGetCoveragePerformanceQuery, useGetCoverageQuery, type CoverageFilters } from '../../api/coverage';
import { useErrorMessage } from '../../api/errors';
import { useSaveJourneyPartMutation } from '../../api/journeys';
import { useGetMeasuredGapsQuery } from '../../api/measure';
import { downloadBlob, downloadFromApi } from '../../utils/download';
import { getTranslation } from '../../utils/getTranslation';
import { GapsList } from '../Measure/GapsList';
import { CellDialog } from './CellDialog';
import { ChangesSince } from './ChangesSince';
import { Heatmap, historyByCell, historyKey } from './Heatmap';
import { PerformanceControls, performancePeriodQuery, performanceState } from './PerformanceControls';

/** The days the map's history shows. */
const HISTORY_DAYS = 90;

const ALL = 'all';

/** The content map: where the journey has content and where it lacks it. */
const ContentMapPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const { allowedActions } = useRBAC([...PERMISSIONS.manage, ...PERMISSIONS.tag]);
  const { status, journeys, selected, select } = useJourneys();
  const { types, locales } = useSiteOptions();
  const [params, setParams] = useSearchParams();
  const [picked, setOpen] = useState<{ phase: string; persona: string | null } | null>(null);
  const [exporting, setExporting] = useState(false);
  const heatmapRef = useRef<HTMLDivElement>(null);

  const locale = params.get('locale') ?? undefined;
  const contentType = params.get('contentType') ?? undefined;
  const includeDrafts = params.get('includeDrafts') === 'true';
  const showHistory = params.get('history') === 'on';
  const perfState = performanceState(params);
  const perfPeriod = performancePeriodQuery(perfState);
  const setFilters = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true }
    );
  const setFilter = (key: string, value: string | null) => setFilters({ [key]: value });

  useLinkedCell(true, (phase, persona) => setOpen({ phase, persona }));

  const filters: CoverageFilters = { journey: selected?.slug ?? '', locale, contentType, includeDrafts };
  // Other filters keep the map on screen until their counts arrive.
  const { data: coverage, isError: failed } = useGetCoverageQuery(filters, { skip: !selected });
  const report = coverage ?? null;
  // The measured gaps (conversion, CTAs behind target) join the content gaps in one list.
  const { data: measured = null } = useGetMeasuredGapsQuery({ journey: report?.journey.documentId ?? '' }, { skip: !report });
  const [saveJourneyPart] = useSaveJourneyPartMutation();
  // The last 90 days of each cell, read only when asked for (the daily snapshots' cell rows).
  const {
    currentData: history,
    isFetching: historyLoading,
    isError: historyFailed,
  } = useGetCoverageHistoryQuery({ journey: report?.journey.documentId ?? '', days: HISTORY_DAYS }, { skip: !report || !showHistory });
  const historyCells = useMemo(() => historyByCell(history), [history]);
  // How the content performs: each cell's views and conversions over the period (imported analytics).
  const perfParams = report && perfPeriod ? { journey: report.journey.documentId, locale, contentType, ...perfPeriod } : null;
  const {
    currentData: performance,
    isFetching: performanceLoading,
    isError: performanceFailed,
  } = useGetCoveragePerformanceQuery(perfParams ?? { journey: '' }, { skip: !perfParams || !perfState.on });
  const performanceCells = useMemo(
    () => (performance && perfState.on ? new Map(performance.cells.map((c) => [historyKey(c.phase, c.persona), { views: c.views, conversions: c.conversions }])) : null),
    [performance, perfState.on]
  );
  const recorded = showHistory && history && history.recordedDays > 0 ? history : null;
  // The open cell, as the report counts it now (it follows a save or a change of filters).
  const open = picked && report ? report.cells.find((c) => c.phase === picked.phase && c.persona === picked.persona) ?? null : null;

  const toggleApplicable = async (cell: CoverageCell, applicable: boolean) => {
    if (!report || !cell.persona) return;
    const excluded = report.cells.filter((c) => c.state === 'not-applicable' && c.persona).map((c) => ({ phase: c.phase, persona: c.persona as string }));
    const next = applicable
      ? excluded.filter((c) => !(c.phase === cell.phase && c.persona === cell.persona))
      : [...excluded, { phase: cell.phase, persona: cell.persona }];
    try {
      await saveJourneyPart({ part: 'journeys', id: report.journey.documentId, body: { excludedCells: next } }).unwrap();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e, t('form.saveFailed', 'Could not be saved')) });
    }
  };

  const exportCsv = () =>
    downloadFromApi('/coverage', `journey-map-coverage-${selected?.slug}.csv`, {
      journey: filters.journey,
      locale,
      contentType,
      includeDrafts: includeDrafts ? 'true' : undefined,
      format: 'csv',
    }).catch((e) =>
      toggleNotification({ type: 'danger', message: errorMessage(e, t('map.exportJsonFailed', 'The file could not be made')) })
    );

  const exportPng = async () => {
    const node = heatmapRef.current;
    if (!node) return;
    setExporting(true);
    try {
      const { toBlob } = await import('html-to-image');
      const blob = await toBlob(node, { backgroundColor: '#ffffff', pixelRatio: 2, width: node.scrollWidth, height: node.scrollHeight });
      if (blob) downloadBlob(blob, `journey-map-content-map-${selected?.slug}.png`);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e, t('map.exportFailed', 'The image could not be made')) });
    } finally {
      setExporting(false);
    }
  };

  if (status === 'loading') return <Page.Loading />;
  if (status === 'error') return <Page.Error />;
  const title = t('nav.contentMap', 'Content map');

  return (
    <>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('contentMap.subtitle', 'Which phase × persona cells have enough published content, and which are gaps.')}
        secondaryAction={
          report ? (
            <Flex gap={2}>
              <Button variant="tertiary" startIcon={<Download />} onClick={exportCsv}>
                {t('contentMap.exportCsv', 'Export CSV')}
              </Button>
              <Button variant="tertiary" startIcon={<Download />} onClick={exportPng} loading={exporting}>
                {t('map.exportPng', 'Export PNG')}
              </Button>
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        {!journeys.length ? (
          <NoJourney />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <JourneyPicker journeys={journeys} value={selected?.slug} onChange={select} />
              <LocaleFilter locales={locales} value={locale ?? null} onChange={(v) => setFilter('locale', v)} />
              <SelectField
                name="contentType"
                width="20rem"
                size="S"
                label={t('entry.type', 'Type')}
                value={contentType ?? ALL}
                choices={[{ value: ALL, label: t('filter.allTypes', 'All tracked types') }, ...types.map((ty) => ({ value: ty.uid, label: ty.displayName }))]}
                onChange={(v) => setFilter('contentType', v === ALL ? null : v)}
              />
              <Box paddingBottom={2}>
                <Checkbox checked={includeDrafts} onCheckedChange={(c) => setFilter('includeDrafts', c === true ? 'true' : null)}>
                  {t('filter.includeDrafts', 'Count drafts')}
                </Checkbox>
              </Box>
            </Flex>

            {report && report.totals.untagged > 0 && (
              <Flex gap={3} padding={4} hasRadius background="warning100" borderColor="warning200" borderStyle="solid" borderWidth="1px" data-testid="untagged-callout">
                <WarningCircle fill="warning700" aria-hidden />
                <Typography textColor="neutral800">
                  {t('contentMap.untagged', '{count, plural, one {# entry is} other {# entries are}} untagged and serve no phase.', { count: report.totals.untagged })}
                </Typography>
                <Link to={`/plugins/${PLUGIN_ID}/audit?flag=untagged`}>
                  <Typography fontWeight="bold" textColor="primary600">
                    {t('contentMap.tagThem', 'Tag them')}
                  </Typography>
                </Link>
              </Flex>
            )}

            {report && (
              <Flex gap={2} wrap="wrap" data-testid="state-totals">
                {STATE_ORDER.map((state) => {
                  const look = CELL_STATES[state];
                  return (
                    <Flex key={state} gap={1} alignItems="center" paddingLeft={2} paddingRight={3} paddingTop={1} paddingBottom={1} hasRadius background={look.background}>
                      <look.Icon fill={look.icon} aria-hidden />
                      <Typography variant="pi" fontWeight="bold" textColor={look.text}>
                        {report.totals[state]} {t(look.id, look.label)}
                      </Typography>
                    </Flex>
                  );
                })}
                <Typography variant="pi" textColor="neutral600" style={{ alignSelf: 'center' }}>
                  {t('contentMap.rules', 'Counts published entries updated in the last {days} days{drafts}. Minimum per cell: {min}{max}.', {
                    days: report.filters.staleAfterDays,
                    drafts: report.filters.includeDrafts ? t('contentMap.rulesDrafts', ', drafts included') : '',
                    min: report.thresholds.min,
                    max: report.thresholds.max === null ? '' : t('contentMap.rulesMax', ', maximum {max}', { max: report.thresholds.max }),
                  })}
                </Typography>
              </Flex>
            )}

            {report && report.personas.length > 0 && (
              <Flex gap={3} alignItems="center" wrap="wrap" data-testid="history-controls">
                <Flex gap={2} alignItems="center">
                  <Switch
                    id="journey-map-history"
                    checked={showHistory}
                    onCheckedChange={(on: boolean) => setFilter('history', on ? 'on' : null)}
                    aria-labelledby="journey-map-history-label"
                  />
                  <label id="journey-map-history-label" htmlFor="journey-map-history">
                    <Typography fontWeight="semiBold">{t('history.toggle', 'Show the last {days} days', { days: HISTORY_DAYS })}</Typography>
                  </label>
                </Flex>
                {showHistory && historyLoading && !history && <Loader small>{t('history.loading', 'Loading the history…')}</Loader>}
                {showHistory && historyFailed && (
                  <Typography textColor="danger600" role="alert">
                    {t('history.failed', 'The history could not be loaded.')}
                  </Typography>
                )}
                {showHistory && history && history.recordedDays === 0 && (
                  <Flex gap={2} data-testid="history-empty">
                    <Typography textColor="neutral700">{t('history.empty', 'No daily snapshots yet: turn them on in Settings.')}</Typography>
                    <Link to={`/settings/${PLUGIN_ID}`}>
                      <Typography fontWeight="bold" textColor="primary600">
                        {t('settings.link', 'Settings')}
                      </Typography>
                    </Link>
                  </Flex>
                )}
                {recorded && (
                  <Typography variant="pi" textColor="neutral600" data-testid="history-note">
                    {t('history.note', 'Lines: each cell\'s count over the last {days} days ({recorded} of them with a daily snapshot; every locale). Red ticks: the days it was a gap.', {
                      recorded: recorded.recordedDays,
                      days: recorded.days.length,
                    })}
                  </Typography>
                )}
              </Flex>
            )}
            {report && report.personas.length > 0 && (
              <PerformanceControls state={perfState} report={performance ?? null} loading={performanceLoading} failed={performanceFailed} onChange={setFilters} />
            )}
            {failed && <Page.Error />}
            {!failed && !report && <Page.Loading />}
            {report && !report.personas.length && (
              <EmptyStateLayout content={t('contentMap.noPersonas', 'This journey has no personas: add them on the journey map to see the matrix.')} />
            )}
            {report && report.personas.length > 0 && (
              <div ref={heatmapRef}>
                <Heatmap
                  report={report}
                  onOpen={setOpen}
                  history={recorded && !performanceCells ? { cells: historyCells, days: recorded.days.length } : null}
                  performance={performanceCells}
                />
              </div>
            )}
            {report && recorded && (
              <ChangesSince report={report} today={recorded.days[recorded.days.length - 1]} defaultSince={recorded.days[Math.max(0, recorded.days.length - 31)]} />
            )}
            {report && report.personas.length > 0 && (
              <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography variant="delta" tag="h2">
                    {t('gaps.title', 'Gap analysis')}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600">
                    {t('gaps.subtitle', 'Phase by phase: where content is missing, where no CTA asks for the next step, and — from what the site measures — where visitors stop and which CTAs are behind target.')}
                  </Typography>
                  <GapsList gaps={measured} coverage={report} />
                </Flex>
              </Box>
            )}
            {report && (
              <Typography variant="pi" textColor="neutral600">
                {t('contentMap.howToRead', 'Gap: no content. Thin: fewer entries than the minimum. OK: enough. Excess: more than the maximum. Not applicable: the phase does not concern that persona. A phase is flagged when all its cells are gaps or thin, and when it has no CTA. Click a cell to see its entries or create a draft for it.')}
              </Typography>
            )}
          </Flex>
        )}
      </Layouts.Content>
      {report && (
        <CellDialog
          report={report}
          cell={open}
          filters={{ locale, contentType }}
          types={types}
          locales={locales}
          canManage={Boolean(allowedActions.canManage)}
          canTag={Boolean(allowedActions.canTag)}
          onClose={() => setOpen(null)}
          onToggleApplicable={toggleApplicable}
          history={recorded && open ? { days: recorded.days, cell: historyCells.get(historyKey(open.phase, open.persona)) ?? null } : null}
          performance={perfState.on && perfParams ? perfParams : null}
        />
      )}
    </>
  );
};

export default ContentMapPage;
