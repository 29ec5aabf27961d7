import { Box, Field, Flex, Loader, TextInput, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { CoverageReport } from '../../../../shared/contracts';
import { useGetCoverageChangesQuery } from '../../api/coverage';
import { getTranslation } from '../../utils/getTranslation';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "Changes since [date]": the gaps opened and closed between the daily snapshot of a chosen day (or the
 * nearest later one) and today's map.
 */
export const ChangesSince = ({ report, defaultSince, today }: { report: CoverageReport; defaultSince: string; today: string }) => {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const [since, setSince] = useState(defaultSince);
  useEffect(() => setSince(defaultSince), [defaultSince]);
  const valid = DAY_PATTERN.test(since) && since <= today;
  const { currentData: changes, isFetching, isError } = useGetCoverageChangesQuery({ journey: report.journey.documentId, since }, { skip: !valid });
  const phaseName = (id: string) => report.phases.find((p) => p.documentId === id)?.name ?? id;
  const personaName = (id: string | null) => (id ? report.personas.find((p) => p.documentId === id)?.name ?? id : t('persona.all', 'All personas'));
  const day = (d: string) => formatDate(`${d}T00:00:00Z`, { timeZone: 'UTC', dateStyle: 'medium' });

  const list = (testId: string, title: string, cells: Array<{ phase: string; persona: string | null; detail: string }>, none: string) => (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid={testId} style={{ flex: '1 1 28rem' }}>
      <Typography variant="omega" fontWeight="bold" tag="h3">
        {title} ({cells.length})
      </Typography>
      {cells.length ? (
        <ul style={{ margin: 0, paddingLeft: '2rem', listStyle: 'disc' }}>
          {cells.map((c) => (
            <li key={`${c.phase}|${c.persona}`}>
              <Typography textColor="neutral800">
                {phaseName(c.phase)} × {personaName(c.persona)}
              </Typography>{' '}
              <Typography variant="pi" textColor="neutral600">
                {c.detail}
              </Typography>
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="pi" textColor="neutral600">
          {none}
        </Typography>
      )}
    </Flex>
  );

  return (
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={6} data-testid="changes-since">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="delta" tag="h2">
            {t('history.changesTitle', 'Changes since a day')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {t('history.changesHint', 'Which gaps opened and which closed between the daily snapshot of a day and today.')}
          </Typography>
        </Flex>
        <Flex gap={4} alignItems="flex-end" wrap="wrap">
          <Field.Root name="since" error={since && !valid ? t('history.sinceInvalid', 'Choose a day up to today') : undefined}>
            <Field.Label>{t('history.since', 'Since')}</Field.Label>
            <TextInput type="date" value={since} max={today} size="S" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSince(e.target.value)} />
            <Field.Error />
          </Field.Root>
        </Flex>
        {valid && isError && (
          <Typography textColor="danger600" role="alert">
            {t('history.changesFailed', 'The changes could not be loaded.')}
          </Typography>
        )}
        {valid && !isError && (isFetching || !changes) && <Loader small>{t('history.loading', 'Loading the history…')}</Loader>}
        {valid && changes && !isFetching && !changes.comparedWith && (
          <Typography textColor="neutral600">{t('history.noSnapshotSince', 'No daily snapshot since that day.')}</Typography>
        )}
        {valid && changes && !isFetching && changes.comparedWith && (
          <>
            <Typography variant="pi" textColor="neutral600" aria-live="polite">
              {t('history.compared', 'The daily snapshot of {day} compared with today ({today}).', { day: day(changes.comparedWith), today: day(changes.today) })}
            </Typography>
            <Flex gap={6} alignItems="flex-start" wrap="wrap">
              {list(
                'gaps-opened',
                t('history.opened', 'Gaps opened'),
                changes.opened.map((c) => ({ ...c, detail: c.countThen === null ? t('history.newCell', '(new cell)') : t('history.openedDetail', '({count} then)', { count: c.countThen }) })),
                t('history.noneOpened', 'No gap opened.'),
              )}
              {list(
                'gaps-closed',
                t('history.closed', 'Gaps closed'),
                changes.closed.map((c) => ({ ...c, detail: t('history.closedDetail', '({count} now)', { count: c.countNow }) })),
                t('history.noneClosed', 'No gap closed.'),
              )}
            </Flex>
          </>
        )}
      </Flex>
    </Box>
  );
};
