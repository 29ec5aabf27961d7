import { Grid } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { VersionedSettings } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { NumberSetting, SettingsSection } from './SettingsFields';

export type SuggestionSettingsValues = Pick<VersionedSettings, 'suggestionMinTagged' | 'suggestionMinHitRate'>;

/** The tag-suggestion block of the settings page: when suggestions are given at all. */
export const SuggestionSettings = ({ form, update }: { form: SuggestionSettingsValues; update: (patch: Partial<SuggestionSettingsValues>) => void }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  return (
    <SettingsSection
      title={t('settings.suggestions.title', 'Tag suggestions')}
      hint={t('settings.suggestions.hint', "Suggestions come from your own tagged entries and are measured on them: each tagged entry is left out in turn and suggested for from the others.")}
    >
      <Grid.Root gap={4}>
        <NumberSetting
          name="suggestionMinTagged"
          label={t('settings.suggestionMinTagged', 'Minimum tagged entries')}
          hint={t('settings.suggestionMinTagged.hint', 'A journey with fewer tagged entries gets no suggestions.')}
          value={form.suggestionMinTagged}
          empty={20}
          onChange={(suggestionMinTagged) => update({ suggestionMinTagged })}
        />
        <NumberSetting
          name="suggestionMinHitRate"
          label={t('settings.suggestionMinHitRate', 'Minimum hit rate (%)')}
          hint={t('settings.suggestionMinHitRate.hint', 'Below this measured share of right first suggestions, none are given.')}
          value={form.suggestionMinHitRate}
          empty={50}
          onChange={(suggestionMinHitRate) => update({ suggestionMinHitRate })}
        />
      </Grid.Root>
    </SettingsSection>
  );
};
