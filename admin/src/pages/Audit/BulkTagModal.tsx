import { Button, Modal, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { BulkTagFields, bulkDoneMessage, type BulkMode } from '../../components/BulkTagFields';
import type { TagValue } from '../../components/TagPicker';
import { PLUGIN_ID } from '../../pluginId';
import type { JourneySummary } from '../../types';
import { errorMessage, type AuditRow } from './api';
import { useT } from './useT';

interface Props {
  rows: AuditRow[];
  journeys: JourneySummary[];
  onClose: () => void;
  onDone: () => void;
}

/**
 * Tags (or untags) the selected audit rows. The bulk route takes one content type and one locale at a
 * time, so the rows are sent in groups of (type, locale).
 */
export const BulkTagModal = ({ rows, journeys, onClose, onDone }: Props) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [value, setValue] = useState<TagValue>({ phases: [], personas: [], cta: null });
  const [mode, setMode] = useState<BulkMode>('add');
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    const groups = new Map<string, AuditRow[]>();
    for (const row of rows) {
      const key = `${row.contentType}|${row.locale ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    let done = 0;
    try {
      for (const group of groups.values()) {
        await post(`/${PLUGIN_ID}/assignments/bulk`, {
          contentType: group[0].contentType,
          documentIds: group.map((r) => r.documentId),
          ...(group[0].locale ? { locale: group[0].locale } : {}),
          mode,
          phases: value.phases,
          personas: value.personas,
          ...(mode === 'add' ? { cta: value.cta } : {}),
        });
        done += group.length;
      }
      toggleNotification({ type: 'success', message: bulkDoneMessage(t, mode, done) });
      onDone();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) ?? t('audit.bulk.failed', 'The entries could not be tagged') });
      if (done > 0) onDone();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('audit.bulk.title', 'Tag {count, plural, one {# entry} other {# entries}} with journey phases', { count: rows.length })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {journeys.length === 0 ? (
            <Typography>{t('audit.noJourneys', 'No journey exists yet. Create one on the Journey map page first.')}</Typography>
          ) : (
            <BulkTagFields journeys={journeys} mode={mode} onModeChange={setMode} value={value} onChange={setValue} entries={rows.length} />
          )}
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('audit.cancel', 'Cancel')}
          </Button>
          <Button onClick={submit} loading={saving} disabled={value.phases.length === 0}>
            {mode === 'add' ? t('bulk.submitAdd', 'Add tags') : t('bulk.submitRemove', 'Remove tags')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
