import { Box, Flex, Typography, VisuallyHidden } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import { StatusBadge } from '../../components/StatusBadge';
import { getTranslation } from '../../utils/getTranslation';
import { COLORS } from './format';
import type { Flow, PathsReport, PhaseFlow } from '../../../../shared/contracts';

const OUTCOMES = [
  { key: 'toNext', id: 'measure.path.toNext', label: 'Next phase', color: COLORS.primary },
  { key: 'skippedAhead', id: 'measure.path.skipped', label: 'Skipped ahead', color: '#9736e8' },
  { key: 'backward', id: 'measure.path.backward', label: 'Went back', color: COLORS.neutral },
  { key: 'dropOff', id: 'measure.path.dropOff', label: 'Dropped off', color: '#f5c0b8' },
] as const;

/** Equal columns of at least 16rem (a phase and its arrow), as many as fit on a row. */
const Phases = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
  row-gap: ${({ theme }) => theme.spaces[3]};
`;

/**
 * The planned phase order with the measured flows: per phase how many sessions reached it (and entered
 * there), what they did next as a stacked bar, the conversion to the next phase (flagged below the
 * threshold), and the skips and backward moves listed under the path.
 */
export const PathFlow = ({ report }: { report: PathsReport }) => {
  const { formatMessage, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const pct = (v: number | null) => (v === null ? '–' : formatNumber(v, { style: 'percent', maximumFractionDigits: 0 }));
  const names = new Map(report.phases.map((p) => [p.documentId, p.name]));
  const maxReached = Math.max(1, ...report.phases.map((p) => p.reached));

  const flowList = (kind: Flow['kind'], title: string, testId: string) => {
    const flows = report.flows.filter((f) => f.kind === kind).slice(0, 6);
    return (
      <Box flex="1" data-testid={testId}>
        <Typography variant="sigma" textColor="neutral600">
          {title}
        </Typography>
        {flows.length === 0 ? (
          <Typography variant="pi" textColor="neutral600" tag="p">
            {t('measure.path.none', 'None')}
          </Typography>
        ) : (
          <Box tag="ul" paddingTop={1}>
            {flows.map((f) => (
              <li key={`${f.from}-${f.to}`}>
                <Typography variant="omega">
                  {names.get(f.from)} → {names.get(f.to)}
                  {f.skipped.length > 0 && ` (${t('measure.path.skipping', 'skipping {phases}', { phases: f.skipped.map((id) => names.get(id)).join(', ') })})`}
                  {': '}
                  <strong>{formatNumber(f.count)}</strong>
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Box>
    );
  };

  const column = (p: PhaseFlow, i: number) => {
    const main = report.mainEntry?.documentId === p.documentId;
    const last = i === report.phases.length - 1;
    return (
      <Flex key={p.documentId} alignItems="stretch">
        <Box
          flex="1"
          padding={3}
          hasRadius
          background={p.lowConversion ? 'danger100' : 'neutral100'}
          borderColor={p.lowConversion ? 'danger200' : 'neutral150'}
          borderStyle="solid"
          borderWidth="1px"
          data-testid={`path-phase-${p.slug}`}
        >
          <Flex direction="column" alignItems="stretch" gap={2} height="100%">
            <Flex justifyContent="space-between" gap={1} wrap="wrap">
              <Typography variant="omega" fontWeight="bold">
                {i + 1}. {p.name}
              </Typography>
              {main && (
                <StatusBadge tone="primary" size="S">
                  {t('measure.path.mainEntry', 'Main entry')}
                </StatusBadge>
              )}
            </Flex>
            <Typography variant="beta" tag="p">
              {formatNumber(p.reached)}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t('measure.path.reached', 'reached · {entries} entered here', { entries: formatNumber(p.entries) })}
            </Typography>
            <Box height="72px" position="relative" aria-hidden>
              <Flex direction="column" justifyContent="flex-end" height="100%">
                <Flex direction="column-reverse" width="100%" height={`${Math.max(4, (p.reached / maxReached) * 100)}%`} style={{ borderRadius: 4, overflow: 'hidden' }}>
                  {OUTCOMES.map((o) => {
                    const value = p[o.key];
                    return value > 0 ? <Box key={o.key} width="100%" style={{ flex: value, background: o.color }} /> : null;
                  })}
                </Flex>
              </Flex>
            </Box>
            <Typography variant="pi" textColor="neutral700" data-testid="path-dropoff">
              {last
                ? t('measure.path.lastPhase', 'Last phase of the journey')
                : t('measure.path.dropOffShare', 'Drop-off {share}', { share: pct(p.reached ? p.dropOff / p.reached : null) })}
            </Typography>
            {!last && (
              <Flex gap={1} wrap="wrap">
                <Typography variant="pi" textColor="neutral700">
                  {t('measure.path.conversion', 'To next')}
                </Typography>
                <StatusBadge tone={p.lowConversion ? 'danger' : 'neutral'} size="S" data-testid="path-conversion">
                  {pct(p.conversionToNext)}
                </StatusBadge>
                {p.lowConversion && (
                  <Typography variant="pi" fontWeight="bold" textColor="danger700">
                    {t('measure.path.low', 'below the threshold')}
                  </Typography>
                )}
              </Flex>
            )}
          </Flex>
        </Box>
        {!last && (
          <Flex direction="column" justifyContent="center" paddingLeft={1} paddingRight={1} style={{ flexShrink: 0, whiteSpace: 'nowrap' }} aria-hidden>
            <Typography variant="pi" textColor="neutral600">
              {formatNumber(p.toNext, { notation: 'compact' })}
            </Typography>
            <Typography variant="delta" textColor="primary600">
              →
            </Typography>
          </Flex>
        )}
      </Flex>
    );
  };

  const table = (
    <VisuallyHidden>
      <table>
        <caption>{t('measure.path.table', 'Sessions along the planned path, per phase')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('measure.path.table.phase', 'Phase')}</th>
            <th scope="col">{t('measure.path.table.reached', 'Reached')}</th>
            <th scope="col">{t('measure.path.table.entries', 'Entered here')}</th>
            {OUTCOMES.map((o) => (
              <th scope="col" key={o.key}>
                {t(o.id, o.label)}
              </th>
            ))}
            <th scope="col">{t('measure.path.conversion', 'To next')}</th>
          </tr>
        </thead>
        <tbody>
          {report.phases.map((p, i) => (
            <tr key={p.documentId}>
              <th scope="row">
                {i + 1}. {p.name}
                {report.mainEntry?.documentId === p.documentId ? ` (${t('measure.path.mainEntry', 'Main entry')})` : ''}
              </th>
              <td>{formatNumber(p.reached)}</td>
              <td>{formatNumber(p.entries)}</td>
              {OUTCOMES.map((o) => (
                <td key={o.key}>{formatNumber(p[o.key])}</td>
              ))}
              <td>
                {i === report.phases.length - 1
                  ? t('measure.path.lastPhase', 'Last phase of the journey')
                  : `${pct(p.conversionToNext)}${p.lowConversion ? ` (${t('measure.path.low', 'below the threshold')})` : ''}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
  );

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {table}
      {/* The phases wrap onto a second row rather than running off the card (a sideways scroll hides them). */}
      <Phases>{report.phases.map(column)}</Phases>
      <Flex gap={4} wrap="wrap">
        {OUTCOMES.map((o) => (
          <Flex key={o.key} gap={1}>
            <Box width="12px" height="12px" hasRadius style={{ background: o.color }} aria-hidden />
            <Typography variant="pi" textColor="neutral600">
              {t(o.id, o.label)}
            </Typography>
          </Flex>
        ))}
      </Flex>
      <Flex alignItems="flex-start" gap={6} wrap="wrap">
        {flowList('skip', t('measure.path.skips', 'Phases skipped'), 'path-skips')}
        {flowList('backward', t('measure.path.backwards', 'Backward moves'), 'path-backwards')}
      </Flex>
    </Flex>
  );
};
