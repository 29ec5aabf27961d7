import type { Core, Struct } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { ValidationError } from '../utils/errors';
import { pickTitleField, titleFieldChoices } from './title-field';

export interface TrackableType {
  uid: string;
  kind: 'collectionType' | 'singleType';
  displayName: string;
  localized: boolean;
  draftAndPublish: boolean;
  mainField: string;
  /** the text fields Settings may choose as the title */
  titleFieldChoices: string[];
  /** the title field chosen in Settings, or null (then the rule of pickTitleField applies) */
  titleFieldChosen: string | null;
  /** the field the automatic rule picks (what "Automatic" in Settings means for this type) */
  titleFieldAutomatic: string;
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

  /** The attribute that may title this type's entries (Settings offers these). */
  titleFieldChoices(uid: string): string[] {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema;
    return ct ? titleFieldChoices(ct.attributes as any) : [];
  },

  /** The field the Content Manager lists this type by, or null when it cannot be read. */
  async contentManagerMainField(uid: string): Promise<string | null> {
    try {
      const config = await strapi.plugin('content-manager').service('content-types').findConfiguration({ uid });
      return config?.settings?.mainField ?? null;
    } catch {
      return null;
    }
  },

  /**
   * The field shown as the entry's title everywhere (audit, cell dialog, CSV, snapshots, side panel,
   * content API): see pickTitleField for the order of preference.
   */
  async mainField(uid: string): Promise<string> {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema;
    const { titleFields = {} } = await strapi.plugin(PLUGIN_ID).service('settings').get();
    return pickTitleField(ct.attributes as any, {
      chosen: titleFields[uid] ?? null,
      contentManagerMainField: await this.contentManagerMainField(uid),
    });
  },

  /** Throws a 400 naming the key when a title field chosen in Settings is not a text field of its type. */
  assertTitleFields(titleFields: unknown) {
    if (!titleFields || typeof titleFields !== 'object') return;
    for (const [uid, field] of Object.entries(titleFields as Record<string, unknown>)) {
      if (!this.isTrackable(uid)) throw new ValidationError(`body.titleFields.${uid}: not a trackable content type`);
      if (field !== null && !this.titleFieldChoices(uid).includes(field as string)) {
        throw new ValidationError(`body.titleFields.${uid}: "${String(field)}" is not a text field of ${uid} that can title its entries`);
      }
    }
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
      titleFieldChoices: this.titleFieldChoices(uid),
      titleFieldChosen: ((await strapi.plugin(PLUGIN_ID).service('settings').get()).titleFields ?? {})[uid] ?? null,
      titleFieldAutomatic: pickTitleField(ct.attributes as any, { contentManagerMainField: await this.contentManagerMainField(uid) }),
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
