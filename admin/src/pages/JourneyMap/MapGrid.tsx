import { Badge, Box, Flex, IconButton, Typography, VisuallyHidden } from '@strapi/design-system';
import { ArrowLeft, ArrowRight, Drag, Pencil, Plus, Trash } from '@strapi/icons';
import { forwardRef, useEffect, useRef, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import { CELL_STATES } from '../../components/cellStates';
import type { CoverageReport, Cta, CtaKpi, Journey, Phase } from '../../../../shared/contracts';
import { getTranslation } from '../../utils/getTranslation';
import { EmotionCurve } from './EmotionCurve';

/** What the measure API says about a CTA (absent until the site sends events or a value is entered). */
export type KpiActual = Pick<CtaKpi, 'actual' | 'status'>;

export interface MapGridProps {
  journey: Journey;
  coverage: CoverageReport | null;
  kpis: Map<string, KpiActual>;
  persona: string | null;
  canManage: boolean;
  onEditPhase: (phase: Phase) => void;
  onDeletePhase: (phase: Phase) => void;
  onMovePhase: (phase: Phase, to: number) => void;
  onAddCta: (phase: Phase) => void;
  onEditCta: (cta: Cta, phase: Phase) => void;
}

const Grid = styled.div<{ $phases: number }>`
  display: grid;
  grid-template-columns: 13rem repeat(${({ $phases }) => $phases}, minmax(15rem, 1fr));
  background: ${({ theme }) => theme.colors.neutral0};
  border: 1px solid ${({ theme }) => theme.colors.neutral150};
  border-radius: ${({ theme }) => theme.borderRadius};
  min-width: min-content;
`;

const Cell = styled.div<{ $head?: boolean; $label?: boolean; $over?: boolean }>`
  padding: ${({ theme }) => `${theme.spaces[3]} ${theme.spaces[4]}`};
  border-bottom: 1px solid ${({ theme }) => theme.colors.neutral150};
  border-left: 1px solid ${({ theme }) => theme.colors.neutral150};
  background: ${({ theme, $head, $label, $over }) =>
    $over ? theme.colors.primary100 : $head ? theme.colors.primary100 : $label ? theme.colors.neutral100 : 'transparent'};
  outline: ${({ theme, $over }) => ($over ? `2px dashed ${theme.colors.primary600}` : 'none')};
  ${({ $label }) => ($label ? 'position: sticky; left: 0; z-index: 1; border-left: none;' : '')}
  white-space: pre-line;
  overflow-wrap: anywhere;
`;

/** A row of the table: its cells are the grid's own items, so the columns line up across rows. */
const Row = styled.div`
  display: contents;
`;

const Span = styled.div`
  grid-column: 2 / -1;
  border-bottom: 1px solid ${({ theme }) => theme.colors.neutral150};
  border-left: 1px solid ${({ theme }) => theme.colors.neutral150};
`;

/** An empty lane cell: a dash on screen, "None" to a screen reader. */
const Empty = () => {
  const { formatMessage } = useIntl();
  return (
    <Typography variant="pi" textColor="neutral600">
      <span aria-hidden>—</span>
      <VisuallyHidden>{formatMessage({ id: getTranslation('map.none'), defaultMessage: 'None' })}</VisuallyHidden>
    </Typography>
  );
};

const Text = ({ value }: { value?: string | null }) => (value ? <Typography variant="omega" textColor="neutral800">{value}</Typography> : <Empty />);

const List = ({ values }: { values?: string[] | null }) =>
  values?.length ? (
    <Flex gap={1} wrap="wrap">
      {values.map((v) => (
        <Badge key={v}>{v}</Badge>
      ))}
    </Flex>
  ) : (
    <Empty />
  );

/**
 * The journey drawn as a map: phases as columns in order, lanes as rows. It is a table to assistive
 * technology (rows of cells under phase and lane headers) laid out as a CSS grid. Phase headers can be
 * dragged onto another phase, or moved with the arrow buttons (the keyboard's way; focus follows the
 * phase and the move is announced).
 */
export const MapGrid = forwardRef<HTMLDivElement, MapGridProps>(function MapGrid(props, ref) {
  const { journey, coverage, kpis, persona, canManage } = props;
  const { formatMessage, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const phases = journey.phases;
  // After a move with the buttons, focus goes back to the moved phase's button (its node was moved, which
  // drops focus), or to the other arrow when the phase reached an end; the move is announced.
  const refocus = useRef<{ phase: string; direction: 'left' | 'right' } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const order = phases.map((p) => p.documentId).join(',');
  useEffect(() => {
    const wanted = refocus.current;
    const node = ref && typeof ref === 'object' ? ref.current : null;
    if (!wanted || !node) return;
    const index = phases.findIndex((p) => p.documentId === wanted.phase);
    if (index < 0) return;
    refocus.current = null;
    const button = (direction: string) => node.querySelector<HTMLButtonElement>(`[data-move="${wanted.phase}:${direction}"]`);
    const target = button(wanted.direction);
    (target && !target.disabled ? target : button(wanted.direction === 'left' ? 'right' : 'left'))?.focus();
    setAnnouncement(t('map.moved', '{name} moved to position {position} of {total}', { name: phases[index].name, position: index + 1, total: phases.length }));
    // Runs when the order changes (the move shows at once, before the server answers).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order]);
  const move = (p: Phase, to: number, direction: 'left' | 'right') => {
    refocus.current = { phase: p.documentId, direction };
    props.onMovePhase(p, to);
  };
  const personas = persona ? journey.personas.filter((p) => p.documentId === persona) : journey.personas;

  const cellOf = (phase: string, personaId: string) => coverage?.cells.find((c) => c.phase === phase && c.persona === personaId);
  const flagsOf = (phase: string) => coverage?.phases.find((p) => p.documentId === phase)?.flags;

  const lane = (id: string, label: string, render: (p: Phase, index: number) => ReactNode) => (
    <Row role="row">
      <Cell $label role="rowheader" data-lane={id}>
        <Typography variant="sigma" textColor="neutral600">{label}</Typography>
      </Cell>
      {phases.map((p, i) => (
        <Cell key={p.documentId} role="cell" data-lane={id} data-phase={p.slug}>
          {render(p, i)}
        </Cell>
      ))}
    </Row>
  );

  const header = (p: Phase, index: number) => (
    <Cell
      key={p.documentId}
      role="columnheader"
      $head
      $over={over === p.documentId && dragged !== p.documentId}
      data-phase-header={p.slug}
      draggable={canManage}
      onDragStart={(e) => {
        setDragged(p.documentId);
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', p.documentId);
      }}
      onDragEnd={() => {
        setDragged(null);
        setOver(null);
      }}
      onDragOver={(e) => {
        if (!dragged) return;
        e.preventDefault();
        setOver(p.documentId);
      }}
      onDrop={(e) => {
        e.preventDefault();
        const source = phases.find((x) => x.documentId === (dragged ?? e.dataTransfer.getData('text/plain')));
        setDragged(null);
        setOver(null);
        if (source && source.documentId !== p.documentId) props.onMovePhase(source, index);
      }}
      style={{ cursor: canManage ? 'grab' : undefined }}
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} alignItems="center">
          {canManage && <Drag aria-hidden fill="neutral500" />}
          <Typography variant="delta" tag="h3">
            {index + 1}. {p.name}
          </Typography>
        </Flex>
        {p.funnelBand && (
          <Box>
            <Badge>{t(`band.${p.funnelBand}`, p.funnelBand)}</Badge>
          </Box>
        )}
        {canManage && (
          // Two pairs that wrap in a narrow column, so the last phase's buttons are never cut off.
          <Flex gap={1} wrap="wrap">
            <Flex gap={1}>
              <IconButton label={t('map.moveLeft', 'Move {name} left', { name: p.name })} data-move={`${p.documentId}:left`} disabled={index === 0} onClick={() => move(p, index - 1, 'left')} variant="ghost">
                <ArrowLeft />
              </IconButton>
              <IconButton label={t('map.moveRight', 'Move {name} right', { name: p.name })} data-move={`${p.documentId}:right`} disabled={index === phases.length - 1} onClick={() => move(p, index + 1, 'right')} variant="ghost">
                <ArrowRight />
              </IconButton>
            </Flex>
            <Flex gap={1}>
              <IconButton label={t('map.editPhase', 'Edit {name}', { name: p.name })} onClick={() => props.onEditPhase(p)} variant="ghost">
                <Pencil />
              </IconButton>
              <IconButton label={t('map.deletePhase', 'Delete {name}', { name: p.name })} onClick={() => props.onDeletePhase(p)} variant="ghost">
                <Trash />
              </IconButton>
            </Flex>
          </Flex>
        )}
      </Flex>
    </Cell>
  );

  const kpiLine = (cta: Cta) => {
    if (cta.kpiTarget === null || cta.kpiTarget === undefined) return null;
    const measured = kpis.get(cta.documentId);
    const period = cta.kpiPeriod ? t(`period.${cta.kpiPeriod}`, cta.kpiPeriod) : '';
    return (
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="pi" textColor="neutral600">
          {t('map.kpiTarget', '{metric}: target {target} per {period}', { metric: cta.kpiMetric ?? t('map.kpi', 'KPI'), target: formatNumber(Number(cta.kpiTarget)), period })}
        </Typography>
        {measured && measured.actual !== null && (
          <Badge
            backgroundColor={measured.status === 'onTrack' ? 'success100' : measured.status === 'atRisk' ? 'warning100' : measured.status === 'offTrack' ? 'danger100' : 'neutral150'}
            textColor={measured.status === 'onTrack' ? 'success700' : measured.status === 'atRisk' ? 'neutral800' : measured.status === 'offTrack' ? 'danger700' : 'neutral700'}
          >
            {t('map.kpiActual', 'Actual {actual} · {status}', { actual: formatNumber(measured.actual), status: t(`kpi.${measured.status}`, measured.status) })}
          </Badge>
        )}
      </Flex>
    );
  };

  return (
    <Box overflow="auto" paddingBottom={2}>
      <VisuallyHidden role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </VisuallyHidden>
      <Grid ref={ref} $phases={phases.length} role="table" aria-label={journey.name} data-testid="journey-map">
        <Row role="row">
          <Cell $label $head role="columnheader">
            <Typography variant="sigma" textColor="neutral600">{t('map.phase', 'Phase')}</Typography>
          </Cell>
          {phases.map(header)}
        </Row>
        {lane('goal', t('lane.goal', 'Customer goal'), (p) => <Text value={p.customerGoal} />)}
        {lane('questions', t('lane.questions', 'Questions'), (p) => <Text value={p.questions} />)}
        {lane('actions', t('lane.actions', 'Actions'), (p) => <Text value={p.actions} />)}
        {lane('thoughts', t('lane.thoughts', 'Thoughts'), (p) => <Text value={p.thoughts} />)}
        <Row role="row">
          <Cell $label role="rowheader" data-lane="emotion">
            <Typography variant="sigma" textColor="neutral600">{t('lane.emotion', 'Emotion')}</Typography>
          </Cell>
          <Span role="cell" aria-colspan={phases.length}>
            <EmotionCurve phases={phases} />
          </Span>
        </Row>
        {lane('touchpoints', t('lane.touchpoints', 'Touchpoints & channels'), (p) => (
          <Flex direction="column" alignItems="stretch" gap={2}>
            <List values={p.touchpoints} />
            {p.channels?.length ? <List values={p.channels} /> : null}
          </Flex>
        ))}
        {lane('painPoints', t('lane.painPoints', 'Pain points'), (p) => <Text value={p.painPoints} />)}
        {lane('opportunities', t('lane.opportunities', 'Opportunities'), (p) => <Text value={p.opportunities} />)}
        {lane('cta', t('lane.cta', 'CTA & KPI'), (p) => (
          <Flex direction="column" alignItems="stretch" gap={3}>
            {(p.ctas ?? []).map((cta) => (
              <Flex key={cta.documentId} direction="column" alignItems="flex-start" gap={1} data-cta={cta.documentId}>
                <Flex gap={1} alignItems="flex-start">
                  <Typography fontWeight="bold" textColor="neutral800">{cta.label}</Typography>
                  {canManage && (
                    <IconButton label={t('map.editCta', 'Edit CTA {name}', { name: cta.label })} onClick={() => props.onEditCta(cta, p)} variant="ghost" size="S">
                      <Pencil />
                    </IconButton>
                  )}
                </Flex>
                {cta.persona && <Typography variant="pi" textColor="neutral600">{t('map.ctaFor', 'For {persona}', { persona: cta.persona.name })}</Typography>}
                {kpiLine(cta)}
              </Flex>
            ))}
            {!(p.ctas ?? []).length && (
              <Badge backgroundColor="warning100" textColor="neutral800">
                {t('flag.noCta', 'No CTA')}
              </Badge>
            )}
            {canManage && (
              <Box>
                <IconButton label={t('map.addCta', 'Add a CTA to {name}', { name: p.name })} onClick={() => props.onAddCta(p)} variant="tertiary" size="S">
                  <Plus />
                </IconButton>
              </Box>
            )}
          </Flex>
        ))}
        {lane('content', persona ? t('lane.contentFor', 'Content for the persona') : t('lane.content', 'Published content per persona'), (p) => (
          <Flex direction="column" alignItems="stretch" gap={1}>
            {!coverage && <Typography variant="pi" textColor="neutral600">{t('loading', 'Loading…')}</Typography>}
            {coverage &&
              personas.map((persona) => {
                const cell = cellOf(p.documentId, persona.documentId);
                if (!cell) return null;
                const look = CELL_STATES[cell.state];
                return (
                  <Flex
                    key={persona.documentId}
                    justifyContent="space-between"
                    wrap="wrap"
                    gap={2}
                    paddingLeft={2}
                    paddingRight={2}
                    paddingTop={1}
                    paddingBottom={1}
                    hasRadius
                    background={look.background}
                    data-cell-state={cell.state}
                  >
                    {/* Long persona names wrap (the count moves under the name) rather than being cut. */}
                    <Typography variant="pi" textColor="neutral800">
                      {persona.name}
                    </Typography>
                    <Flex gap={1} alignItems="center">
                      <look.Icon fill={look.icon} aria-hidden width="1.2rem" height="1.2rem" />
                      <Typography variant="pi" fontWeight="bold" textColor={look.text}>
                        {cell.state === 'not-applicable' ? t(look.id, look.label) : `${cell.count} · ${t(look.id, look.label)}`}
                      </Typography>
                    </Flex>
                  </Flex>
                );
              })}
            {flagsOf(p.documentId)?.lacksContent && (
              <Badge backgroundColor="danger100" textColor="danger700">
                {t('flag.lacksContent', 'Phase lacks content')}
              </Badge>
            )}
          </Flex>
        ))}
      </Grid>
    </Box>
  );
});
