import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { useGetCoverageQuery } from '../../api/coverage';
import { useGetJourneysQuery } from '../../api/journeys';
import { useGetKpisQuery } from '../../api/measure';
import { useGetNextContentQuery } from '../../api/next-content';
import { getTranslation } from '../../utils/getTranslation';
import { CELL_STATES } from '../cellStates';
import { SelectField } from '../SelectField';
import { StatusBadge } from '../StatusBadge';
import { HOME_JOURNEY_KEY, homeSummary } from './summary';

/** The journey picked on the home page before, if the browser remembers one (and lets us read it). */
const remembered = (): string | null => {
  try {
    return globalThis.localStorage?.getItem(HOME_JOURNEY_KEY) ?? null;
  } catch {
    return null;
  }
};
const remember = (slug: string) => {
  try {
    globalThis.localStorage?.setItem(HOME_JOURNEY_KEY, slug);
  } catch {
    // private mode: the choice lasts for the visit
  }
};

const Section = ({ id, title, count, children }: { id: string; title: string; count: string; children: React.ReactNode }) => (
  <Box tag="section" aria-labelledby={id} data-testid={id}>
    <Flex gap={2} alignItems="baseline" paddingBottom={1}>
      <Typography variant="sigma" tag="h3" id={id} textColor="neutral800">
        {title}
      </Typography>
      <Typography variant="pi" textColor="neutral600" data-testid={`${id}-count`}>
        {count}
      </Typography>
    </Flex>
    {children}
  </Box>
);

const listStyle = { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '0.2rem' } as const;

/**
 * Journey Map on Strapi's home page: the chosen journey's gaps and thin cells, its KPIs off track and the
 * first cells of "What to write next", each a link to the page (and the cell or KPI) it comes from.
 */
export const HomeWidget = () => {
  const intl = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => intl.formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const journeys = useGetJourneysQuery();
  const [picked, setPicked] = useState<string | null>(remembered);
  const list = journeys.data ?? [];
  const journey = list.find((j) => j.slug === picked) ?? list[0] ?? null;
  const slug = journey?.slug ?? '';
  const coverage = useGetCoverageQuery({ journey: slug }, { skip: !journey });
  const kpis = useGetKpisQuery({ journey: slug }, { skip: !journey });
  const next = useGetNextContentQuery({ journey: slug }, { skip: !journey });
  const summary = useMemo(
    () => (coverage.currentData && kpis.currentData ? homeSummary(coverage.currentData, kpis.currentData, next.currentData ?? null) : null),
    [coverage.currentData, kpis.currentData, next.currentData]
  );
  // A remembered journey that no longer exists is forgotten.
  useEffect(() => {
    if (journeys.data && picked && !journeys.data.some((j) => j.slug === picked)) setPicked(null);
  }, [journeys.data, picked]);

  if (journeys.isError || coverage.isError || kpis.isError) return <Widget.Error />;
  if (!journeys.data) return <Widget.Loading />;
  if (!journey) return <Widget.NoData>{t('widget.noJourney', 'No journey yet: create one on the journey map first.')}</Widget.NoData>;

  const choose = (value: string) => {
    remember(value);
    setPicked(value);
  };
  const who = (persona: { name: string } | null) => persona?.name ?? t('persona.all', 'All personas');
  const entries = (count: number, min: number) => t('widget.entries', '{count} of {min, plural, one {# entry} other {# entries}}', { count, min });

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="journey-map-widget">
      {list.length > 1 && (
        <SelectField name="journey-map-home-journey" size="S" label={t('picker.journey', 'Journey')} value={journey.slug} choices={list.map((j) => ({ value: j.slug, label: j.name }))} onChange={choose} />
      )}
      {!summary ? (
        <Widget.Loading />
      ) : (
        <>
          <Section
            id="journey-map-widget-cells"
            title={t('widget.cells', 'Gaps and thin cells')}
            count={t('widget.cellsCount', '{gaps, plural, one {# gap} other {# gaps}}, {thin, plural, one {# thin cell} other {# thin cells}}', { gaps: summary.gaps, thin: summary.thin })}
          >
            {summary.cellsTotal === 0 ? (
              <Typography textColor="neutral700">{t('widget.emptyJourney', 'This journey has no cells yet: add its phases on the journey map.')}</Typography>
            ) : summary.cells.length === 0 ? (
              <Typography textColor="neutral700">{t('widget.noCells', 'Every cell has enough content.')}</Typography>
            ) : (
              <ul style={listStyle}>
                {summary.cells.map((cell) => {
                  const look = CELL_STATES[cell.state];
                  return (
                    <Flex tag="li" key={cell.to} gap={2} alignItems="center" paddingTop={0} data-testid="widget-cell">
                      <StatusBadge size="S" tone={cell.state === 'gap' ? 'danger' : 'warning'}>{t(look.id, look.label)}</StatusBadge>
                      <Link to={cell.to}>
                        <Typography textColor="primary600" fontWeight="semiBold">
                          {cell.phase.name} × {who(cell.persona)}
                        </Typography>
                      </Link>
                      <Typography variant="pi" textColor="neutral600">
                        {entries(cell.count, cell.min)}
                      </Typography>
                    </Flex>
                  );
                })}
              </ul>
            )}
          </Section>

          <Section
            id="journey-map-widget-kpis"
            title={t('widget.kpis', 'KPIs off track')}
            count={t('widget.kpisCount', '{count, plural, =0 {none} one {# CTA} other {# CTAs}}', { count: summary.kpisOffTrack })}
          >
            {summary.kpis.length === 0 ? (
              <Typography textColor="neutral700">{t('widget.noKpis', 'No CTA is off track.')}</Typography>
            ) : (
              <ul style={listStyle}>
                {summary.kpis.map(({ kpi, to }) => (
                  <Flex tag="li" key={to} gap={2} alignItems="center" paddingTop={0} data-testid="widget-kpi">
                    <StatusBadge size="S" tone="danger">{t('measure.status.offTrack', 'Off track')}</StatusBadge>
                    <Link to={to}>
                      <Typography textColor="primary600" fontWeight="semiBold">
                        {kpi.cta.label}
                      </Typography>
                    </Link>
                    <Typography variant="pi" textColor="neutral600">
                      {t('widget.kpiValue', '{actual} of {target}', {
                        actual: kpi.actual === null ? '–' : intl.formatNumber(kpi.actual),
                        target: kpi.target === null ? '–' : `${kpi.direction === 'lower' ? '≤ ' : ''}${intl.formatNumber(kpi.target)}`,
                      })}
                    </Typography>
                  </Flex>
                ))}
              </ul>
            )}
          </Section>

          <Section id="journey-map-widget-next" title={t('nav.nextContent', 'What to write next')} count={summary.next ? t('widget.nextCount', 'first {count}', { count: summary.next.length }) : ''}>
            {!summary.next ? (
              next.isError ? (
                <Typography textColor="danger600">{t('widget.nextFailed', 'The ranking could not be loaded.')}</Typography>
              ) : (
                <Typography textColor="neutral700">{t('widget.nextLoading', 'Ranking the cells…')}</Typography>
              )
            ) : summary.next.length === 0 ? (
              <Typography textColor="neutral700">{t('widget.noNext', 'Nothing to write: no gaps and no thin cells.')}</Typography>
            ) : (
              <ol style={listStyle}>
                {summary.next.map((item, i) => (
                  <Flex tag="li" key={item.to} gap={2} alignItems="center" paddingTop={0} data-testid="widget-next">
                    <Typography variant="pi" textColor="neutral600" aria-hidden>
                      {i + 1}.
                    </Typography>
                    <Link to={item.to}>
                      <Typography textColor="primary600" fontWeight="semiBold">
                        {item.phase.name} × {who(item.persona)}
                      </Typography>
                    </Link>
                    <Typography variant="pi" textColor="neutral600">
                      {t(CELL_STATES[item.state].id, CELL_STATES[item.state].label)} · {entries(item.count, item.min)}
                    </Typography>
                  </Flex>
                ))}
              </ol>
            )}
          </Section>
        </>
      )}
    </Flex>
  );
};

export default HomeWidget;
