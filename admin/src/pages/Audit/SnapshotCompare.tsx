import { Box, Flex, Grid, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { StatusBadge } from '../../components/StatusBadge';
import { editLink } from '../../utils/editLink';
import type { CellChange, Comparison, ContentTypeInfo, Delta, EntryRef, SnapshotItem } from '../../../../shared/contracts';
import { useT, type T } from './useT';

const stateLabel = (t: T, state: string | undefined) =>
  state === undefined
    ? t('audit.state.absent', 'not in the map')
    : ({
        gap: t('audit.state.gap', 'gap'),
        thin: t('audit.state.thin', 'thin'),
        ok: t('audit.state.ok', 'ok'),
        excess: t('audit.state.excess', 'excess'),
        'not-applicable': t('audit.state.na', 'not applicable'),
      } as Record<string, string>)[state] ?? state;

const Section = ({ title, count, tone, children, empty }: { title: string; count: number; tone: 'success' | 'danger'; children: React.ReactNode; empty: string }) => (
  <Box tag="section" aria-label={title} background="neutral0" shadow="filterShadow" hasRadius padding={5} height="100%">
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={2}>
        <Typography variant="delta" tag="h3">{title}</Typography>
        <StatusBadge tone={count ? tone : 'neutral'}>{count}</StatusBadge>
      </Flex>
      {count === 0 ? <Typography textColor="neutral600">{empty}</Typography> : <Flex direction="column" alignItems="stretch" gap={2} tag="ul">{children}</Flex>}
    </Flex>
  </Box>
);

/** Two snapshots of one journey side by side: the counts, the cells whose gap closed or opened, the entries tagged or gone stale. */
export const SnapshotCompare = ({ comparison, types }: { comparison: Comparison; types: ContentTypeInfo[] }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const when = (s: SnapshotItem) => formatDate(s.takenAt, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const cellName = (c: CellChange) => (c.persona ? `${c.phase.name} × ${c.persona.name}` : c.phase.name);
  const cellItem = (c: CellChange) => (
    <li key={`${c.phase.documentId}|${c.persona?.documentId ?? ''}`}>
      <Flex justifyContent="space-between" gap={2}>
        <Typography fontWeight="semiBold">{cellName(c)}</Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('audit.compare.cellChange', '{fromState} ({fromCount}) → {toState} ({toCount})', {
            fromState: stateLabel(t, c.from?.state),
            fromCount: c.from?.count ?? 0,
            toState: stateLabel(t, c.to?.state),
            toCount: c.to?.count ?? 0,
          })}
        </Typography>
      </Flex>
    </li>
  );
  const entryItem = (e: EntryRef) => (
    <li key={`${e.contentType}|${e.documentId}|${e.locale ?? ''}`}>
      <Flex justifyContent="space-between" gap={2}>
        <Link tag={RouterLink} to={editLink(types, e)}>
          {e.title || t('audit.untitled', '(untitled)')}
        </Link>
        <Typography variant="pi" textColor="neutral600">
          {[types.find((c) => c.uid === e.contentType)?.displayName ?? e.contentType, e.locale].filter(Boolean).join(' · ')}
        </Typography>
      </Flex>
    </li>
  );

  const metrics: Array<[string, Delta | undefined, 'lower' | 'higher']> = [
    [t('audit.flag.untagged', 'Untagged'), comparison.counts.untagged, 'lower'],
    [t('audit.flag.stale', 'Stale'), comparison.counts.stale, 'lower'],
    [t('audit.flag.draftOnly', 'Draft only'), comparison.counts.draftOnly, 'lower'],
    [t('audit.flag.phaseWithoutCta', 'Phase without CTA'), comparison.counts.phaseWithoutCta, 'lower'],
    [t('audit.flag.missingInOtherLocale', 'Untagged in this locale'), comparison.counts.missingInOtherLocale, 'lower'],
    [t('audit.compare.gapCells', 'Gap cells'), comparison.totals.gap, 'lower'],
    [t('audit.compare.thinCells', 'Thin cells'), comparison.totals.thin, 'lower'],
    [t('audit.compare.okCells', 'Covered cells'), comparison.totals.ok, 'higher'],
    [t('audit.compare.entries', 'Entries'), comparison.totals.entries, 'higher'],
  ];
  const deltaText = (d: Delta | undefined, better: 'lower' | 'higher') => {
    if (!d || d.delta === 0) return <Typography textColor="neutral600">±0</Typography>;
    const good = better === 'lower' ? d.delta < 0 : d.delta > 0;
    return (
      <Typography fontWeight="bold" textColor={good ? 'success600' : 'danger600'}>
        {d.delta > 0 ? `+${d.delta}` : d.delta}
      </Typography>
    );
  };

  const changes: Array<{ title: string; tone: 'success' | 'danger'; items: React.ReactNode[] }> = [
    { title: t('audit.compare.gapsClosed', 'Gaps closed'), tone: 'success', items: comparison.gapsClosed.map(cellItem) },
    { title: t('audit.compare.newGaps', 'New gaps'), tone: 'danger', items: comparison.newGaps.map(cellItem) },
    { title: t('audit.compare.entriesTagged', 'Entries tagged'), tone: 'success', items: comparison.entriesTagged.map(entryItem) },
    { title: t('audit.compare.goneStale', 'Entries gone stale'), tone: 'danger', items: comparison.entriesGoneStale.map(entryItem) },
  ];

  return (
    <Flex direction="column" alignItems="stretch" gap={4} aria-label={t('audit.compare.title', 'Comparison')} tag="section">
      <Box background="neutral0" shadow="filterShadow" hasRadius padding={5}>
        <Table colCount={4} rowCount={metrics.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('audit.compare.measure', 'Measure')}</Typography></Th>
              <Th>
                <Flex direction="column" alignItems="flex-start">
                  <Typography variant="sigma">{t('audit.compare.from', 'From')}</Typography>
                  <Typography variant="pi" textColor="neutral600">{when(comparison.from)}{comparison.from.note ? ` — ${comparison.from.note}` : ''}</Typography>
                </Flex>
              </Th>
              <Th>
                <Flex direction="column" alignItems="flex-start">
                  <Typography variant="sigma">{t('audit.compare.to', 'To')}</Typography>
                  <Typography variant="pi" textColor="neutral600">{when(comparison.to)}{comparison.to.note ? ` — ${comparison.to.note}` : ''}</Typography>
                </Flex>
              </Th>
              <Th><Typography variant="sigma">{t('audit.compare.change', 'Change')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {metrics.map(([label, d, better]) => (
              <Tr key={label}>
                <Td><Typography>{label}</Typography></Td>
                <Td><Typography>{d?.from ?? 0}</Typography></Td>
                <Td><Typography>{d?.to ?? 0}</Typography></Td>
                <Td>{deltaText(d, better)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        {comparison.incomplete && (
          <Box paddingTop={3}>
            <Typography variant="pi" textColor="warning600">
              {t('audit.compare.incomplete', 'One of these snapshots listed only the first 5,000 untagged or stale entries; the entry lists may be incomplete.')}
            </Typography>
          </Box>
        )}
      </Box>
      <Grid.Root gap={4}>
        {changes.map(({ title, tone, items }) => (
          <Grid.Item key={title} col={6} s={12} direction="column" alignItems="stretch">
            <Section title={title} count={items.length} tone={tone} empty={t('audit.compare.none', 'None')}>
              {items}
            </Section>
          </Grid.Item>
        ))}
      </Grid.Root>
    </Flex>
  );
};
