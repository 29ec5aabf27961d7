import { useIntl } from 'react-intl';
import type { JourneySummary } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { SelectField } from './SelectField';

/** The journey a page shows. */
export const JourneyPicker = ({ journeys, value, onChange }: { journeys: JourneySummary[]; value: string | undefined; onChange: (slug: string) => void }) => {
  const { formatMessage } = useIntl();
  return (
    <SelectField
      name="journey"
      width="28rem"
      size="S"
      label={formatMessage({ id: getTranslation('picker.journey'), defaultMessage: 'Journey' })}
      value={value}
      choices={journeys.map((j) => ({ value: j.slug, label: j.name }))}
      onChange={onChange}
    />
  );
};
