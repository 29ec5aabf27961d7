import { Box, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { PanelData } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';

/**
 * The publish check of the entry's type (Settings → Content types), shown while the entry has no stored
 * phase tag in this locale: 'warn' says publishing now leaves it off the map, 'require' that publishing
 * will be refused. Nothing for 'off', or once a tag is saved.
 */
export const PublishCheckNote = ({ data, tagged }: { data: PanelData; tagged: boolean }) => {
  const { formatMessage } = useIntl();
  if (data.publishCheck === 'off' || tagged) return null;
  const locale = data.locale ?? '';
  const text =
    data.publishCheck === 'require'
      ? formatMessage(
          { id: getTranslation('panel.publishCheck.require'), defaultMessage: 'This site requires a journey phase before publishing: publishing is refused until this entry has one{locale, select, none {} other { in {locale}}}. Pick a phase and save the tags first.' },
          { locale: locale || 'none' }
        )
      : formatMessage(
          { id: getTranslation('panel.publishCheck.warn'), defaultMessage: 'This entry has no journey phase{locale, select, none {} other { in {locale}}} yet. Published like this, it will not appear on the journey map: pick a phase and save the tags before you publish.' },
          { locale: locale || 'none' }
        );
  return (
    // warning700 on warning100 is below AA: the note takes neutral text on the warning tint, as the panel's notes do
    <Box background={data.publishCheck === 'require' ? 'danger100' : 'warning100'} padding={3} hasRadius data-testid="publish-check-note" role="status">
      <Typography variant="pi" fontWeight="bold" textColor={data.publishCheck === 'require' ? 'danger700' : 'neutral800'}>
        {text}
      </Typography>
    </Box>
  );
};
