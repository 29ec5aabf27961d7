import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CoverageReport } from '../../../../shared/contracts';
import { StatusBadge } from '../../components/StatusBadge';
import { getTranslation } from '../../utils/getTranslation';
import { STATUS_LABEL, STATUS_VARIANT } from './format';
import type { MeasuredGaps } from '../../../../shared/contracts';

/**
 * The gap analysis, phase by phase: measured gaps (phases converting below the threshold, CTAs below
 * target) and, when the coverage report is given, the content gaps of the same phases in the same list.
 */
export const GapsList = ({ gaps, coverage }: { gaps: MeasuredGaps | null; coverage?: CoverageReport | null }) => {
  const { formatMessage, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const pct = (v: number | null) => (v === null ? '–' : formatNumber(v, { style: 'percent', maximumFractionDigits: 0 }));
  const measured = new Map((gaps?.phases ?? []).map((p) => [p.documentId, p]));
  const personaName = new Map((coverage?.personas ?? []).map((p) => [p.documentId, p.name]));
  const contentGaps = (phase: string) =>
    (coverage?.cells ?? []).filter((c) => c.phase === phase && (c.state === 'gap' || c.state === 'thin')).map((c) => (c.persona ? personaName.get(c.persona) ?? '' : ''));
  const phases = (coverage?.phases ?? gaps?.phases ?? []).map((p) => {
    const m = measured.get(p.documentId);
    const content = coverage?.phases.find((c) => c.documentId === p.documentId);
    return { documentId: p.documentId, name: p.name, m, content, cells: contentGaps(p.documentId) };
  });
  const flagged = phases.filter(
    (p) => p.m?.flags.lowConversion || p.m?.flags.ctaBelowTarget || p.content?.flags.noCta || p.content?.flags.lacksContent || p.cells.length > 0
  );
  if (flagged.length === 0) {
    return (
      <Typography textColor="neutral600" data-testid="measured-gaps-empty">
        {coverage
          ? t('gaps.none', 'No gaps: every cell has enough content, every phase has a CTA and converts above the threshold, and every CTA is on track.')
          : t('measure.gaps.none', 'No measured gaps: every phase converts above the threshold and every CTA is on track.')}
      </Typography>
    );
  }
  return (
    <Box tag="ul" data-testid={coverage ? 'gap-analysis' : 'measured-gaps'}>
      {flagged.map(({ documentId, name, m: p, content, cells }) => (
        <Box tag="li" key={documentId} paddingTop={3} paddingBottom={3} style={{ borderBottom: '1px solid #eaeaef' }}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="omega" fontWeight="bold">
              {name}
            </Typography>
            {cells.length > 0 && (
              <Flex gap={2}>
                <StatusBadge tone="danger" size="S">
                  {content?.flags.lacksContent ? t('flag.lacksContent', 'Phase lacks content') : t('gaps.content', 'Content gap')}
                </StatusBadge>
                <Typography variant="pi">
                  {t('gaps.content.text', 'Too little published content for {personas}', { personas: cells.filter(Boolean).join(', ') || t('persona.all', 'All personas') })}
                </Typography>
              </Flex>
            )}
            {content?.flags.noCta && (
              <Flex gap={2}>
                <StatusBadge tone="warning" size="S">
                  {t('flag.noCta', 'No CTA')}
                </StatusBadge>
                <Typography variant="pi">{t('gaps.noCta.text', 'Nothing asks visitors to take the next step here')}</Typography>
              </Flex>
            )}
            {p?.flags.lowConversion && (
              <Flex gap={2}>
                <StatusBadge tone="danger" size="S">
                  {t('measure.gaps.lowConversion', 'Low conversion')}
                </StatusBadge>
                <Typography variant="pi">
                  {t('measure.gaps.lowConversion.text', '{share} of {reached} sessions moved on to the next phase (threshold {threshold})', {
                    share: pct(p.conversionToNext),
                    reached: formatNumber(p.reached),
                    threshold: pct(gaps?.threshold ?? null),
                  })}
                </Typography>
              </Flex>
            )}
            {(p?.ctasBelowTarget ?? []).map((c) => (
              <Flex gap={2} key={c.documentId}>
                <StatusBadge tone={STATUS_VARIANT[c.status]} size="S">
                  {t(`measure.status.${c.status}`, STATUS_LABEL[c.status])}
                </StatusBadge>
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
