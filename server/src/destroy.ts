import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const destroy = ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'suggestions').stop();
};

export default destroy;
