import { Button, Flex, Loader, Modal, Radio, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { JourneySummary } from '../../../shared/contracts';
import { useErrorMessage } from '../api/errors';
import { useBulkTagEntriesMutation, type BulkGroup } from '../api/tags';
import { getTranslation } from '../utils/getTranslation';
import { TagPicker, type TagValue } from './TagPicker';

type BulkMode = 'add' | 'remove';

interface Props {
  /** the journeys to pick from (null while they load) */
  journeys: JourneySummary[] | null;
  /** the entries, by content type and locale (the bulk route takes one of each at a time) */
  groups: BulkGroup[];
  /** what to say when no journey exists yet (where to create one depends on the page) */
  noJourneys: string;
  onClose: () => void;
  /** after a save that changed tags, even partly */
  onDone: () => void;
}

/**
 * The body and footer of every bulk-tagging dialog (the Content Manager's bulk action, the audit's): add
 * or remove phases and personas, and (when adding) a CTA. The save refreshes the list column, the audit,
 * the panel and the maps through RTK Query's cache tags.
 */
export const BulkTagForm = ({ journeys, groups, noJourneys, onClose, onDone }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const [bulkTag, { isLoading: saving }] = useBulkTagEntriesMutation();
  const [value, setValue] = useState<TagValue>({ phases: [], personas: [], cta: null });
  const [mode, setMode] = useState<BulkMode>('add');
  const entries = groups.reduce((n, g) => n + g.documentIds.length, 0);

  const submit = async () => {
    try {
      const { done } = await bulkTag({ groups, change: { mode, phases: value.phases, personas: value.personas, cta: value.cta } }).unwrap();
      // The tags changed, not the entries: say so, or editors look for an edit that was never made.
      toggleNotification({
        type: 'success',
        message:
          mode === 'add'
            ? t('bulk.doneAdd', 'Journey tags added to {count, plural, one {# entry} other {# entries}}', { count: done })
            : t('bulk.doneRemove', 'Journey tags removed from {count, plural, one {# entry} other {# entries}}', { count: done }),
      });
      onDone();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t('bulk.failed', 'The entries could not be tagged')) });
      if ((error as { done?: number }).done) onDone();
    }
  };

  return (
    <>
      <Modal.Body>
        {journeys === null ? (
          <Loader small>{t('panel.loading', 'Loading the journeys…')}</Loader>
        ) : journeys.length === 0 ? (
          <Typography>{noJourneys}</Typography>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Radio.Group value={mode} onValueChange={(v: string) => setMode(v as BulkMode)} aria-label={t('bulk.mode', 'What to do')}>
              <Radio.Item value="add">{t('bulk.add', 'Add these tags')}</Radio.Item>
              <Radio.Item value="remove">{t('bulk.remove', 'Remove these tags')}</Radio.Item>
            </Radio.Group>
            {/* A CTA is set with the tags it comes with; removing tags leaves the entries' CTA alone. */}
            <TagPicker journeys={journeys} value={value} onChange={setValue} withCta={mode === 'add'} entries={entries} />
          </Flex>
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
