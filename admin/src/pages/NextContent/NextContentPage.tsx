import { Badge, Box, Button, EmptyStateLayout, Flex, Typography } from '@strapi/design-system';
import { Information } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import { useLinkedCell } from '../../hooks/useLinkedCell';
import { CELL_STATES } from '../../components/cellStates';
import { JourneyPicker } from '../../components/JourneyPicker';
import { LocaleFilter } from '../../components/LocaleFilter';
import { NoJourney } from '../../components/NoJourney';
import { useJourneys } from '../../hooks/useJourneys';
import { useSiteOptions } from '../../hooks/useSiteOptions';
import type { NextContentItem } from '../../../../shared/contracts';
import { useGetNextContentQuery } from '../../api/next-content';
import { getTranslation } from '../../utils/getTranslation';
import { BriefDialog } from './BriefDialog';
import { reasonsOf } from './reasons';


/** "What to write next": the journey's gaps and thin cells ranked by what they cost, each with its reasons and brief. */
const NextContentPage = () => {
  const intl = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => intl.formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { status, journeys, selected, select } = useJourneys();
  const { types, locales } = useSiteOptions();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<NextContentItem | null>(null);
  const locale = params.get('locale') ?? undefined;
  const setLocale = (value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete('locale');
        else next.set('locale', value);
        return next;
      },
      { replace: true }
    );

  const { currentData: report, isError: failed, isFetching } = useGetNextContentQuery({ journey: selected?.slug ?? '', locale }, { skip: !selected });

  // a link to one ranked cell opens its brief
  useLinkedCell(Boolean(report), (phase, persona) => {
    const item = report?.items.find((i) => i.phase.documentId === phase && (i.persona?.documentId ?? null) === persona);
    if (item) setOpen(item);
  });

  if (status === 'loading') return <Page.Loading />;
  if (status === 'error') return <Page.Error />;
  const title = t('nav.nextContent', 'What to write next');

  const missing = report
    ? [
        ...(report.measures.sessions === 0 ? [t('next.noSessions', 'no sessions were measured in the last 30 days, so drop-off is left out')] : []),
        ...(!report.measures.kpis ? [t('next.noKpis', 'no CTA has a measured or entered KPI, so no CTA counts as behind target')] : []),
        ...(!report.measures.lastDailySnapshot ? [t('next.noSnapshots', 'there are no daily snapshots, so how long a cell has been a gap is not known')] : []),
      ]
    : [];

  return (
    <>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('next.subtitle', 'The gaps and thin cells of the content map, most costly first, with the reasons for each and a brief to write from.')}
      />
      <Layouts.Content>
        {!journeys.length ? (
          <NoJourney />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <JourneyPicker journeys={journeys} value={selected?.slug} onChange={select} />
              <LocaleFilter locales={locales} value={locale ?? null} onChange={setLocale} />
            </Flex>

            {missing.length > 0 && (
              <Flex gap={3} padding={4} hasRadius background="primary100" borderColor="primary200" borderStyle="solid" borderWidth="1px" alignItems="flex-start" data-testid="next-missing">
                <Information fill="primary700" aria-hidden />
                <Flex direction="column" alignItems="stretch" gap={1}>
                  <Typography fontWeight="bold" textColor="neutral800">
                    {t('next.rankedFromKnown', 'Ranked from what is known:')}
                  </Typography>
                  {missing.map((m) => (
                    <Typography key={m} textColor="neutral800">
                      {m}.
                    </Typography>
                  ))}
                </Flex>
              </Flex>
            )}

            {failed && <Page.Error />}
            {!failed && !report && <Page.Loading />}
            {report && report.items.length === 0 && (
              <Box data-testid="next-empty">
                <EmptyStateLayout content={t('next.empty', 'No gaps and no thin cells: every cell of this journey has enough fresh, published content.')} />
              </Box>
            )}
            {report && report.items.length > 0 && (
              <Box tag="ol" aria-label={title} aria-busy={isFetching} style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="next-list">
                {report.items.map((item, index) => {
                  const look = CELL_STATES[item.state];
                  const who = item.persona?.name ?? t('persona.all', 'All personas');
                  return (
                    <Box tag="li" key={`${item.phase.documentId}|${item.persona?.documentId ?? ''}`} marginBottom={3} data-testid="next-item">
                      <Flex background="neutral0" hasRadius shadow="filterShadow" padding={5} gap={5} alignItems="flex-start">
                        <Flex direction="column" alignItems="center" minWidth="5.6rem">
                          <Typography variant="alpha" tag="span" textColor="neutral800">
                            {index + 1}
                          </Typography>
                          <Typography variant="pi" textColor="neutral600" data-testid="next-score">
                            {t('next.score', 'score {score}', { score: intl.formatNumber(item.score) })}
                          </Typography>
                        </Flex>
                        <Flex direction="column" alignItems="stretch" gap={2} style={{ flex: 1 }}>
                          <Flex gap={3} alignItems="center" wrap="wrap">
                            <Typography variant="delta" tag="h2" data-testid="next-cell">
                              {item.phase.name} × {who}
                            </Typography>
                            <Badge backgroundColor={look.background} textColor={look.text}>
                              {t(look.id, look.label)}
                            </Badge>
                            {item.state === 'thin' && (
                              <Typography variant="pi" textColor="neutral600">
                                {t('next.thinCount', '{count} of {min} entries', { count: item.count, min: item.min })}
                              </Typography>
                            )}
                          </Flex>
                          <Typography textColor="neutral700" data-testid="next-reasons">
                            {reasonsOf(item, intl).join(' · ') || t('next.noReasons', 'No reason beyond the missing content')}
                          </Typography>
                        </Flex>
                        <Button variant="secondary" onClick={() => setOpen(item)} aria-label={t('next.openBriefFor', 'Brief for {cell}', { cell: `${item.phase.name} × ${who}` })}>
                          {t('next.openBrief', 'Brief')}
                        </Button>
                      </Flex>
                    </Box>
                  );
                })}
              </Box>
            )}
            {report && report.items.length > 0 && (
              <Typography variant="pi" textColor="neutral600">
                {t('next.howToRead', 'The score (0–100) weighs the persona’s priority, the phase’s CTA (none, or its KPI behind target), the emotion curve, the share of sessions that stop at the phase and how long the cell has been a gap, with the weights set in Settings; a thin cell counts in proportion to what it lacks.')}
              </Typography>
            )}
          </Flex>
        )}
      </Layouts.Content>
      {report && open && <BriefDialog journey={report.journey} item={open} locale={locale} types={types} locales={locales} onClose={() => setOpen(null)} />}
    </>
  );
};

export default NextContentPage;
