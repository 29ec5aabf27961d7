import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { action } from './respond';

const contentTypesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  list: action(() => strapi.plugin(PLUGIN_ID).service('contentTypes').list()),
});

export default contentTypesController;
