import { Box, Button, Checkbox, EmptyStateLayout, Flex, Link, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { CaretDown, CaretUp, PriceTag, Sparkle } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { StatusBadge } from '../../components/StatusBadge';
import { useGridTabStop } from '../../hooks/useGridTabStop';
import { editLink } from '../../utils/editLink';
import type { AuditRow, ContentTypeInfo, AuditSort } from '../../../../shared/contracts';
import { FLAG_BADGE, flagLabel } from './FlagSummary';
import { useT } from './useT';

/** The line that says what is selected: focus lands there when the bulk-tag dialog closes after a save. */
export const SELECTION_STATUS_ID = 'journey-map-audit-selection';

export const rowKey = (r: Pick<AuditRow, 'contentType' | 'documentId' | 'locale'>) => `${r.contentType}|${r.documentId}|${r.locale ?? ''}`;

interface Props {
  rows: AuditRow[] | null;
  loading: boolean;
  types: ContentTypeInfo[];
  sort: AuditSort;
  onSort: (sort: AuditSort) => void;
  selected: Map<string, AuditRow>;
  onSelect: (rows: AuditRow[], on: boolean) => void;
  canTag: boolean;
  onTag: () => void;
  /** opens the suggested phases of the selected entries (bulk accept) */
  onSuggest?: () => void;
  filtered: boolean;
}

const SORTABLE: Record<string, [AuditSort, AuditSort | null]> = {
  title: ['title:asc', 'title:desc'],
  contentType: ['contentType:asc', null],
  updatedAt: ['updatedAt:desc', 'updatedAt:asc'],
};

/** The audit rows of one page: title linking to the Content Manager, tags, flags as badges, selection for bulk tagging. */
export const AuditTable = ({ rows, loading, types, sort, onSort, selected, onSelect, canTag, onTag, onSuggest, filtered }: Props) => {
  const t = useT();
  const { formatDate } = useIntl();
  const gridRef = useGridTabStop();
  const typeName = (uid: string) => types.find((c) => c.uid === uid)?.displayName ?? uid;
  const list = rows ?? [];
  const allOn = list.length > 0 && list.every((r) => selected.has(rowKey(r)));
  const someOn = list.some((r) => selected.has(rowKey(r)));

  const header = (name: string, label: string) => {
    const pair = SORTABLE[name];
    if (!pair) return <Typography variant="sigma" textColor="neutral600">{label}</Typography>;
    const active = sort === pair[0] || sort === pair[1];
    const next = sort === pair[0] && pair[1] ? pair[1] : pair[0];
    const Icon = active && sort.endsWith(':desc') ? CaretDown : CaretUp;
    return (
      <Box tag="button" type="button" onClick={() => onSort(next)} padding={0} background="transparent" borderStyle="none" cursor="pointer" aria-label={t('audit.table.sortBy', 'Sort by {column}', { column: label })}>
        <Flex gap={1}>
          <Typography variant="sigma" textColor={active ? 'primary600' : 'neutral600'}>{label}</Typography>
          {active && <Icon width="1rem" height="1rem" fill="primary600" aria-hidden />}
        </Flex>
      </Box>
    );
  };

  return (
    <Box background="neutral0" shadow="filterShadow" hasRadius>
      {canTag && (
        <Flex padding={3} paddingLeft={4} gap={3} minHeight="5.2rem" background={someOn ? 'primary100' : 'neutral0'} hasRadius>
          <Typography variant="omega" textColor="neutral600" id={SELECTION_STATUS_ID} tabIndex={-1} aria-live="polite">
            {someOn ? t('audit.table.selected', '{count, plural, one {# entry} other {# entries}} selected', { count: selected.size }) : t('audit.table.selectHint', 'Select entries to tag them in one go')}
          </Typography>
          {someOn && (
            <Button size="S" startIcon={<PriceTag />} onClick={onTag}>
              {t('audit.table.tag', 'Tag')}
            </Button>
          )}
          {someOn && onSuggest && (
            <Button size="S" variant="secondary" startIcon={<Sparkle />} onClick={onSuggest}>
              {t('audit.table.suggest', 'Suggest phases')}
            </Button>
          )}
        </Flex>
      )}
      {rows === null || (loading && list.length === 0) ? (
        <Flex justifyContent="center" padding={10}>
          <Loader>{t('audit.loading', 'Loading the audit…')}</Loader>
        </Flex>
      ) : list.length === 0 ? (
        <Box padding={4}>
          <EmptyStateLayout
            icon={<EmptyDocuments width="16rem" />}
            content={filtered ? t('audit.empty.filtered', 'No entry matches these filters.') : t('audit.empty.none', 'The tracked content types have no entries yet.')}
          />
        </Box>
      ) : (
        <Box style={{ opacity: loading ? 0.6 : 1, transition: 'opacity 120ms' }}>
          <Table ref={gridRef} colCount={canTag ? 7 : 6} rowCount={list.length + 1}>
            <Thead>
              <Tr>
                {canTag && (
                  <Th>
                    <Checkbox aria-label={t('audit.table.selectAll', 'Select all entries on this page')} checked={allOn ? true : someOn ? 'indeterminate' : false} onCheckedChange={(v) => onSelect(list, v === true)} />
                  </Th>
                )}
                <Th>{header('title', t('audit.col.title', 'Title'))}</Th>
                <Th>{header('contentType', t('audit.col.typeLocale', 'Type · locale'))}</Th>
                <Th>{header('updatedAt', t('audit.col.updatedStatus', 'Updated · status'))}</Th>
                <Th>{header('phases', t('audit.col.phases', 'Phases'))}</Th>
                <Th>{header('personas', t('audit.col.personas', 'Personas'))}</Th>
                <Th>{header('flags', t('audit.col.flags', 'Flags'))}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {list.map((row) => {
                const key = rowKey(row);
                const title = row.title || t('audit.untitled', '(untitled)');
                return (
                  <Tr key={key}>
                    {canTag && (
                      <Td>
                        <Checkbox aria-label={t('audit.table.select', 'Select {title}', { title })} checked={selected.has(key)} onCheckedChange={(v) => onSelect([row], v === true)} />
                      </Td>
                    )}
                    <Td style={{ minWidth: 160, maxWidth: 340, whiteSpace: 'normal' }}>
                      <Link tag={RouterLink} to={editLink(types, row)}>
                        {title}
                      </Link>
                    </Td>
                    <Td>
                      <Flex direction="column" alignItems="flex-start">
                        <Typography textColor="neutral800">{typeName(row.contentType)}</Typography>
                        {row.locale && (
                          <Typography variant="pi" textColor="neutral600">
                            {row.locale}
                          </Typography>
                        )}
                      </Flex>
                    </Td>
                    <Td>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Typography textColor="neutral800">{row.updatedAt ? formatDate(row.updatedAt, { year: 'numeric', month: 'short', day: 'numeric' }) : '–'}</Typography>
                        <StatusBadge size="S" tone={row.status === 'published' ? 'success' : 'secondary'}>
                          {row.status === 'published' ? t('audit.status.published', 'Published') : t('audit.status.draft', 'Draft')}
                        </StatusBadge>
                      </Flex>
                    </Td>
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography textColor={row.phases.length ? 'neutral800' : 'neutral600'}>{row.phases.map((p) => p.name).join(', ') || '–'}</Typography>
                    </Td>
                    <Td style={{ whiteSpace: 'normal', maxWidth: 160 }}>
                      <Typography textColor={row.personas.length ? 'neutral800' : 'neutral600'}>
                        {row.personas.map((p) => (p.documentId ? p.name : t('audit.allPersonas', 'All personas'))).join(', ') || '–'}
                      </Typography>
                    </Td>
                    <Td style={{ whiteSpace: 'normal', minWidth: 150 }}>
                      <Flex gap={1} wrap="wrap">
                        {row.flags.length === 0 ? (
                          <>
                            <Typography textColor="neutral600" aria-hidden>–</Typography>
                            <VisuallyHidden>{t('audit.noFlags', 'No flags')}</VisuallyHidden>
                          </>
                        ) : (
                          row.flags.map((f) => (
                            <StatusBadge key={f} tone={FLAG_BADGE[f]} size="S">
                              {flagLabel(t, f)}
                            </StatusBadge>
                          ))
                        )}
                      </Flex>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        </Box>
      )}
    </Box>
  );
};
