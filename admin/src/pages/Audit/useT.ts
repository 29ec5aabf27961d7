import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../../utils/getTranslation';

/** `t('audit.key', 'English default', values)`: the plugin's translations, keys without the plugin prefix. */
export function useT() {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values),
    [formatMessage]
  );
}
export type T = ReturnType<typeof useT>;
