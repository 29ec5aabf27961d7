import { Box, Button, Field, Flex, Grid, TextInput } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { VersionedSettings } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { NumberSetting, SettingsSection } from './SettingsFields';

export type MeasureSettingsValues = Pick<VersionedSettings, 'rateLimitPerMinute' | 'sessionTtlMinutes' | 'pathConversionThreshold' | 'ingestionKeySet'> & {
  /** write-only: a new key, null to remove it, absent to keep it */
  ingestionKey?: string | null;
};

/** The Measure block of the settings page: rate limit, session link time, path threshold, ingestion key. */
export const MeasureSettings = ({ form, update }: { form: MeasureSettingsValues; update: (patch: Partial<MeasureSettingsValues>) => void }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  return (
    <SettingsSection title={t('settings.measure.title', 'Measure')} hint={t('settings.measure.hint', "How the site's events are received and how paths are judged. See the README for the event snippet.")}>
      <Grid.Root gap={4}>
        <NumberSetting
          name="rateLimitPerMinute"
          label={t('settings.rateLimit', 'Event requests per minute and client')}
          hint={t('settings.rateLimit.hint', 'More requests than this from one client address in a minute get 429.')}
          value={form.rateLimitPerMinute}
          empty={120}
          onChange={(rateLimitPerMinute) => update({ rateLimitPerMinute })}
        />
        <NumberSetting
          name="sessionTtlMinutes"
          label={t('settings.sessionTtl', 'Session link time (minutes)')}
          hint={t('settings.sessionTtl.hint', "A visitor's phases are linked into a path for this long after their last event.")}
          value={form.sessionTtlMinutes}
          empty={30}
          onChange={(sessionTtlMinutes) => update({ sessionTtlMinutes })}
        />
        <NumberSetting
          name="pathConversionThreshold"
          label={t('settings.threshold', 'Path conversion threshold (%)')}
          hint={t('settings.threshold.hint', 'A phase where fewer sessions than this move on to the next phase is a measured gap.')}
          value={form.pathConversionThreshold}
          empty={25}
          onChange={(pathConversionThreshold) => update({ pathConversionThreshold })}
        />
        <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
          <Field.Root
            name="ingestionKey"
            hint={form.ingestionKeySet ? t('settings.ingestionKey.set', 'A key is set. Type a new one to replace it.') : t('settings.ingestionKey.hint', 'Optional. When set, every event request must send it in the X-Journey-Map-Key header.')}
          >
            <Field.Label>{t('settings.ingestionKey', 'Ingestion key')}</Field.Label>
            <Flex gap={2}>
              <Box flex="1">
                <TextInput
                  type="password"
                  autoComplete="new-password"
                  value={form.ingestionKey ?? ''}
                  placeholder={form.ingestionKeySet ? '••••••••••••••••' : ''}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => update({ ingestionKey: e.target.value || undefined })}
                />
              </Box>
              {form.ingestionKeySet && (
                <Button variant="danger-light" onClick={() => update({ ingestionKey: null, ingestionKeySet: false })}>
                  {t('settings.ingestionKey.clear', 'Remove the key')}
                </Button>
              )}
            </Flex>
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
      </Grid.Root>
    </SettingsSection>
  );
};
