import { Button, Loader, Modal, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { useTracked } from '../hooks/useTracked';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import type { JourneySummary } from '../types';
import { getTranslation } from '../utils/getTranslation';
import { BulkTagFields, bulkDoneMessage, type BulkMode } from './BulkTagFields';
import type { TagValue } from './TagPicker';

interface BulkProps {
  model: string;
  documents: Array<{ documentId: string }>;
}

/** List-view bulk action: tag or untag the selected entries with phases and personas. */
export const BulkTagAction = ({ model, documents }: BulkProps) => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.tag);
  const tracked = useTracked(model);
  if (isLoading || tracked !== true || !allowedActions.canTag) return null;
  return {
    label: formatMessage({ id: getTranslation('bulk.label'), defaultMessage: 'Tag journey' }),
    dialog: {
      type: 'modal' as const,
      title: formatMessage(
        { id: getTranslation('bulk.title'), defaultMessage: 'Tag {count, plural, one {# entry} other {# entries}} with journey phases' },
        { count: documents.length }
      ),
      content: ({ onClose }: { onClose: () => void }) => <BulkTagForm model={model} documentIds={documents.map((d) => d.documentId)} onClose={onClose} />,
    },
  };
};

const BulkTagForm = ({ model, documentIds, onClose }: { model: string; documentIds: string[]; onClose: () => void }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const [journeys, setJourneys] = useState<JourneySummary[] | null>(null);
  const [value, setValue] = useState<TagValue>({ phases: [], personas: [], cta: null });
  const [mode, setMode] = useState<BulkMode>('add');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    get<{ data: JourneySummary[] }>(`/${PLUGIN_ID}/journeys`).then(({ data }) => setJourneys(data.data), () => setJourneys([]));
  }, [get]);

  const submit = async () => {
    setSaving(true);
    try {
      await post(`/${PLUGIN_ID}/assignments/bulk`, {
        contentType: model,
        documentIds,
        ...(query.plugins?.i18n?.locale ? { locale: query.plugins.i18n.locale } : {}),
        mode,
        phases: value.phases,
        personas: value.personas,
        ...(mode === 'add' ? { cta: value.cta } : {}),
      });
      // The tags changed, not the entries: say so, or editors look for an edit that was never made.
      toggleNotification({ type: 'success', message: bulkDoneMessage(t, mode, documentIds.length) });
      onClose();
      window.dispatchEvent(new Event('journey-map:tags-changed'));
    } catch (error: any) {
      toggleNotification({ type: 'danger', message: error?.response?.data?.error?.message ?? t('bulk.failed', 'The entries could not be tagged') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Modal.Body>
        {journeys === null ? (
          <Loader small>{t('panel.loading', 'Loading the journeys…')}</Loader>
        ) : journeys.length === 0 ? (
          <Typography>{t('panel.noJourneys', 'No journey exists yet. Create one in Journey Map first.')}</Typography>
        ) : (
          <BulkTagFields journeys={journeys} mode={mode} onModeChange={setMode} value={value} onChange={setValue} entries={documentIds.length} />
        )}
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {t('bulk.cancel', 'Cancel')}
        </Button>
        <Button onClick={submit} loading={saving} disabled={value.phases.length === 0}>
          {mode === 'add' ? t('bulk.submitAdd', 'Add tags') : t('bulk.submitRemove', 'Remove tags')}
        </Button>
      </Modal.Footer>
    </>
  );
};
