import type { Core } from '@strapi/strapi';
import { hideFromGraphql } from './hide';
import { resolvers, resolversConfig } from './resolvers';
import { siteEntryTypes, typeDefs } from './schema';

/**
 * With @strapi/plugin-graphql installed: the plugin's content types stay out of its schema (hide.ts) and
 * the content API is added as two queries and a mutation (schema.ts), governed by the same
 * Users & Permissions actions and API tokens as the REST routes. Called in the register phase, before the
 * GraphQL plugin builds its schema (in its bootstrap); without the GraphQL plugin nothing happens.
 */
export function registerGraphql(strapi: Core.Strapi) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  hideFromGraphql(strapi);
  graphql.service('extension').use(({ typeRegistry }: { typeRegistry: { has(name: string): boolean } }) => {
    // Evaluated when the schema is built, once every content type's generated type is registered.
    const entryTypes = siteEntryTypes(strapi, typeRegistry);
    return {
      typeDefs: typeDefs([...new Set(entryTypes.values())]),
      resolvers: resolvers(strapi, entryTypes),
      resolversConfig,
    };
  });
}
