import { Box, Button, Checkbox, EmptyStateLayout, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Download, WarningCircle } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router-dom';
import { CELL_STATES, STATE_ORDER } from '../../components/cellStates';
import { JourneyPicker } from '../../components/JourneyPicker';
import { useJourneys } from '../../hooks/useJourneys';
import { useSiteOptions } from '../../hooks/useSiteOptions';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID } from '../../pluginId';
import type { CoverageCell, CoverageReport } from '../../types';
import { api, downloadBlob, downloadFromApi, errorMessage } from '../../utils/api';
import { getTranslation } from '../../utils/getTranslation';
import { GapsList } from '../Measure/GapsList';
import type { MeasuredGaps } from '../Measure/types';
import { CellDialog } from './CellDialog';
import { Heatmap } from './Heatmap';

const ALL = 'all';

/** The content map: where the journey has content and where it lacks it. */
const ContentMapPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC([...PERMISSIONS.manage, ...PERMISSIONS.tag]);
  const { status, journeys, selected, select } = useJourneys();
  const { types, locales } = useSiteOptions();
  const [params, setParams] = useSearchParams();
  const [report, setReport] = useState<CoverageReport | null>(null);
  const [measured, setMeasured] = useState<MeasuredGaps | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState<CoverageCell | null>(null);
  const [exporting, setExporting] = useState(false);
  const heatmapRef = useRef<HTMLDivElement>(null);

  const locale = params.get('locale') ?? undefined;
  const contentType = params.get('contentType') ?? undefined;
  const includeDrafts = params.get('includeDrafts') === 'true';
  const setFilter = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true }
    );

  const query = useCallback(() => {
    const q = new URLSearchParams({ journey: selected?.slug ?? '' });
    if (locale) q.set('locale', locale);
    if (contentType) q.set('contentType', contentType);
    if (includeDrafts) q.set('includeDrafts', 'true');
    return q;
  }, [selected?.slug, locale, contentType, includeDrafts]);

  const load = useCallback(async () => {
    if (!selected) return;
    setFailed(false);
    try {
      const { data } = await get<{ data: CoverageReport }>(api(`/coverage?${query()}`));
      setReport(data.data);
      // The measured gaps (conversion, CTAs behind target) join the content gaps in one list.
      get<{ data: MeasuredGaps }>(api(`/measure/gaps?journey=${data.data.journey.documentId}`)).then(
        (res) => setMeasured(res.data.data),
        () => setMeasured(null)
      );
      setOpen((cell) => (cell ? data.data.cells.find((c) => c.phase === cell.phase && c.persona === cell.persona) ?? null : null));
    } catch {
      setFailed(true);
    }
  }, [get, query, selected]);

  useEffect(() => {
    load();
  }, [load]);

  const toggleApplicable = async (cell: CoverageCell, applicable: boolean) => {
    if (!report || !cell.persona) return;
    const excluded = report.cells.filter((c) => c.state === 'not-applicable' && c.persona).map((c) => ({ phase: c.phase, persona: c.persona as string }));
    const next = applicable
      ? excluded.filter((c) => !(c.phase === cell.phase && c.persona === cell.persona))
      : [...excluded, { phase: cell.phase, persona: cell.persona }];
    try {
      await put(api(`/journeys/${report.journey.documentId}`), { excludedCells: next });
      await load();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e, t('form.saveFailed', 'Could not be saved')) });
    }
  };

  const exportCsv = () =>
    downloadFromApi(get, `/coverage?${query()}&format=csv`, `journey-map-coverage-${selected?.slug}.csv`).catch((e) =>
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
          <EmptyStateLayout
            content={t('contentMap.noJourney', 'No journey yet: create one on the journey map first.')}
            action={
              <Link to={`/plugins/${PLUGIN_ID}`}>
                <Typography textColor="primary600">{t('nav.journeyMap', 'Journey map')}</Typography>
              </Link>
            }
          />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <JourneyPicker journeys={journeys} value={selected?.slug} onChange={select} />
              {locales.length > 0 && (
                <Field.Root name="locale" width="16rem">
                  <Field.Label>{t('entry.locale', 'Locale')}</Field.Label>
                  <SingleSelect size="S" value={locale ?? ALL} onChange={(v: string | number) => setFilter('locale', v === ALL ? null : String(v))}>
                    <SingleSelectOption value={ALL}>{t('filter.allLocales', 'All locales')}</SingleSelectOption>
                    {locales.map((l) => (
                      <SingleSelectOption key={l.code} value={l.code}>
                        {l.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              )}
              <Field.Root name="contentType" width="20rem">
                <Field.Label>{t('entry.type', 'Type')}</Field.Label>
                <SingleSelect size="S" value={contentType ?? ALL} onChange={(v: string | number) => setFilter('contentType', v === ALL ? null : String(v))}>
                  <SingleSelectOption value={ALL}>{t('filter.allTypes', 'All tracked types')}</SingleSelectOption>
                  {types.map((ty) => (
                    <SingleSelectOption key={ty.uid} value={ty.uid}>
                      {ty.displayName}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Box paddingBottom={2}>
                <Checkbox checked={includeDrafts} onCheckedChange={(c) => setFilter('includeDrafts', c === true ? 'true' : null)}>
                  {t('filter.includeDrafts', 'Count drafts')}
                </Checkbox>
              </Box>
            </Flex>

            {report && report.totals.untagged > 0 && (
              <Flex gap={3} padding={4} hasRadius background="warning100" borderColor="warning200" borderStyle="solid" borderWidth="1px" data-testid="untagged-callout">
                <WarningCircle fill="warning600" aria-hidden />
                <Typography textColor="warning700">
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
                      <look.Icon fill={look.text} aria-hidden />
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

            {failed && <Page.Error />}
            {!failed && !report && <Page.Loading />}
            {report && !report.personas.length && (
              <EmptyStateLayout content={t('contentMap.noPersonas', 'This journey has no personas: add them on the journey map to see the matrix.')} />
            )}
            {report && report.personas.length > 0 && (
              <div ref={heatmapRef}>
                <Heatmap report={report} onOpen={setOpen} />
              </div>
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
        />
      )}
    </>
  );
};

export default ContentMapPage;
