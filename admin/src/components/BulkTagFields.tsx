import { Flex, Radio } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { JourneySummary } from '../types';
import { getTranslation } from '../utils/getTranslation';
import { TagPicker, type TagValue } from './TagPicker';

export type BulkMode = 'add' | 'remove';

/** Add or remove, the phases and personas, and (when adding) the CTA: the form of every bulk-tagging dialog. */
export const BulkTagFields = ({
  journeys,
  mode,
  onModeChange,
  value,
  onChange,
  entries,
}: {
  entries: number;
  journeys: JourneySummary[];
  mode: BulkMode;
  onModeChange: (mode: BulkMode) => void;
  value: TagValue;
  onChange: (value: TagValue) => void;
}) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Radio.Group value={mode} onValueChange={(v: string) => onModeChange(v as BulkMode)} aria-label={t('bulk.mode', 'What to do')}>
        <Radio.Item value="add">{t('bulk.add', 'Add these tags')}</Radio.Item>
        <Radio.Item value="remove">{t('bulk.remove', 'Remove these tags')}</Radio.Item>
      </Radio.Group>
      {/* A CTA is set with the tags it comes with; removing tags leaves the entries' CTA alone. */}
      <TagPicker journeys={journeys} value={value} onChange={onChange} withCta={mode === 'add'} entries={entries} />
    </Flex>
  );
};

/** The toast after bulk tagging: the entries' tags changed, the entries themselves did not. */
export const bulkDoneMessage = (t: (id: string, m: string, v?: Record<string, string | number>) => string, mode: BulkMode, count: number) =>
  mode === 'add'
    ? t('bulk.doneAdd', 'Journey tags added to {count, plural, one {# entry} other {# entries}}', { count })
    : t('bulk.doneRemove', 'Journey tags removed from {count, plural, one {# entry} other {# entries}}', { count });
