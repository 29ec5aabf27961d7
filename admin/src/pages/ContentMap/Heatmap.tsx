import { Badge, Box, Flex, Typography, VisuallyHidden } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import { CELL_STATES } from '../../components/cellStates';
import type { CoverageCell, CoverageHistory, CoverageHistoryCell, CoverageReport, PerformanceTotals } from '../../../../shared/contracts';
import { getTranslation } from '../../utils/getTranslation';
import { Sparkline } from './Sparkline';

/** The key of a cell in a history's lookup. */
export const historyKey = (phase: string, persona: string | null) => `${phase}|${persona ?? ''}`;

/** A history's cells by key, for the map's cells. */
export const historyByCell = (history: CoverageHistory | null | undefined) =>
  new Map<string, CoverageHistoryCell>((history?.cells ?? []).map((c) => [historyKey(c.phase, c.persona), c]));

const Table = styled.table`
  border-collapse: separate;
  border-spacing: 4px;
  width: 100%;
  min-width: min-content;
  th {
    text-align: left;
    vertical-align: top;
    padding: 4px 8px;
  }
  tbody th {
    vertical-align: middle;
  }
`;

const CellButton = styled.button<{ $bg: string; $border: string }>`
  width: 100%;
  min-width: 9rem;
  min-height: 5.6rem;
  padding: 8px 10px;
  border-radius: ${({ theme }) => theme.borderRadius};
  border: 1px solid ${({ theme, $border }) => theme.colors[$border as keyof typeof theme.colors]};
  background: ${({ theme, $bg }) => theme.colors[$bg as keyof typeof theme.colors]};
  cursor: pointer;
  text-align: left;
  &:hover,
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 1px;
  }
`;

/**
 * The phase × persona matrix: phases as columns in journey order, personas as rows. Each cell shows its
 * count, an icon and the state's name, so it reads without colour.
 */
export const Heatmap = ({
  report,
  onOpen,
  history,
  performance,
}: {
  report: CoverageReport;
  onOpen: (cell: CoverageCell) => void;
  /** when the map shows how content performs: each cell's views and conversions (by historyKey) */
  performance?: Map<string, PerformanceTotals> | null;
  /** when the last days are shown: each cell's series, and the window's length */
  history?: { cells: Map<string, CoverageHistoryCell>; days: number } | null;
}) => {
  const { formatMessage, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const cellOf = (phase: string, persona: string) => report.cells.find((c) => c.phase === phase && c.persona === persona);

  return (
    <Box overflow="auto" background="neutral0" hasRadius shadow="filterShadow" padding={4}>
      <Table data-testid="heatmap" aria-label={t('contentMap.matrix', 'Coverage by phase and persona')}>
        <thead>
          <tr>
            <th>
              <Typography variant="sigma" textColor="neutral600">{t('contentMap.personaPhase', 'Persona')}</Typography>
            </th>
            {report.phases.map((p, i) => (
              <th key={p.documentId} scope="col">
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Typography variant="omega" fontWeight="bold">
                    {i + 1}. {p.name}
                  </Typography>
                  <Flex gap={1} wrap="wrap">
                    {p.flags.lacksContent && (
                      <Badge backgroundColor="danger100" textColor="danger700">
                        {t('flag.lacksContent', 'Phase lacks content')}
                      </Badge>
                    )}
                    {p.flags.noCta && (
                      <Badge backgroundColor="warning100" textColor="neutral800">
                        {t('flag.noCta', 'No CTA')}
                      </Badge>
                    )}
                  </Flex>
                </Flex>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.personas.map((persona) => (
            <tr key={persona.documentId}>
              <th scope="row">
                <Typography variant="omega" fontWeight="semiBold">{persona.name}</Typography>
              </th>
              {report.phases.map((phase) => {
                const cell = cellOf(phase.documentId, persona.documentId);
                if (!cell) return <td key={phase.documentId} />;
                const look = CELL_STATES[cell.state];
                const state = t(look.id, look.label);
                const series = history?.cells.get(historyKey(cell.phase, cell.persona));
                const perf = performance ? performance.get(historyKey(cell.phase, cell.persona)) ?? { views: 0, conversions: 0 } : null;
                return (
                  <td key={phase.documentId}>
                    <CellButton
                      type="button"
                      $bg={look.background}
                      $border={look.border}
                      onClick={() => onOpen(cell)}
                      data-cell={`${phase.slug}:${persona.slug}`}
                      data-state={cell.state}
                      data-views={perf ? perf.views : undefined}
                      data-conversions={perf ? perf.conversions : undefined}
                    >
                      {/* Named by its text (not an aria-label that differs from what is shown): the full sentence for
                          screen readers, the count and the state's word on screen. */}
                      <VisuallyHidden>
                        {t('contentMap.cellLabel', '{phase} × {persona}: {count} entries, {state}', { phase: phase.name, persona: persona.name, count: cell.count, state })}
                        {series && history
                          ? `. ${t('history.cellLabel', 'Was a gap on {gapDays} of the last {days} days', { gapDays: series.gapDays, days: history.days })}`
                          : ''}
                        {perf ? `. ${t('performance.cellLabel', '{views} views, {conversions} conversions', { views: perf.views, conversions: perf.conversions })}` : ''}
                      </VisuallyHidden>
                      {perf ? (
                        <Flex direction="column" alignItems="flex-start" gap={1} aria-hidden>
                          <Typography variant="alpha" textColor={look.text}>
                            {cell.state === 'not-applicable' ? '—' : formatNumber(perf.views)}
                          </Typography>
                          <Typography variant="pi" fontWeight="bold" textColor={look.text}>
                            {t('performance.views', '{count, plural, one {view} other {views}}', { count: perf.views })} · {t('performance.conversions', '{count, plural, one {# conversion} other {# conversions}}', { count: perf.conversions })}
                          </Typography>
                          <Flex gap={1} alignItems="center">
                            <look.Icon fill={look.icon} aria-hidden width="1.2rem" height="1.2rem" />
                            <Typography variant="pi" textColor={look.text}>
                              {t('performance.cellCount', '{count, plural, one {# entry} other {# entries}}, {state}', { count: cell.count, state })}
                            </Typography>
                          </Flex>
                        </Flex>
                      ) : (
                      <Flex direction="column" alignItems="flex-start" gap={1} aria-hidden>
                        <Typography variant="alpha" textColor={look.text}>
                          {cell.state === 'not-applicable' ? '—' : cell.count}
                        </Typography>
                        <Flex gap={1} alignItems="center">
                          <look.Icon fill={look.icon} aria-hidden width="1.4rem" height="1.4rem" />
                          <Typography variant="pi" fontWeight="bold" textColor={look.text}>
                            {state}
                          </Typography>
                        </Flex>
                        {series && <Sparkline cell={series} />}
                      </Flex>
                      )}
                    </CellButton>
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">
              <Typography variant="pi" textColor="neutral600">{t('contentMap.phaseTotal', 'Entries in the phase')}</Typography>
            </th>
            {report.phases.map((p) => (
              <td key={p.documentId}>
                <Box paddingLeft={2}>
                  <Typography variant="pi" textColor="neutral700">
                    {t('contentMap.phaseEntries', '{count, plural, one {# entry} other {# entries}} · min {min} per persona', { count: p.entries, min: p.min })}
                  </Typography>
                </Box>
              </td>
            ))}
          </tr>
        </tbody>
      </Table>
    </Box>
  );
};
