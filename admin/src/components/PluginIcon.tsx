import { PinMap } from '@strapi/icons';

export const PluginIcon = () => <PinMap />;
