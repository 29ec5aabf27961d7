import { Alert, Box, Button, Field, Flex, Grid, ProgressBar, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Upload } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { useErrorMessage } from '../../api/errors';
import { onImportUploadProgress, useImportAnalyticsMutation, type ImportRequest } from '../../api/imports';
import { getTranslation } from '../../utils/getTranslation';
import type { ImportMapping, ImportSummary } from '../../../../shared/contracts';

const SOURCES = ['auto', 'ga4', 'plausible', 'matomo', 'generic'] as const;
const PAGE_COLUMNS = ['path', 'date', 'views', 'visitors', 'engagedSeconds', 'conversions'] as const;
const EVENT_COLUMNS = ['eventName', 'link', 'count'] as const;

/**
 * "Import analytics": an export of GA4, Plausible or Matomo (or any CSV, mapped by hand), previewed
 * (what matches which entries, without writing), then imported with a progress bar and its summary.
 */
export const ImportAnalytics = () => {
  const { formatMessage, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const [send, { isLoading }] = useImportAnalyticsMutation();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState<(typeof SOURCES)[number]>('auto');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => onImportUploadProgress((f) => setProgress(Math.round(f * 100))), []);

  const run = async (preview: boolean) => {
    if (!file) return;
    const request: ImportRequest = { file, source, preview };
    if (periodStart && periodEnd) Object.assign(request, { periodStart, periodEnd });
    if (source === 'generic') {
      request.mapping = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v.trim())) as ImportMapping;
    }
    setProgress(0);
    setError(null);
    try {
      const summary = await send(request).unwrap();
      setResult(summary);
      if (!preview) toggleNotification({ type: 'success', message: t('import.done', 'Analytics imported') });
    } catch (e) {
      setResult(null);
      setError(errorMessage(e, t('import.failed', 'The file could not be imported')));
    } finally {
      setProgress(null);
    }
  };

  const label = (key: string) =>
    ({
      path: t('import.map.path', 'Path or URL column'),
      date: t('import.map.date', 'Date column'),
      views: t('import.map.views', 'Views column'),
      visitors: t('import.map.visitors', 'Visitors column'),
      engagedSeconds: t('import.map.engagedSeconds', 'Engaged time column (seconds)'),
      conversions: t('import.map.conversions', 'Conversions column'),
      eventName: t('import.map.eventName', 'Event name column'),
      link: t('import.map.link', 'Link column'),
      count: t('import.map.count', 'Event count column'),
    })[key] ?? key;

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Grid.Root gap={4}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Field.Root id="analytics-file" name="analytics-file" required hint={t('import.file.hint', 'A CSV export of a page report or an event report.')}>
            <Field.Label>{t('import.file', 'Export file (CSV)')}</Field.Label>
            <input
              id="analytics-file"
              name="analytics-file"
              type="file"
              accept=".csv,.tsv,text/csv,text/tab-separated-values"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setResult(null);
                setError(null);
              }}
            />
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Field.Root name="analytics-source" hint={t('import.source.hint', 'Recognised from the header row unless you choose.')}>
            <Field.Label>{t('import.source', 'Tool')}</Field.Label>
            <SingleSelect value={source} onChange={(v: string | number) => setSource(String(v) as (typeof SOURCES)[number])}>
              {SOURCES.map((s) => (
                <SingleSelectOption key={s} value={s}>
                  {
                    {
                      auto: t('import.source.auto', 'Recognise automatically'),
                      ga4: 'Google Analytics 4',
                      plausible: 'Plausible',
                      matomo: 'Matomo',
                      generic: t('import.source.generic', 'Other (map the columns)'),
                    }[s]
                  }
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Field.Root name="analytics-period-start" hint={t('import.period.hint', 'Only for exports without a date per row (GA4 files say their range).')}>
            <Field.Label>{t('import.periodStart', 'Period from')}</Field.Label>
            <TextInput type="date" value={periodStart} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setPeriodStart(e.target.value)} />
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Field.Root name="analytics-period-end">
            <Field.Label>{t('import.periodEnd', 'Period to')}</Field.Label>
            <TextInput type="date" value={periodEnd} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setPeriodEnd(e.target.value)} />
          </Field.Root>
        </Grid.Item>
        {source === 'generic' &&
          [...PAGE_COLUMNS, ...EVENT_COLUMNS].map((key) => (
            <Grid.Item key={key} col={4} m={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name={`map-${key}`}>
                <Field.Label>{label(key)}</Field.Label>
                <TextInput value={mapping[key] ?? ''} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMapping({ ...mapping, [key]: e.target.value })} />
              </Field.Root>
            </Grid.Item>
          ))}
      </Grid.Root>

      <Flex gap={2}>
        <Button variant="secondary" onClick={() => run(true)} disabled={!file || isLoading}>
          {t('import.preview', 'Preview')}
        </Button>
        <Button startIcon={<Upload />} onClick={() => run(false)} disabled={!file || isLoading} loading={isLoading && progress !== null}>
          {t('import.import', 'Import')}
        </Button>
      </Flex>

      {progress !== null && (
        <Flex gap={2} alignItems="center">
          <ProgressBar value={progress} aria-label={t('import.progress', 'Upload progress')} />
          <Typography variant="pi" textColor="neutral700">
            {progress < 100 ? t('import.uploading', 'Uploading {percent} %', { percent: progress }) : t('import.processing', 'Reading the rows…')}
          </Typography>
        </Flex>
      )}

      {error && (
        <Alert variant="danger" title={t('import.error', 'Not imported')} closeLabel={t('import.close', 'Close')} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}

      {result && (
        <Box data-testid="import-summary" padding={4} background={result.written ? 'success100' : 'neutral100'} hasRadius>
          <Flex direction="column" alignItems="stretch" gap={3}>
            <Typography variant="omega" fontWeight="bold" tag="p">
              {result.written
                ? t('import.summary.written', 'Imported {format} ({source}) for {start} – {end}: {stored} rows stored, {replaced} replaced.', {
                    format: result.format,
                    source: result.source,
                    start: result.period?.start ?? '–',
                    end: result.period?.end ?? '–',
                    stored: formatNumber(result.stored),
                    replaced: formatNumber(result.replaced),
                  })
                : t('import.summary.preview', 'Preview of {format} ({source}) for {start} – {end}: nothing written yet.', {
                    format: result.format,
                    source: result.source,
                    start: result.period?.start ?? '–',
                    end: result.period?.end ?? '–',
                  })}
            </Typography>
            <Table colCount={2} rowCount={5}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('import.summary.what', 'Rows')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('import.summary.count', 'Count')}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                <Tr>
                  <Td>{t('import.summary.read', 'Read')}</Td>
                  <Td>{formatNumber(result.rowsRead)}</Td>
                </Tr>
                <Tr>
                  <Td>{result.kind === 'pages' ? t('import.summary.matched', 'Matched to entries') : t('import.summary.events', 'Event rows kept')}</Td>
                  <Td>{formatNumber(result.matched)}</Td>
                </Tr>
                <Tr>
                  <Td>{t('import.summary.unmatched', 'Unmatched pages')}</Td>
                  <Td>{formatNumber(result.unmatched.count)}</Td>
                </Tr>
                <Tr>
                  <Td>{t('import.summary.rejected', 'Rejected')}</Td>
                  <Td>{formatNumber(result.rejected.count)}</Td>
                </Tr>
              </Tbody>
            </Table>
            {result.byType.length > 0 && (
              <Typography variant="pi" tag="p">
                {result.byType.map((b) => t('import.summary.byType', '{type}: {entries} entries, {views} views', { type: b.contentType, entries: b.entries, views: formatNumber(b.views) })).join(' · ')}
              </Typography>
            )}
            {result.unmatched.examples.length > 0 && (
              <Typography variant="pi" tag="p" textColor="neutral700">
                {t('import.summary.examples', 'Unmatched, for example: {paths}. Add URL patterns in Settings to match them.', { paths: result.unmatched.examples.join(', ') })}
              </Typography>
            )}
            {result.rejected.rows.map((r) => (
              <Typography key={`${r.row}-${r.column}`} variant="pi" tag="p" textColor="danger700">
                {t('import.summary.rejectedRow', 'Row {row}, column {column}: {message}', { row: r.row, column: r.column, message: r.message })}
              </Typography>
            ))}
          </Flex>
        </Box>
      )}
    </Flex>
  );
};
