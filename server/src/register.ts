import type { Core } from '@strapi/strapi';
import { hideFromGraphql } from './graphql';
import { registerDocumentMiddleware } from './lifecycles';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentMiddleware(strapi);
  hideFromGraphql(strapi);
};

export default register;
