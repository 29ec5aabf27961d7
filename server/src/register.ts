import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { registerDocumentMiddleware } from './lifecycles';
import { registerMigrationChecks } from './migrations/boot';
import { watchTransfers } from './transfer-watch';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentMiddleware(strapi);
  registerGraphql(strapi);
  registerMigrationChecks(strapi);
  // `strapi transfer` into this running site: rebuild the derived tables once the push ends.
  watchTransfers(strapi);
};

export default register;
