import type { Core, Struct } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';

export interface TrackableType {
  uid: string;
  kind: 'collectionType' | 'singleType';
  displayName: string;
  localized: boolean;
  draftAndPublish: boolean;
  mainField: string;
}

const isLocalized = (ct: Struct.ContentTypeSchema) =>
  Boolean((ct.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);

/** The site's own content types (`api::…`) are trackable; plugin and admin types are not. */
const contentTypesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  trackableUids(): string[] {
    return Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::')).sort();
  },

  isTrackable(uid: string): boolean {
    return uid.startsWith('api::') && Boolean(strapi.contentTypes[uid as keyof typeof strapi.contentTypes]);
  },

  /** The field shown as the entry's title: the Content Manager's main field, else the first string. */
  async mainField(uid: string): Promise<string> {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema;
    try {
      const config = await strapi
        .plugin('content-manager')
        .service('content-types')
        .findConfiguration({ uid });
      const field = config?.settings?.mainField;
      if (field && field !== 'id' && ct.attributes[field]) return field;
    } catch {
      // fall through to the schema-based guess
    }
    const firstString = Object.entries(ct.attributes).find(
      ([, a]) => (a as { type: string }).type === 'string' || (a as { type: string }).type === 'text'
    );
    return firstString ? firstString[0] : 'documentId';
  },

  async describe(uid: string): Promise<TrackableType> {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema;
    return {
      uid,
      kind: ct.kind,
      displayName: ct.info.displayName,
      localized: isLocalized(ct),
      draftAndPublish: Boolean(ct.options?.draftAndPublish),
      mainField: await this.mainField(uid),
    };
  },

  /** Every trackable type with whether it is tracked and how many documents it holds. */
  async list() {
    const tracked = new Set(await strapi.plugin(PLUGIN_ID).service('settings').trackedUids());
    return Promise.all(
      this.trackableUids().map(async (uid) => ({
        ...(await this.describe(uid)),
        tracked: tracked.has(uid),
        entries: await countDocuments(strapi, uid),
      }))
    );
  },
});

/** Distinct documents of a type (all locales, drafts included), counted in the database. */
async function countDocuments(strapi: Core.Strapi, uid: string): Promise<number> {
  const meta = strapi.db.metadata.get(uid);
  const row = await strapi.db
    .connection(meta.tableName)
    .countDistinct({ count: 'document_id' })
    .first();
  return Number((row as { count?: number | string } | undefined)?.count ?? 0);
}

export default contentTypesService;
