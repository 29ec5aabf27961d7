import { Box, Button, Checkbox, Dialog, EmptyStateLayout, Field, Flex, IconButton, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { ConfirmDialog, useNotification } from '@strapi/strapi/admin';
import { StatusBadge } from '../../components/StatusBadge';
import { useGridTabStop } from '../../hooks/useGridTabStop';
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useErrorMessage } from '../../api/errors';
import { useDeleteSnapshotMutation, useGetSnapshotsQuery, useLazyCompareSnapshotsQuery, useTakeSnapshotMutation } from '../../api/snapshots';
import type { Comparison, ContentTypeInfo, SnapshotItem } from '../../../../shared/contracts';
import { SnapshotCompare } from './SnapshotCompare';
import { useT } from './useT';

interface Props {
  journey: { documentId: string; name: string };
  journeys: Array<{ documentId: string; name: string }>;
  onJourney: (documentId: string) => void;
  types: ContentTypeInfo[];
  canManage: boolean;
}

/** Take a snapshot of the journey (with a note), list the snapshots, pick two and compare them. */
export const Snapshots = ({ journey, journeys, onJourney, types, canManage }: Props) => {
  const t = useT();
  const { formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const gridRef = useGridTabStop();
  const snapshots = useGetSnapshotsQuery({ journey: journey.documentId, pageSize: 100 });
  const list = snapshots.currentData
    ? { status: 'ready' as const, items: snapshots.currentData.data }
    : { status: snapshots.isError ? ('error' as const) : ('loading' as const), items: [] as SnapshotItem[] };
  const [takeSnapshot, { isLoading: taking }] = useTakeSnapshotMutation();
  const [deleteSnapshot] = useDeleteSnapshotMutation();
  const [compareSnapshots, { isFetching: comparing }] = useLazyCompareSnapshotsQuery();
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const compareRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setPicked([]);
    setComparison(null);
  }, [journey.documentId]);

  const take = async () => {
    try {
      await takeSnapshot({ journey: journey.documentId, ...(note.trim() ? { note: note.trim() } : {}) }).unwrap();
      setNote('');
      toggleNotification({ type: 'success', message: t('audit.snapshots.taken', 'Snapshot taken') });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t('audit.snapshots.takeFailed', 'The snapshot could not be taken')) });
    }
  };

  const remove = async (id: string) => {
    try {
      await deleteSnapshot(id).unwrap();
      setPicked((p) => p.filter((x) => x !== id));
      if (comparison && (comparison.from.documentId === id || comparison.to.documentId === id)) setComparison(null);
      toggleNotification({ type: 'success', message: t('audit.snapshots.deleted', 'Snapshot deleted') });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t('audit.snapshots.deleteFailed', 'The snapshot could not be deleted')) });
    }
  };

  const toggle = (id: string, on: boolean) => setPicked((p) => (on ? [...p.filter((x) => x !== id), id].slice(-2) : p.filter((x) => x !== id)));

  const compare = async () => {
    if (list.status !== 'ready' || picked.length !== 2) return;
    // older first, whatever order they were picked in
    const [from, to] = [...picked].sort((a, b) => {
      const at = (id: string) => new Date(list.items.find((s) => s.documentId === id)?.takenAt ?? 0).getTime();
      return at(a) - at(b);
    });
    try {
      setComparison(await compareSnapshots({ from, to }).unwrap());
      requestAnimationFrame(() => compareRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t('audit.snapshots.compareFailed', 'The snapshots could not be compared')) });
    }
  };

  const when = (s: SnapshotItem) => formatDate(s.takenAt, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Box background="neutral0" shadow="filterShadow" hasRadius padding={5}>
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Flex justifyContent="space-between" gap={4}>
            <Typography variant="delta" tag="h2">
              {t('audit.snapshots.title', 'Snapshots of {journey}', { journey: journey.name })}
            </Typography>
            {journeys.length > 1 && (
              <Box minWidth="24rem">
                <SingleSelect aria-label={t('audit.filter.journey', 'Journey')} value={journey.documentId} onChange={(v: string | number) => onJourney(String(v))}>
                  {journeys.map((j) => (
                    <SingleSelectOption key={j.documentId} value={j.documentId}>
                      {j.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
            )}
          </Flex>
          <Typography textColor="neutral600">
            {t('audit.snapshots.intro', 'A snapshot keeps the coverage matrix and the audit counts of this journey as they are now. Compare two to see which gaps closed, which opened, which entries were tagged and which went stale.')}
          </Typography>
          {canManage ? (
            <Flex gap={3} alignItems="flex-end">
              <Box flex="1" maxWidth="56rem">
                <Field.Root name="snapshot-note" hint={t('audit.snapshots.noteHint', 'Optional: what this snapshot marks, e.g. "Before the spring clean-up".')}>
                  <Field.Label>{t('audit.snapshots.note', 'Note')}</Field.Label>
                  <TextInput value={note} maxLength={500} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setNote(e.target.value)} />
                  <Field.Hint />
                </Field.Root>
              </Box>
              <Box paddingBottom={6}>
                <Button startIcon={<Plus />} onClick={take} loading={taking}>
                  {t('audit.snapshots.take', 'Take snapshot')}
                </Button>
              </Box>
            </Flex>
          ) : (
            <Typography variant="pi" textColor="neutral600">
              {t('audit.snapshots.readOnly', 'Your role can read and compare snapshots; taking and deleting them needs the "manage" permission.')}
            </Typography>
          )}
        </Flex>
      </Box>

      <Box background="neutral0" shadow="filterShadow" hasRadius>
        <Flex padding={4} justifyContent="space-between" gap={3}>
          <Typography textColor="neutral600">
            {picked.length === 2
              ? t('audit.snapshots.readyToCompare', 'Two snapshots picked')
              : t('audit.snapshots.pickTwo', 'Pick two snapshots to compare them')}
          </Typography>
          <Button variant="secondary" disabled={picked.length !== 2} loading={comparing} onClick={compare}>
            {t('audit.snapshots.compare', 'Compare')}
          </Button>
        </Flex>
        {list.status === 'loading' ? (
          <Flex justifyContent="center" padding={8}>
            <Loader>{t('audit.snapshots.loading', 'Loading the snapshots…')}</Loader>
          </Flex>
        ) : list.status === 'error' ? (
          <Box padding={6}>
            <Typography textColor="danger600">{t('audit.snapshots.error', 'The snapshots could not be loaded.')}</Typography>
          </Box>
        ) : list.items.length === 0 ? (
          <Box padding={4}>
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={t('audit.snapshots.empty', 'No snapshot of this journey yet. Take one now, and another after your next round of content work.')}
            />
          </Box>
        ) : (
          <Table ref={gridRef} colCount={canManage ? 8 : 7} rowCount={list.items.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma" textColor="neutral600">{t('audit.snapshots.pick', 'Pick')}</Typography></Th>
                <Th><Typography variant="sigma" textColor="neutral600">{t('audit.snapshots.takenAt', 'Taken')}</Typography></Th>
                <Th><Typography variant="sigma" textColor="neutral600">{t('audit.snapshots.kind', 'Kind')}</Typography></Th>
                <Th><Typography variant="sigma" textColor="neutral600">{t('audit.snapshots.note', 'Note')}</Typography></Th>
                <Th><Typography variant="sigma" textColor="neutral600">{t('audit.compare.gapCells', 'Gap cells')}</Typography></Th>
                <Th><Typography variant="sigma" textColor="neutral600">{t('audit.flag.untagged', 'Untagged')}</Typography></Th>
                <Th><Typography variant="sigma" textColor="neutral600">{t('audit.flag.stale', 'Stale')}</Typography></Th>
                {canManage && <Th><Typography variant="sigma" textColor="neutral600">{t('audit.snapshots.actions', 'Actions')}</Typography></Th>}
              </Tr>
            </Thead>
            <Tbody>
              {list.items.map((s) => (
                <Tr key={s.documentId}>
                  <Td>
                    <Checkbox aria-label={t('audit.snapshots.pickOne', 'Pick the snapshot of {when}', { when: when(s) })} checked={picked.includes(s.documentId)} onCheckedChange={(v) => toggle(s.documentId, v === true)} />
                  </Td>
                  <Td><Typography textColor="neutral800">{when(s)}</Typography></Td>
                  <Td>
                    <StatusBadge tone={s.kind === 'daily' ? 'secondary' : 'primary'}>
                      {s.kind === 'daily' ? t('audit.snapshots.daily', 'Daily') : t('audit.snapshots.manual', 'Manual')}
                    </StatusBadge>
                  </Td>
                  <Td style={{ whiteSpace: 'normal', maxWidth: 360 }}><Typography textColor={s.note ? 'neutral800' : 'neutral600'}>{s.note ?? '–'}</Typography></Td>
                  <Td><Typography>{s.summary?.totals?.gap ?? 0}</Typography></Td>
                  <Td><Typography>{s.summary?.counts?.untagged ?? 0}</Typography></Td>
                  <Td><Typography>{s.summary?.counts?.stale ?? 0}</Typography></Td>
                  {canManage && (
                    <Td>
                      <Dialog.Root>
                        <Dialog.Trigger>
                          <IconButton label={t('audit.snapshots.delete', 'Delete snapshot')} variant="ghost">
                            <Trash />
                          </IconButton>
                        </Dialog.Trigger>
                        <ConfirmDialog onConfirm={() => remove(s.documentId)}>
                          {t('audit.snapshots.deleteConfirm', 'Delete the snapshot of {when}? This cannot be undone.', { when: when(s) })}
                        </ConfirmDialog>
                      </Dialog.Root>
                    </Td>
                  )}
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Box>

      <div ref={compareRef}>{comparison && <SnapshotCompare comparison={comparison} types={types} />}</div>
    </Flex>
  );
};
