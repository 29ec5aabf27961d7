import { Box, Button, Field, Flex, Grid, NumberInput, TextInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

export interface MeasureSettingsValues {
  rateLimitPerMinute: number;
  sessionTtlMinutes: number;
  pathConversionThreshold: number;
  /** read-only: whether an ingestion key is set */
  ingestionKeySet: boolean;
  /** write-only: a new key, null to remove it, absent to keep it */
  ingestionKey?: string | null;
}

/** The Measure block of the settings page: rate limit, session link time, path threshold, ingestion key. */
export const MeasureSettings = ({ form, update }: { form: MeasureSettingsValues; update: (patch: Partial<MeasureSettingsValues>) => void }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  return (
    <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {t('settings.measure.title', 'Measure')}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('settings.measure.hint', "How the site's events are received and how paths are judged. See the README for the event snippet.")}
        </Typography>
        <Grid.Root gap={4}>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name="rateLimitPerMinute" hint={t('settings.rateLimit.hint', 'More requests than this from one client address in a minute get 429.')}>
              <Field.Label>{t('settings.rateLimit', 'Event requests per minute and client')}</Field.Label>
              <NumberInput value={form.rateLimitPerMinute} onValueChange={(v) => update({ rateLimitPerMinute: v ?? 120 })} />
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name="sessionTtlMinutes" hint={t('settings.sessionTtl.hint', "A visitor's phases are linked into a path for this long after their last event.")}>
              <Field.Label>{t('settings.sessionTtl', 'Session link time (minutes)')}</Field.Label>
              <NumberInput value={form.sessionTtlMinutes} onValueChange={(v) => update({ sessionTtlMinutes: v ?? 30 })} />
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name="pathConversionThreshold" hint={t('settings.threshold.hint', 'A phase where fewer sessions than this move on to the next phase is a measured gap.')}>
              <Field.Label>{t('settings.threshold', 'Path conversion threshold (%)')}</Field.Label>
              <NumberInput value={form.pathConversionThreshold} onValueChange={(v) => update({ pathConversionThreshold: v ?? 25 })} />
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
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
      </Flex>
    </Box>
  );
};
