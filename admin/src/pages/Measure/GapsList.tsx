import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTranslation } from '../../utils/getTranslation';
import { STATUS_LABEL, STATUS_VARIANT } from './format';
import type { MeasuredGaps } from './types';

/** Measured gaps: phases converting below the threshold and CTAs below target, phase by phase. */
export const GapsList = ({ gaps }: { gaps: MeasuredGaps }) => {
  const { formatMessage, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const pct = (v: number | null) => (v === null ? '–' : formatNumber(v, { style: 'percent', maximumFractionDigits: 0 }));
  const flagged = gaps.phases.filter((p) => p.flags.lowConversion || p.flags.ctaBelowTarget);
  if (flagged.length === 0) {
    return (
      <Typography textColor="neutral600" data-testid="measured-gaps-empty">
        {t('measure.gaps.none', 'No measured gaps: every phase converts above the threshold and every CTA is on track.')}
      </Typography>
    );
  }
  return (
    <Box tag="ul" data-testid="measured-gaps">
      {flagged.map((p) => (
        <Box tag="li" key={p.documentId} paddingTop={3} paddingBottom={3} style={{ borderBottom: '1px solid #eaeaef' }}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="omega" fontWeight="bold">
              {p.name}
            </Typography>
            {p.flags.lowConversion && (
              <Flex gap={2}>
                <Badge variant="danger" size="S">
                  {t('measure.gaps.lowConversion', 'Low conversion')}
                </Badge>
                <Typography variant="pi">
                  {t('measure.gaps.lowConversion.text', '{share} of {reached} sessions moved on to the next phase (threshold {threshold})', {
                    share: pct(p.conversionToNext),
                    reached: formatNumber(p.reached),
                    threshold: pct(gaps.threshold),
                  })}
                </Typography>
              </Flex>
            )}
            {p.ctasBelowTarget.map((c) => (
              <Flex gap={2} key={c.documentId}>
                <Badge variant={STATUS_VARIANT[c.status]} size="S">
                  {t(`measure.status.${c.status}`, STATUS_LABEL[c.status])}
                </Badge>
                <Typography variant="pi">
                  {t(c.projected !== null ? 'measure.gaps.cta.projected' : 'measure.gaps.cta.text', c.projected !== null ? '{cta}: on course for {value} of {target} in {period}' : '{cta}: {value} of {target} in {period}', {
                    cta: c.label,
                    value: formatNumber(c.projected ?? c.actual ?? 0),
                    target: c.target === null ? '–' : formatNumber(c.target),
                    period: c.period,
                  })}
                </Typography>
              </Flex>
            ))}
          </Flex>
        </Box>
      ))}
    </Box>
  );
};
