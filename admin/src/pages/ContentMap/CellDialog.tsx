import { Badge, Box, Checkbox, Flex, Loader, Modal, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router-dom';
import { CELL_STATES } from '../../components/cellStates';
import { DraftPanel } from '../../components/DraftFields';
import { useReturnFocus } from '../../components/useReturnFocus';
import type { ContentTypeInfo, CoverageCell, CoverageHistoryCell, CoverageReport } from '../../../../shared/contracts';
import { useGetAuditQuery } from '../../api/audit';
import { useGetCoveragePerformanceQuery, type PerformanceParams } from '../../api/coverage';
import type { SiteLocale } from '../../api/content-types';
import { useCreateGapDraftMutation } from '../../api/drafts';
import { useErrorMessage } from '../../api/errors';
import { editLink } from '../../utils/editLink';
import { getTranslation } from '../../utils/getTranslation';

interface Props {
  report: CoverageReport;
  cell: CoverageCell | null;
  filters: { locale?: string; contentType?: string };
  types: ContentTypeInfo[];
  locales: SiteLocale[];
  canManage: boolean;
  canTag: boolean;
  onClose: () => void;
  /** Marks the cell applicable or not; resolves when saved. */
  onToggleApplicable: (cell: CoverageCell, applicable: boolean) => Promise<void>;
  /** when the map shows the last days: the window's days and this cell's series (null: not recorded) */
  history?: { days: string[]; cell: CoverageHistoryCell | null } | null;
  /** when the map shows how content performs: the period and filters its numbers are for */
  performance?: PerformanceParams | null;
}

/**
 * One cell of the content map: the entries tagged for it (with links into the Content Manager), whether
 * the cell applies to this persona, and "create a draft for this gap".
 */
export const CellDialog = ({ report, cell, filters, types, locales, canManage, canTag, onClose, onToggleApplicable, history, performance }: Props) => {
  const { formatMessage, formatDate, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [createDraft, { isLoading: creating }] = useCreateGapDraftMutation();
  const [saving, setSaving] = useState(false);
  const collectionTypes = types.filter((ty) => ty.kind === 'collectionType');
  const [draftType, setDraftType] = useState('');
  const [draftLocale, setDraftLocale] = useState('');
  const [draftTitle, setDraftTitle] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  // Focus goes back to the cell the dialog was opened from.
  const returnFocus = useReturnFocus(Boolean(cell));

  const phase = report.phases.find((p) => p.documentId === cell?.phase);
  const persona = report.personas.find((p) => p.documentId === cell?.persona);

  // Every entry tagged for the cell (the audit's list, with the page's filters), newest first.
  const { currentData: entries, isError: failed } = useGetAuditQuery(
    {
      journey: report.journey.documentId,
      phase: cell?.phase ?? '',
      ...(cell?.persona ? { persona: cell.persona } : {}),
      ...(filters.locale ? { locale: filters.locale } : {}),
      ...(filters.contentType ? { contentType: filters.contentType } : {}),
      pageSize: '100',
      sort: 'updatedAt:desc',
    },
    { skip: !cell }
  );
  const rows = entries?.data ?? null;
  // The cell's entries ranked by views, then conversions, for the map's period.
  const { currentData: ranked, isError: rankFailed } = useGetCoveragePerformanceQuery(
    { ...(performance ?? { journey: '' }), phase: cell?.phase, ...(cell?.persona ? { persona: cell.persona } : {}) },
    { skip: !cell || !performance }
  );
  const rankedCell = ranked?.cell ?? null;
  const total = entries?.meta.pagination.total ?? 0;

  useEffect(() => {
    if (!cell) return;
    setDraftError(null);
    setDraftTitle('');
    setDraftType(filters.contentType ?? collectionTypes[0]?.uid ?? '');
    setDraftLocale(filters.locale ?? locales.find((l) => l.isDefault)?.code ?? '');
    // Reset when another cell opens or the filters change; the option lists are stable by then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cell?.phase, cell?.persona, filters.locale, filters.contentType]);

  if (!cell || !phase) return null;
  const look = CELL_STATES[cell.state];
  const typeName = (uid: string) => types.find((ty) => ty.uid === uid)?.displayName ?? uid;
  const draftTypeInfo = collectionTypes.find((ty) => ty.uid === draftType);

  const create = async () => {
    setDraftError(null);
    try {
      const draft = await createDraft({
        contentType: draftType,
        ...(draftTypeInfo?.localized && draftLocale ? { locale: draftLocale } : {}),
        phase: cell.phase,
        persona: cell.persona,
        title: draftTitle,
      }).unwrap();
      navigate(editLink(types, draft));
    } catch (e) {
      setDraftError(errorMessage(e, t('contentMap.draftFailed', 'The draft could not be created')));
    }
  };

  return (
    <Modal.Root open onOpenChange={(o: boolean) => !o && onClose()}>
      <Modal.Content style={{ maxWidth: '96rem', width: '90vw' }} onCloseAutoFocus={returnFocus}>
        <Modal.Header>
          <Modal.Title>
            {phase.name} × {persona?.name ?? t('persona.all', 'All personas')}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={5}>
            <Flex gap={3} alignItems="center" wrap="wrap">
              <Flex gap={1} alignItems="center" paddingLeft={2} paddingRight={2} paddingTop={1} paddingBottom={1} hasRadius background={look.background}>
                <look.Icon fill={look.icon} aria-hidden />
                <Typography fontWeight="bold" textColor={look.text} data-testid="cell-state">
                  {t(look.id, look.label)}
                </Typography>
              </Flex>
              <Typography textColor="neutral700">
                {t('contentMap.cellSummary', '{count, plural, =0 {No entry counts here} one {# entry counts here} other {# entries count here}} (minimum {min}).', { count: cell.count, min: phase.min })}
              </Typography>
            </Flex>

            {history && (
              <Flex direction="column" alignItems="stretch" gap={2} data-testid="cell-history">
                <Typography variant="delta" tag="h3">
                  {t('history.cellTitle', 'The last {days} days', { days: history.days.length })}
                </Typography>
                {history.cell ? (
                  <>
                    <Typography variant="pi" textColor="neutral600">
                      {t('history.cellLabel', 'Was a gap on {gapDays} of the last {days} days', { gapDays: history.cell.gapDays, days: history.days.length })}
                      {history.cell.gapSince ? ` · ${t('history.gapSince', 'a gap since {day}', { day: formatDate(`${history.cell.gapSince}T00:00:00Z`, { timeZone: 'UTC', dateStyle: 'medium' }) })}` : ''}
                    </Typography>
                    <Box
                      style={{ maxHeight: '20rem', overflowY: 'auto' }}
                      tabIndex={0}
                      role="region"
                      aria-label={t('history.tableLabel', 'Daily counts of this cell')}
                    >
                      <Table colCount={3} rowCount={history.days.length + 1}>
                        <Thead>
                          <Tr>
                            <Th><Typography variant="sigma">{t('history.day', 'Day')}</Typography></Th>
                            <Th><Typography variant="sigma">{t('history.count', 'Entries')}</Typography></Th>
                            <Th><Typography variant="sigma">{t('history.state', 'State')}</Typography></Th>
                          </Tr>
                        </Thead>
                        <Tbody>
                          {history.days
                            .map((day, i) => ({ day, count: history.cell!.counts[i], state: history.cell!.states[i] }))
                            .filter((d) => d.count !== null)
                            .reverse()
                            .map((d) => (
                              <Tr key={d.day}>
                                <Td><Typography>{formatDate(`${d.day}T00:00:00Z`, { timeZone: 'UTC', dateStyle: 'medium' })}</Typography></Td>
                                <Td><Typography>{d.count}</Typography></Td>
                                <Td><Typography>{d.state ? t(CELL_STATES[d.state].id, CELL_STATES[d.state].label) : '—'}</Typography></Td>
                              </Tr>
                            ))}
                        </Tbody>
                      </Table>
                    </Box>
                  </>
                ) : (
                  <Typography textColor="neutral600">{t('history.cellNone', 'No daily snapshot recorded this cell in these days.')}</Typography>
                )}
              </Flex>
            )}

            {performance && (
              <Flex direction="column" alignItems="stretch" gap={2} data-testid="cell-performance">
                <Typography variant="delta" tag="h3">
                  {t('performance.rankTitle', 'How its entries perform')}
                </Typography>
                {ranked && (
                  <Typography variant="pi" textColor="neutral600">
                    {ranked.analytics.imported
                      ? t('performance.rankHint', 'Imported views and conversions, {from} – {to}, most viewed first (rows covering more days prorated by day).', {
                          from: formatDate(`${ranked.range.from}T00:00:00Z`, { timeZone: 'UTC', dateStyle: 'medium' }),
                          to: formatDate(`${ranked.range.to}T00:00:00Z`, { timeZone: 'UTC', dateStyle: 'medium' }),
                        })
                      : t('performance.rankEmpty', 'No analytics imported for this period: every entry shows 0.')}
                  </Typography>
                )}
                {rankFailed && <Typography textColor="danger600">{t('performance.failed', 'The numbers could not be loaded.')}</Typography>}
                {!rankFailed && !rankedCell && <Loader small>{t('loading', 'Loading…')}</Loader>}
                {rankedCell && rankedCell.entries.length === 0 && <Typography textColor="neutral600">{t('contentMap.noEntries', 'No entry is tagged for this cell yet.')}</Typography>}
                {rankedCell && rankedCell.entries.length > 0 && (
                  <Table colCount={5} rowCount={rankedCell.entries.length + 1} aria-label={t('performance.rankTitle', 'How its entries perform')}>
                    <Thead>
                      <Tr>
                        <Th><Typography variant="sigma">{t('performance.rank', 'Rank')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('entry.title', 'Title')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('entry.locale', 'Locale')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('performance.viewsColumn', 'Views')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('performance.conversionsColumn', 'Conversions')}</Typography></Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {rankedCell.entries.map((row) => (
                        <Tr key={`${row.contentType}:${row.documentId}:${row.locale}`} data-testid="ranked-entry">
                          <Td><Typography>{row.rank}</Typography></Td>
                          <Td style={{ whiteSpace: 'normal' }}>
                            <Link to={editLink(types, row)}>
                              <Typography textColor="primary600">{row.title || row.documentId}</Typography>
                            </Link>
                            {!row.published && (
                              <Typography variant="pi" textColor="neutral600">
                                {' '}
                                ({t('status.draft', 'draft')})
                              </Typography>
                            )}
                          </Td>
                          <Td><Typography>{row.locale ?? '—'}</Typography></Td>
                          <Td><Typography>{formatNumber(row.views)}</Typography></Td>
                          <Td><Typography>{formatNumber(row.conversions)}</Typography></Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
                {rankedCell && rankedCell.total > rankedCell.entries.length && (
                  <Typography variant="pi" textColor="neutral600">{t('contentMap.more', 'Showing {shown} of {total}; the audit lists them all.', { shown: rankedCell.entries.length, total: rankedCell.total })}</Typography>
                )}
              </Flex>
            )}

            <Box>
              <Typography variant="delta" tag="h3">{t('contentMap.taggedEntries', 'Tagged entries')}</Typography>
              <Typography variant="pi" textColor="neutral600" tag="p">
                {t('contentMap.taggedHint', 'Every entry tagged for this cell, drafts and stale ones included; only published, fresh entries count.')}
              </Typography>
            </Box>
            {failed && <Typography textColor="danger600">{t('contentMap.entriesFailed', 'The entries could not be loaded.')}</Typography>}
            {!failed && rows === null && <Loader small>{t('loading', 'Loading…')}</Loader>}
            {rows && rows.length === 0 && <Typography textColor="neutral600">{t('contentMap.noEntries', 'No entry is tagged for this cell yet.')}</Typography>}
            {rows && rows.length > 0 && (
              <Table colCount={5} rowCount={rows.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('entry.title', 'Title')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('entry.type', 'Type')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('entry.locale', 'Locale')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('entry.status', 'Status')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('entry.updated', 'Updated')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rows.map((row) => (
                    <Tr key={`${row.contentType}:${row.documentId}:${row.locale}`}>
                      <Td style={{ whiteSpace: 'normal' }}>
                        <Link to={editLink(types, row)}>
                          <Typography textColor="primary600">{row.title || row.documentId}</Typography>
                        </Link>
                      </Td>
                      <Td><Typography>{typeName(row.contentType)}</Typography></Td>
                      <Td><Typography>{row.locale ?? '—'}</Typography></Td>
                      <Td>
                        <Flex gap={1}>
                          {/* The design system's active badge (primary600 on primary200) is 4.25:1; these colours pass AA. */}
                          <Badge {...(row.status === 'published' ? { backgroundColor: 'success100', textColor: 'success700' } : {})}>{t(`status.${row.status}`, row.status)}</Badge>
                          {row.flags.includes('stale') && (
                            <Badge backgroundColor="warning100" textColor="neutral800">
                              {t('flag.stale', 'Stale')}
                            </Badge>
                          )}
                        </Flex>
                      </Td>
                      <Td><Typography>{row.updatedAt ? formatDate(row.updatedAt, { dateStyle: 'medium' }) : '—'}</Typography></Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
            {rows && total > rows.length && (
              <Typography variant="pi" textColor="neutral600">{t('contentMap.more', 'Showing {shown} of {total}; the audit lists them all.', { shown: rows.length, total })}</Typography>
            )}

            {canManage && cell.persona && (
              <Checkbox
                checked={cell.state === 'not-applicable'}
                disabled={saving}
                onCheckedChange={async (checked) => {
                  setSaving(true);
                  try {
                    await onToggleApplicable(cell, checked !== true);
                  } finally {
                    setSaving(false);
                  }
                }}
              >
                {t('contentMap.notApplicable', 'This phase does not apply to this persona (not applicable: never a gap)')}
              </Checkbox>
            )}

            {canTag && cell.state !== 'not-applicable' && collectionTypes.length > 0 && (
              <DraftPanel
                heading={t('contentMap.createDraft', 'Create a draft for this gap')}
                hint={t('contentMap.createDraftHint', 'A new draft, already tagged with {phase} and {persona}, opens in the Content Manager.', { phase: phase.name, persona: persona?.name ?? t('persona.all', 'All personas') })}
                error={draftError}
                name="draft"
                types={collectionTypes}
                locales={locales}
                type={draftType}
                onType={setDraftType}
                locale={draftLocale}
                onLocale={setDraftLocale}
                title={draftTitle}
                onTitle={setDraftTitle}
                onCreate={create}
                creating={creating}
                action={t('contentMap.createDraftAction', 'Create draft')}
              />
            )}
          </Flex>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
};
