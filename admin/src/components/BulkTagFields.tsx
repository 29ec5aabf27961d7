import { Flex, Radio } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { JourneySummary } from '../types';
import { getTranslation } from '../utils/getTranslation';
import { TagPicker, type TagValue } from './TagPicker';

export type BulkMode = 'add' | 'remove';

/** Add or remove, and the phases and personas: the form of every bulk-tagging dialog. */
export const BulkTagFields = ({
  journeys,
  mode,
  onModeChange,
  value,
  onChange,
}: {
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
      <TagPicker journeys={journeys} value={value} onChange={onChange} withCta={false} />
    </Flex>
  );
};
