import { Box, Flex, Typography } from '@strapi/design-system';
import { useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';
import { StatusBadge } from '../../components/StatusBadge';
import { getTranslation } from '../../utils/getTranslation';
import { STATUS_LABEL, STATUS_VARIANT } from './format';
import { TrendChart } from './TrendChart';
import type { CtaKpi } from '../../../../shared/contracts';

const SOURCE_NAMES: Record<string, string> = { ga4: 'GA4', plausible: 'Plausible', matomo: 'Matomo', generic: 'CSV' };

/** Where the actual comes from: the snippet, a value entered by hand, imported analytics (which tools, which event). */
function originText(t: (id: string, defaultMessage: string, values?: Record<string, string | number>) => string, kpi: CtaKpi) {
  const parts = kpi.origins.map((o) =>
    o === 'snippet'
      ? t('measure.origin.snippet', 'the snippet')
      : o === 'manual'
        ? t('measure.origin.manual', 'a value entered by hand')
        : t('measure.origin.imported', 'imported from {tool}', { tool: SOURCE_NAMES[o] ?? o })
  );
  const from = parts.length ? t('measure.origin.from', 'Actual from {parts}', { parts: parts.join(' + ') }) : t('measure.origin.none', 'No actual yet');
  if (!kpi.imported) return from;
  const rule = kpi.imported.link
    ? t('measure.origin.rule', '{event} with a link that {match} {link}', {
        event: kpi.imported.eventName,
        match: kpi.imported.linkMatch === 'exact' ? t('measure.origin.is', 'is') : t('measure.origin.contains', 'contains'),
        link: kpi.imported.link,
      })
    : kpi.imported.eventName;
  return `${from} · ${t('measure.origin.event', 'imported event: {rule}; rows over several days prorated by day', { rule })}`;
}

/** One CTA: status, actual (and projection) against the target for the current period, trend chart. */
export const KpiCard = ({ kpi, linked = false }: { kpi: CtaKpi; /** a link named this CTA: the card is brought into view and focused */ linked?: boolean }) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!linked || !ref.current) return;
    ref.current.scrollIntoView({ block: 'center' });
    ref.current.focus({ preventScroll: true });
  }, [linked]);
  const { formatMessage, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const n = (v: number | null) => (v === null ? '–' : formatNumber(v));
  const status = t(`measure.status.${kpi.status}`, STATUS_LABEL[kpi.status]);
  return (
    <Box
      ref={ref}
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={5}
      height="100%"
      data-testid={`kpi-card-${kpi.cta.documentId}`}
      data-linked={linked || undefined}
      tabIndex={linked ? -1 : undefined}
      borderColor={linked ? 'primary600' : undefined}
      borderStyle={linked ? 'solid' : undefined}
      borderWidth={linked ? '2px' : undefined}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between" alignItems="flex-start" gap={2}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="delta" tag="h3">
              {kpi.cta.label}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {[kpi.cta.phase?.name, kpi.cta.persona?.name, kpi.metric].filter(Boolean).join(' · ')}
            </Typography>
          </Flex>
          <StatusBadge tone={STATUS_VARIANT[kpi.status]} data-testid="kpi-status" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
            {status}
          </StatusBadge>
        </Flex>
        <Flex gap={5} alignItems="flex-start" wrap="wrap">
          <Flex direction="column" alignItems="flex-start">
            <Typography variant="sigma" textColor="neutral600">
              {t('measure.kpi.actual', 'Actual')}
            </Typography>
            <Typography variant="alpha" tag="p" data-testid="kpi-actual">
              {n(kpi.actual)}
            </Typography>
          </Flex>
          {kpi.projected !== null && (
            <Flex direction="column" alignItems="flex-start">
              <Typography variant="sigma" textColor="neutral600">
                {t('measure.kpi.projected', 'Projected')}
              </Typography>
              <Typography variant="alpha" tag="p" textColor="neutral600">
                {n(kpi.projected)}
              </Typography>
            </Flex>
          )}
          <Flex direction="column" alignItems="flex-start">
            <Typography variant="sigma" textColor="neutral600">
              {t('measure.kpi.target', 'Target')}
            </Typography>
            <Typography variant="alpha" tag="p">
              {kpi.direction === 'lower' ? '≤ ' : ''}
              {n(kpi.target)}
            </Typography>
          </Flex>
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {[
            t('measure.kpi.period', '{period} {label}', { period: t(`measure.period.${kpi.period}`, kpi.period), label: kpi.currentPeriod.period }),
            // (a value entered by hand is said on the line below, with the other origins)
            kpi.baseline !== null ? t('measure.kpi.baseline', 'baseline {value}', { value: n(kpi.baseline) }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
        <Typography variant="pi" textColor="neutral700" data-testid="kpi-origin">
          {originText(t, kpi)}
        </Typography>
        <TrendChart kpi={kpi} label={t('measure.kpi.trendTable', 'Trend of {cta} per {period}', { cta: kpi.cta.label, period: t(`measure.period.${kpi.period}`, kpi.period) })} />
        <Typography variant="pi" textColor="neutral600">
          {t('measure.kpi.events', '{views} views · {clicks} clicks · {conversions} conversions this period', {
            views: formatNumber(kpi.events.view),
            clicks: formatNumber(kpi.events.click),
            conversions: formatNumber(kpi.events.conversion),
          })}
        </Typography>
      </Flex>
    </Box>
  );
};
