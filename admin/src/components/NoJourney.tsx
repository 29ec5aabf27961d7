import { EmptyStateLayout, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

/** The empty state of the pages that read a journey (content map, what to write next): where to make one. */
export const NoJourney = () => {
  const { formatMessage } = useIntl();
  return (
    <EmptyStateLayout
      content={formatMessage({ id: getTranslation('contentMap.noJourney'), defaultMessage: 'No journey yet: create one on the journey map first.' })}
      action={
        <Link to={`/plugins/${PLUGIN_ID}`}>
          <Typography textColor="primary600">{formatMessage({ id: getTranslation('nav.journeyMap'), defaultMessage: 'Journey map' })}</Typography>
        </Link>
      }
    />
  );
};
