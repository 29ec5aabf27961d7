import type { Core } from '@strapi/strapi';
import { registerDocumentMiddleware } from './lifecycles';
import { registerMigrationChecks } from './migrations/boot';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentMiddleware(strapi);
  registerMigrationChecks(strapi);
};

export default register;
