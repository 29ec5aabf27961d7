import { Badge, Box, Button, Checkbox, Field, Flex, Loader, Modal, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, TextInput, Tr, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router-dom';
import { CELL_STATES } from '../../components/cellStates';
import type { SiteLocale, SiteType } from '../../hooks/useSiteOptions';
import type { CoverageCell, CoverageReport } from '../../types';
import { api, errorMessage } from '../../utils/api';
import { getTranslation } from '../../utils/getTranslation';
import { editLink, type AuditRow } from '../Audit/api';

interface Props {
  report: CoverageReport;
  cell: CoverageCell | null;
  filters: { locale?: string; contentType?: string };
  types: SiteType[];
  locales: SiteLocale[];
  canManage: boolean;
  canTag: boolean;
  onClose: () => void;
  /** Marks the cell applicable or not; resolves when saved. */
  onToggleApplicable: (cell: CoverageCell, applicable: boolean) => Promise<void>;
}

/**
 * One cell of the content map: the entries tagged for it (with links into the Content Manager), whether
 * the cell applies to this persona, and "create a draft for this gap".
 */
export const CellDialog = ({ report, cell, filters, types, locales, canManage, canTag, onClose, onToggleApplicable }: Props) => {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const navigate = useNavigate();
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [failed, setFailed] = useState(false);
  const [saving, setSaving] = useState(false);
  const collectionTypes = types.filter((ty) => ty.kind === 'collectionType');
  const [draftType, setDraftType] = useState('');
  const [draftLocale, setDraftLocale] = useState('');
  const [draftTitle, setDraftTitle] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);

  const phase = report.phases.find((p) => p.documentId === cell?.phase);
  const persona = report.personas.find((p) => p.documentId === cell?.persona);

  useEffect(() => {
    if (!cell) return;
    setRows(null);
    setFailed(false);
    setDraftError(null);
    setDraftTitle('');
    setDraftType(filters.contentType ?? collectionTypes[0]?.uid ?? '');
    setDraftLocale(filters.locale ?? locales.find((l) => l.isDefault)?.code ?? '');
    const params = new URLSearchParams({ journey: report.journey.documentId, phase: cell.phase, pageSize: '100', sort: 'updatedAt:desc' });
    if (cell.persona) params.set('persona', cell.persona);
    if (filters.locale) params.set('locale', filters.locale);
    if (filters.contentType) params.set('contentType', filters.contentType);
    get<{ data: AuditRow[]; meta: { pagination: { total: number } } }>(api(`/audit?${params}`)).then(
      ({ data }) => {
        setRows(data.data);
        setTotal(data.meta.pagination.total);
      },
      () => setFailed(true)
    );
    // Reload when another cell opens or the filters change; the option lists are stable by then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cell, report.journey.documentId, filters.locale, filters.contentType, get]);

  if (!cell || !phase) return null;
  const look = CELL_STATES[cell.state];
  const typeName = (uid: string) => types.find((ty) => ty.uid === uid)?.displayName ?? uid;
  const draftTypeInfo = collectionTypes.find((ty) => ty.uid === draftType);

  const createDraft = async () => {
    setSaving(true);
    setDraftError(null);
    try {
      const { data } = await post<{ data: { contentType: string; documentId: string; locale: string | null } }>(api('/drafts'), {
        contentType: draftType,
        ...(draftTypeInfo?.localized && draftLocale ? { locale: draftLocale } : {}),
        phase: cell.phase,
        persona: cell.persona,
        title: draftTitle,
      });
      navigate(editLink(types, data.data));
    } catch (e) {
      setDraftError(errorMessage(e, t('contentMap.draftFailed', 'The draft could not be created')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(o: boolean) => !o && onClose()}>
      <Modal.Content style={{ maxWidth: '96rem', width: '90vw' }}>
        <Modal.Header>
          <Modal.Title>
            {phase.name} × {persona?.name ?? t('persona.all', 'All personas')}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={5}>
            <Flex gap={3} alignItems="center" wrap="wrap">
              <Flex gap={1} alignItems="center" paddingLeft={2} paddingRight={2} paddingTop={1} paddingBottom={1} hasRadius background={look.background}>
                <look.Icon fill={look.text} aria-hidden />
                <Typography fontWeight="bold" textColor={look.text} data-testid="cell-state">
                  {t(look.id, look.label)}
                </Typography>
              </Flex>
              <Typography textColor="neutral700">
                {t('contentMap.cellSummary', '{count, plural, =0 {No entry counts here} one {# entry counts here} other {# entries count here}} (minimum {min}).', { count: cell.count, min: phase.min })}
              </Typography>
            </Flex>

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
                          <Badge active={row.status === 'published'}>{t(`status.${row.status}`, row.status)}</Badge>
                          {row.flags.includes('stale') && (
                            <Badge backgroundColor="warning100" textColor="warning700">
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
              <Box padding={4} background="neutral100" hasRadius>
                <Flex direction="column" alignItems="stretch" gap={3}>
                  <Typography variant="delta" tag="h3">{t('contentMap.createDraft', 'Create a draft for this gap')}</Typography>
                  <Typography variant="pi" textColor="neutral600">
                    {t('contentMap.createDraftHint', 'A new draft, already tagged with {phase} and {persona}, opens in the Content Manager.', { phase: phase.name, persona: persona?.name ?? t('persona.all', 'All personas') })}
                  </Typography>
                  <Flex gap={3} alignItems="flex-end" wrap="wrap">
                    <Field.Root name="draftType" width="20rem">
                      <Field.Label>{t('entry.type', 'Type')}</Field.Label>
                      <SingleSelect value={draftType} onChange={(v: string | number) => setDraftType(String(v))}>
                        {collectionTypes.map((ty) => (
                          <SingleSelectOption key={ty.uid} value={ty.uid}>
                            {ty.displayName}
                          </SingleSelectOption>
                        ))}
                      </SingleSelect>
                    </Field.Root>
                    {draftTypeInfo?.localized && locales.length > 0 && (
                      <Field.Root name="draftLocale" width="14rem">
                        <Field.Label>{t('entry.locale', 'Locale')}</Field.Label>
                        <SingleSelect value={draftLocale} onChange={(v: string | number) => setDraftLocale(String(v))}>
                          {locales.map((l) => (
                            <SingleSelectOption key={l.code} value={l.code}>
                              {l.name}
                            </SingleSelectOption>
                          ))}
                        </SingleSelect>
                      </Field.Root>
                    )}
                    <Field.Root name="draftTitle" style={{ flex: 1, minWidth: '24rem' }}>
                      <Field.Label>{t('entry.title', 'Title')}</Field.Label>
                      <TextInput value={draftTitle} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDraftTitle(e.target.value)} />
                    </Field.Root>
                    <Button startIcon={<Plus />} onClick={createDraft} loading={saving} disabled={!draftTitle.trim() || !draftType}>
                      {t('contentMap.createDraftAction', 'Create draft')}
                    </Button>
                  </Flex>
                  {draftError && (
                    <Typography textColor="danger600" role="alert">
                      {draftError}
                    </Typography>
                  )}
                </Flex>
              </Box>
            )}
          </Flex>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
};
