import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';
import { SelectField } from './SelectField';

const ALL = 'all';

/** The "Locale" filter of the map pages: one of the site's locales, or all of them (null). */
export const LocaleFilter = ({ locales, value, onChange }: { locales: Array<{ code: string; name: string }>; value: string | null; onChange: (locale: string | null) => void }) => {
  const { formatMessage } = useIntl();
  if (!locales.length) return null;
  return (
    <SelectField
      name="locale"
      width="16rem"
      size="S"
      label={formatMessage({ id: getTranslation('entry.locale'), defaultMessage: 'Locale' })}
      value={value ?? ALL}
      choices={[{ value: ALL, label: formatMessage({ id: getTranslation('filter.allLocales'), defaultMessage: 'All locales' }) }, ...locales.map((l) => ({ value: l.code, label: l.name }))]}
      onChange={(v) => onChange(v === ALL ? null : v)}
    />
  );
};
