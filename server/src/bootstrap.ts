import type { Core } from '@strapi/strapi';
import { subscribeDeleteLifecycles } from './lifecycles';
import { actionDefinitions } from './permissions';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(actionDefinitions);
  subscribeDeleteLifecycles(strapi);
};

export default bootstrap;
