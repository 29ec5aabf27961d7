import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import { CELL_STATES } from '../../components/cellStates';
import type { CoverageCell, CoverageReport } from '../../types';
import { getTranslation } from '../../utils/getTranslation';

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
export const Heatmap = ({ report, onOpen }: { report: CoverageReport; onOpen: (cell: CoverageCell) => void }) => {
  const { formatMessage } = useIntl();
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
                      <Badge backgroundColor="warning100" textColor="warning700">
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
                return (
                  <td key={phase.documentId}>
                    <CellButton
                      type="button"
                      $bg={look.background}
                      $border={look.border}
                      onClick={() => onOpen(cell)}
                      data-cell={`${phase.slug}:${persona.slug}`}
                      data-state={cell.state}
                      aria-label={t('contentMap.cellLabel', '{phase} × {persona}: {count} entries, {state}', { phase: phase.name, persona: persona.name, count: cell.count, state })}
                    >
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Typography variant="alpha" textColor={look.text}>
                          {cell.state === 'not-applicable' ? '—' : cell.count}
                        </Typography>
                        <Flex gap={1} alignItems="center">
                          <look.Icon fill={look.text} aria-hidden width="1.4rem" height="1.4rem" />
                          <Typography variant="pi" fontWeight="bold" textColor={look.text}>
                            {state}
                          </Typography>
                        </Flex>
                      </Flex>
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
