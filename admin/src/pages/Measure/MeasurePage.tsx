import { Box, EmptyStateLayout, Flex, Grid, Typography } from '@strapi/design-system';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import { useGetJourneysQuery } from '../../api/journeys';
import { useGetKpisQuery, useGetMeasuredGapsQuery, useGetPathsQuery } from '../../api/measure';
import { SelectField } from '../../components/SelectField';
import { PERMISSIONS } from '../../permissions';
import { getTranslation } from '../../utils/getTranslation';
import { GapsList } from './GapsList';
import { KpiCard } from './KpiCard';
import { KpiValueForm } from './KpiValueForm';
import { ImportAnalytics } from './ImportAnalytics';
import { PathFlow } from './PathFlow';
import type { CtaKpi, MeasuredGaps, PathsReport } from '../../../../shared/contracts';

const RANGES = [7, 30, 90];

const Section = ({ title, subtitle, children, action }: { title: string; subtitle?: string; children: React.ReactNode; action?: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="delta" tag="h2">
            {title}
          </Typography>
          {subtitle && (
            <Typography variant="pi" textColor="neutral600">
              {subtitle}
            </Typography>
          )}
        </Flex>
        {action}
      </Flex>
      {children}
    </Flex>
  </Box>
);

/** Measure: KPI target vs actual per CTA, planned vs actual path, and the measured gaps. */
const MeasurePage = () => {
  const { formatMessage, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { allowedActions } = useRBAC(PERMISSIONS);
  const { data: journeys, isError: failed } = useGetJourneysQuery();
  // A link may name the journey (slug or documentId) and a CTA whose KPI card it shows (the home page's widget).
  const [params] = useSearchParams();
  const linked = params.get('journey');
  const linkedCta = params.get('cta');
  const [picked, setJourney] = useState<string>('');
  const journey = picked || journeys?.find((j) => j.slug === linked || j.documentId === linked)?.documentId || journeys?.[0]?.documentId || '';
  const [days, setDays] = useState(30);
  // The server counts the days back from its own clock (the site's today, in UTC), not the browser's.
  const kpis = useGetKpisQuery({ journey }, { skip: !journey });
  const paths = useGetPathsQuery({ journey, days }, { skip: !journey });
  const gaps = useGetMeasuredGapsQuery({ journey, days }, { skip: !journey });
  // Another journey or range keeps the page as it was until all three have answered, then shows them together.
  const shown = useRef<{ kpis: CtaKpi[]; paths: PathsReport; gaps: MeasuredGaps } | null>(null);
  if (kpis.currentData && paths.currentData && gaps.currentData) shown.current = { kpis: kpis.currentData, paths: paths.currentData, gaps: gaps.currentData };
  const state =
    kpis.isError || paths.isError || gaps.isError
      ? ({ status: 'error' } as const)
      : shown.current
        ? ({ status: 'ready', data: shown.current } as const)
        : ({ status: 'loading' } as const);

  const title = t('measure.title', 'Measure');
  const header = (
    <Layouts.Header
      title={title}
      subtitle={t('measure.subtitle', 'CTA targets against what your site measures, and the path visitors really take.')}
      primaryAction={allowedActions.canManage && state.status === 'ready' ? <KpiValueForm kpis={state.data.kpis} today={state.data.paths.range.to} /> : undefined}
    />
  );

  if (failed) return <Page.Error />;
  if (!journeys) return <Page.Loading />;
  if (journeys.length === 0) {
    return (
      <>
        <Page.Title>{title}</Page.Title>
        {header}
        <Layouts.Content>
          <EmptyStateLayout content={t('measure.noJourney', 'No journey yet. Create a journey with phases and CTAs to measure it.')} />
        </Layouts.Content>
      </>
    );
  }

  return (
    <>
      <Page.Title>{title}</Page.Title>
      {header}
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Flex gap={4} alignItems="flex-end" wrap="wrap">
            <Box minWidth="280px">
              <SelectField
                name="journey"
                label={t('measure.journey', 'Journey')}
                value={journey}
                choices={journeys.map((j) => ({ value: j.documentId, label: j.name }))}
                onChange={setJourney}
              />
            </Box>
            <Box minWidth="200px">
              <SelectField
                name="range"
                label={t('measure.range', 'Paths over')}
                value={String(days)}
                choices={RANGES.map((n) => ({ value: String(n), label: t('measure.range.days', 'Last {days} days', { days: n }) }))}
                onChange={(v) => setDays(Number(v))}
              />
            </Box>
          </Flex>

          {state.status === 'loading' && <Page.Loading />}
          {state.status === 'error' && <Page.Error />}
          {state.status === 'ready' && (
            <>
              <Section
                title={t('measure.kpis.title', 'CTA targets')}
                subtitle={t('measure.kpis.subtitle', 'Conversions of each CTA in its KPI period, projected to the end of a running period. Dashed line: the target.')}
              >
                {state.data.kpis.length === 0 ? (
                  <EmptyStateLayout content={t('measure.kpis.empty', 'This journey has no CTA yet: add one with a KPI target to a phase.')} />
                ) : (
                  <Grid.Root gap={4}>
                    {state.data.kpis.map((kpi) => (
                      <Grid.Item key={kpi.cta.documentId} col={4} m={6} s={12} direction="column" alignItems="stretch">
                        <KpiCard kpi={kpi} linked={!picked && kpi.cta.documentId === linkedCta} />
                      </Grid.Item>
                    ))}
                  </Grid.Root>
                )}
              </Section>

              <Section
                title={t('measure.path.title', 'Planned vs actual path')}
                subtitle={t('measure.path.subtitle', '{sessions} sessions from {from} to {to}. Phases in the planned order; the bar shows what sessions did after reaching each phase.', {
                  sessions: formatNumber(state.data.paths.sessions),
                  from: state.data.paths.range.from,
                  to: state.data.paths.range.to,
                })}
              >
                {state.data.paths.sessions === 0 ? (
                  <EmptyStateLayout content={t('measure.path.empty', 'No sessions measured in this period. Add the event snippet to your site (see the README) to see the real path.')} />
                ) : (
                  <PathFlow report={state.data.paths} />
                )}
              </Section>

              <Section
                title={t('measure.gaps.title', 'Measured gaps')}
                subtitle={t('measure.gaps.subtitle', 'Phases where fewer than {threshold} of sessions move on to the next phase, and CTAs behind their target.', {
                  threshold: formatNumber(state.data.gaps.threshold, { style: 'percent' }),
                })}
              >
                <GapsList gaps={state.data.gaps} />
              </Section>

              {allowedActions.canManage && (
                <Section
                  title={t('import.title', 'Import analytics')}
                  subtitle={t('import.subtitle', 'Bring page views and events from GA4, Plausible or Matomo exports. Pages are matched to entries by the URL patterns in Settings; a new import of the same tool and period replaces the old one.')}
                >
                  <ImportAnalytics />
                </Section>
              )}
            </>
          )}
        </Flex>
      </Layouts.Content>
    </>
  );
};

export default MeasurePage;
