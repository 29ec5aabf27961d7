import { Button, Field, Flex, Grid, IconButton, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { ContentTypeInfo, VersionedSettings } from '../../../shared/contracts';
import { useGetSiteLocalesQuery } from '../api/content-types';
import { getTranslation } from '../utils/getTranslation';
import { SettingsSection } from './SettingsFields';

type UrlPatterns = NonNullable<VersionedSettings['urlPatterns']>;
/** The select's value for "every locale" (a locale code cannot be empty). */
const EVERY = '';

/**
 * Settings → URL patterns: per tracked type, where its entries live on the site (`/blog/{slug}`,
 * `/{locale}/products/{slug}`, `{fullPath:path}`), so imported analytics pages match entries.
 */
export const UrlPatternSettings = ({
  form,
  types,
  update,
}: {
  form: Pick<VersionedSettings, 'urlPatterns' | 'trackedContentTypes'>;
  types: ContentTypeInfo[];
  update: (patch: { urlPatterns: UrlPatterns }) => void;
}) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { data: locales = [] } = useGetSiteLocalesQuery();
  const patterns: UrlPatterns = form.urlPatterns ?? {};
  const tracked = types.filter((type) => form.trackedContentTypes.includes(type.uid));

  const setRows = (uid: string, rows: UrlPatterns[string]) => {
    const next = { ...patterns };
    if (rows.length) next[uid] = rows;
    else delete next[uid];
    update({ urlPatterns: next });
  };

  return (
    <SettingsSection
      title={t('settings.urls.title', 'URL patterns')}
      hint={t(
        'settings.urls.hint',
        'Where each tracked type lives on your site, so that imported analytics pages match its entries, e.g. {examples} (a field that holds the whole path). Placeholders name fields of the type; {locale} is the entry\'s locale.',
        { examples: '/blog/{slug}, /{locale}/products/{slug}, {fullPath:path}', locale: '{locale}' }
      )}
    >
      {tracked.length === 0 ? (
        <Typography>{t('settings.urls.empty', 'Track a content type first.')}</Typography>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={5}>
          {tracked.map((type) => {
            const rows = patterns[type.uid] ?? [];
            return (
              <Flex key={type.uid} direction="column" alignItems="stretch" gap={2} tag="section" aria-label={type.displayName}>
                <Typography variant="omega" fontWeight="bold" tag="h3">
                  {type.displayName}
                </Typography>
                {rows.map((row, i) => (
                  <Grid.Root key={i} gap={2}>
                    {type.localized && (
                      <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                        <Field.Root name={`urlPatterns.${type.uid}.${i}.locale`}>
                          <Field.Label>{t('settings.urls.locale', 'Locale')}</Field.Label>
                          <SingleSelect
                            value={row.locale ?? EVERY}
                            onChange={(v: string | number) => setRows(type.uid, rows.map((r, j) => (j === i ? { ...r, locale: String(v) || null } : r)))}
                          >
                            <SingleSelectOption value={EVERY}>{t('settings.urls.everyLocale', 'Every locale')}</SingleSelectOption>
                            {locales.map((l) => (
                              <SingleSelectOption key={l.code} value={l.code}>
                                {l.name}
                              </SingleSelectOption>
                            ))}
                          </SingleSelect>
                        </Field.Root>
                      </Grid.Item>
                    )}
                    <Grid.Item col={type.localized ? 8 : 11} s={10} direction="column" alignItems="stretch">
                      <Field.Root name={`urlPatterns.${type.uid}.${i}.pattern`}>
                        <Field.Label>{t('settings.urls.pattern', 'Pattern')}</Field.Label>
                        <TextInput
                          value={row.pattern}
                          placeholder="/blog/{slug}"
                          maxLength={300}
                          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setRows(type.uid, rows.map((r, j) => (j === i ? { ...r, pattern: e.target.value } : r)))}
                        />
                      </Field.Root>
                    </Grid.Item>
                    <Grid.Item col={1} s={2} alignItems="flex-end">
                      <IconButton label={t('settings.urls.remove', 'Remove this pattern of {type}', { type: type.displayName })} onClick={() => setRows(type.uid, rows.filter((_, j) => j !== i))}>
                        <Trash />
                      </IconButton>
                    </Grid.Item>
                  </Grid.Root>
                ))}
                <div>
                  <Button variant="tertiary" startIcon={<Plus />} onClick={() => setRows(type.uid, [...rows, { locale: null, pattern: '' }])}>
                    {t('settings.urls.add', 'Add a URL pattern for {type}', { type: type.displayName })}
                  </Button>
                </div>
              </Flex>
            );
          })}
        </Flex>
      )}
    </SettingsSection>
  );
};
