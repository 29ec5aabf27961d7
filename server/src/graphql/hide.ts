import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';

/**
 * With @strapi/plugin-graphql installed, Strapi generates queries and mutations for every content type,
 * the plugin's own included: any API token could then read entry titles of drafts from the entry-state
 * copy, or delete tags past the plugin's validation and derived data. None of the plugin's types is meant
 * for the site's API, so they are all left out of the schema: the content API appears in GraphQL only as
 * the deliberate queries and mutation of ./schema.ts.
 * Called in the register phase, before the GraphQL plugin builds its schema; without it, nothing happens.
 */
export function hideFromGraphql(strapi: Core.Strapi) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of Object.keys(strapi.contentTypes)) {
    if (uid.startsWith(`plugin::${PLUGIN_ID}.`)) extension.shadowCRUD(uid).disable();
  }
}
