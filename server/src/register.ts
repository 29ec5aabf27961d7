import type { Core } from '@strapi/strapi';
import { hideFromGraphql } from './graphql';
import { registerDocumentMiddleware } from './lifecycles';
import { registerMigrationChecks } from './migrations/boot';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentMiddleware(strapi);
  hideFromGraphql(strapi);
  registerMigrationChecks(strapi);
};

export default register;
