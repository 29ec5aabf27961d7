import { Field, Flex, Loader, Switch, TextInput, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { SelectField } from '../../components/SelectField';
import { PLUGIN_ID } from '../../pluginId';
import type { PerformanceReport } from '../../../../shared/contracts';
import { getTranslation } from '../../utils/getTranslation';

/** The periods offered; `range` shows two dates. */
export const PERFORMANCE_PERIODS = ['7', '30', '90', 'range'] as const;
export type PerformancePeriod = (typeof PERFORMANCE_PERIODS)[number];

/** What the page keeps in its address for the performance view. */
export interface PerformanceState {
  on: boolean;
  period: PerformancePeriod;
  from: string;
  to: string;
}

/** The address's performance state: `view=performance`, `days=7|30|90` or `from`/`to` (30 days by default). */
export const performanceState = (params: URLSearchParams): PerformanceState => {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const days = params.get('days');
  const period: PerformancePeriod = from || to ? 'range' : days === '7' || days === '90' ? days : '30';
  return { on: params.get('view') === 'performance', period, from, to };
};

/** The query the state asks for, or null when a range is incomplete or backwards. */
export const performancePeriodQuery = (s: PerformanceState): { days: number } | { from: string; to: string } | null => {
  if (s.period !== 'range') return { days: Number(s.period) };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s.from) || !/^\d{4}-\d{2}-\d{2}$/.test(s.to) || s.from > s.to) return null;
  return { from: s.from, to: s.to };
};

interface Props {
  state: PerformanceState;
  report: PerformanceReport | null;
  loading: boolean;
  failed: boolean;
  /** writes address parameters (null removes one) */
  onChange: (changes: Record<string, string | null>) => void;
}

/**
 * The switch from "how much content" to "how it performs", the period picker, and what the numbers are:
 * imported analytics (views and conversions of the cell's tagged entries), or why there are none.
 */
export const PerformanceControls = ({ state, report, loading, failed, onChange }: Props) => {
  const { formatMessage, formatDate, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const day = (d: string) => formatDate(`${d}T00:00:00Z`, { timeZone: 'UTC', dateStyle: 'medium' });
  const rangeInvalid = state.period === 'range' && Boolean(state.from && state.to) && state.from > state.to;
  const tools: Record<string, string> = { ga4: 'GA4', plausible: 'Plausible', matomo: 'Matomo', generic: 'CSV' };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="performance-controls">
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Flex gap={2} alignItems="center" paddingBottom={2}>
          <Typography textColor={state.on ? 'neutral600' : 'neutral800'} fontWeight={state.on ? undefined : 'semiBold'} aria-hidden>
            {t('performance.howMuch', 'How much content')}
          </Typography>
          <Switch
            id="journey-map-performance"
            checked={state.on}
            onCheckedChange={(on: boolean) => onChange({ view: on ? 'performance' : null })}
            aria-labelledby="journey-map-performance-label"
          />
          <label id="journey-map-performance-label" htmlFor="journey-map-performance">
            <Typography textColor={state.on ? 'neutral800' : 'neutral600'} fontWeight={state.on ? 'semiBold' : undefined}>
              {t('performance.toggle', 'How it performs (imported views and conversions)')}
            </Typography>
          </label>
        </Flex>
        {state.on && (
          <SelectField
            name="performance-period"
            size="S"
            width="16rem"
            label={t('performance.period', 'Period')}
            value={state.period}
            choices={PERFORMANCE_PERIODS.map((p) => ({
              value: p,
              label: p === 'range' ? t('performance.range', 'Date range') : t('performance.lastDays', 'Last {days} days', { days: Number(p) }),
            }))}
            onChange={(v) =>
              onChange(v === 'range' ? { days: null, from: state.from || null, to: state.to || null } : { days: v === '30' ? null : v, from: null, to: null })
            }
          />
        )}
        {state.on && state.period === 'range' && (
          <>
            <Field.Root name="performance-from" error={rangeInvalid ? t('performance.rangeInvalid', 'The first day must not be after the last') : undefined}>
              <Field.Label>{t('performance.from', 'From')}</Field.Label>
              <TextInput type="date" size="S" value={state.from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange({ from: e.target.value || null, days: null })} />
              <Field.Error />
            </Field.Root>
            <Field.Root name="performance-to">
              <Field.Label>{t('performance.to', 'To')}</Field.Label>
              <TextInput type="date" size="S" value={state.to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange({ to: e.target.value || null, days: null })} />
            </Field.Root>
          </>
        )}
      </Flex>
      {state.on && loading && !report && <Loader small>{t('performance.loading', 'Loading the numbers…')}</Loader>}
      {state.on && failed && (
        <Typography textColor="danger600" role="alert">
          {t('performance.failed', 'The numbers could not be loaded.')}
        </Typography>
      )}
      {state.on && report && !report.analytics.imported && (
        <Flex gap={3} padding={4} hasRadius background="warning100" borderColor="warning200" borderStyle="solid" borderWidth="1px" data-testid="performance-empty" wrap="wrap">
          <WarningCircle fill="warning700" aria-hidden />
          <Typography textColor="neutral800">
            {t('performance.empty', 'No analytics imported for {from} – {to}. Import a GA4, Plausible or Matomo export on the Measure page (the guide: docs/analytics.md).', {
              from: day(report.range.from),
              to: day(report.range.to),
            })}
          </Typography>
          <Link to={`/plugins/${PLUGIN_ID}/measure`}>
            <Typography fontWeight="bold" textColor="primary600">
              {t('performance.import', 'Import analytics')}
            </Typography>
          </Link>
        </Flex>
      )}
      {state.on && report && report.analytics.imported && (
        <Typography variant="pi" textColor="neutral600" data-testid="performance-note">
          {t(
            'performance.note',
            'Views and conversions of each cell\'s tagged entries, {from} – {to}, imported from {tools}. Rows that cover more days than the period are prorated by overlapping days. In total: {views} views, {conversions} conversions.',
            {
              from: day(report.range.from),
              to: day(report.range.to),
              tools: report.analytics.sources.map((s) => tools[s.source] ?? s.source).join(', '),
              views: formatNumber(report.totals.views),
              conversions: formatNumber(report.totals.conversions),
            }
          )}
        </Typography>
      )}
    </Flex>
  );
};
