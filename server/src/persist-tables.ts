import type { Core } from '@strapi/strapi';

/**
 * Strapi's schema sync drops the tables of content types that disappear — which is what happens to the
 * plugin's tables when the plugin is removed — unless they are listed in the core store's
 * `persisted_tables` (the mechanism Strapi uses for its own audit-log tables). Listing them keeps the
 * journeys and tags in the database, so uninstalling loses nothing and reinstalling brings them back.
 */
export async function persistPluginTables(strapi: Core.Strapi) {
  const tables: string[] = (await strapi.db.dialect.schemaInspector.getTables()).filter((t: string) => t.startsWith('jm_'));
  const stored = ((await strapi.store.get({ type: 'core', key: 'persisted_tables' })) as Array<string | { name: string }> | null) ?? [];
  const names = new Set(stored.map((t) => (typeof t === 'string' ? t : t.name)));
  const missing = tables.filter((t) => !names.has(t));
  if (missing.length === 0) return;
  await strapi.store.set({ type: 'core', key: 'persisted_tables', value: [...stored, ...missing.map((name) => ({ name }))] });
}
