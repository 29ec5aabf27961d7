import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { registerDocumentMiddleware } from './lifecycles';
import { registerMigrationChecks } from './migrations/boot';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentMiddleware(strapi);
  registerGraphql(strapi);
  registerMigrationChecks(strapi);
};

export default register;
