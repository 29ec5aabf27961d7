import settings from './settings';
import contentTypes from './content-types';

export default { settings, contentTypes };
