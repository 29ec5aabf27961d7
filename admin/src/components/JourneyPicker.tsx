import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { JourneySummary } from '../types';
import { getTranslation } from '../utils/getTranslation';

/** The journey a page shows. */
export const JourneyPicker = ({ journeys, value, onChange }: { journeys: JourneySummary[]; value: string | undefined; onChange: (slug: string) => void }) => {
  const { formatMessage } = useIntl();
  return (
    <Field.Root name="journey" width="28rem">
      <Field.Label>{formatMessage({ id: getTranslation('picker.journey'), defaultMessage: 'Journey' })}</Field.Label>
      <SingleSelect value={value} onChange={(v: string | number) => onChange(String(v))} size="S">
        {journeys.map((j) => (
          <SingleSelectOption key={j.documentId} value={j.slug}>
            {j.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
};
