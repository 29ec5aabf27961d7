import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { respond } from './respond';

const contentTypesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  list: respond(() => getService(strapi, 'contentTypes').list()),
});

export default contentTypesController;
