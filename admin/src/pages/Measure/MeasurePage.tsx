import { Box, EmptyStateLayout, Field, Flex, Grid, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID } from '../../pluginId';
import { getTranslation } from '../../utils/getTranslation';
import { GapsList } from './GapsList';
import { KpiCard } from './KpiCard';
import { KpiValueForm } from './KpiValueForm';
import { PathFlow } from './PathFlow';
import type { CtaKpi, JourneyOption, MeasuredGaps, PathsReport } from './types';

type Data = { kpis: CtaKpi[]; paths: PathsReport; gaps: MeasuredGaps };
type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; data: Data };

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
  const { get } = useFetchClient();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [journeys, setJourneys] = useState<JourneyOption[] | null>(null);
  const [journey, setJourney] = useState<string>('');
  const [days, setDays] = useState(30);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    get<{ data: JourneyOption[] }>(`/${PLUGIN_ID}/journeys`)
      .then(({ data }) => {
        setJourneys(data.data);
        if (data.data.length) setJourney((current) => current || data.data[0].documentId);
      })
      .catch(() => setFailed(true));
  }, [get]);

  const load = useCallback(() => {
    if (!journey) return;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    // The server counts the days back from its own clock (the site's today, in UTC), not the browser's.
    const range = `days=${days}`;
    Promise.all([
      get<{ data: CtaKpi[] }>(`/${PLUGIN_ID}/measure/kpis?journey=${journey}`),
      get<{ data: PathsReport }>(`/${PLUGIN_ID}/measure/paths?journey=${journey}&${range}`),
      get<{ data: MeasuredGaps }>(`/${PLUGIN_ID}/measure/gaps?journey=${journey}&${range}`),
    ])
      .then(([kpis, paths, gaps]) => setState({ status: 'ready', data: { kpis: kpis.data.data, paths: paths.data.data, gaps: gaps.data.data } }))
      .catch(() => setState({ status: 'error' }));
  }, [get, journey, days]);
  useEffect(load, [load]);

  const title = t('measure.title', 'Measure');
  const header = (
    <Layouts.Header
      title={title}
      subtitle={t('measure.subtitle', 'CTA targets against what your site measures, and the path visitors really take.')}
      primaryAction={allowedActions.canManage && state.status === 'ready' ? <KpiValueForm kpis={state.data.kpis} today={state.data.paths.range.to} onSaved={load} /> : undefined}
    />
  );

  if (failed) return <Page.Error />;
  if (journeys === null) return <Page.Loading />;
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
              <Field.Root name="journey">
                <Field.Label>{t('measure.journey', 'Journey')}</Field.Label>
                <SingleSelect value={journey} onChange={(v: string | number) => setJourney(String(v))}>
                  {journeys.map((j) => (
                    <SingleSelectOption key={j.documentId} value={j.documentId}>
                      {j.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
            <Box minWidth="200px">
              <Field.Root name="range">
                <Field.Label>{t('measure.range', 'Paths over')}</Field.Label>
                <SingleSelect value={String(days)} onChange={(v: string | number) => setDays(Number(v))}>
                  {RANGES.map((n) => (
                    <SingleSelectOption key={n} value={String(n)}>
                      {t('measure.range.days', 'Last {days} days', { days: n })}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
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
                        <KpiCard kpi={kpi} />
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
            </>
          )}
        </Flex>
      </Layouts.Content>
    </>
  );
};

export default MeasurePage;
