import { getService } from '../utils/get-service';
import type { Core, Struct } from '@strapi/strapi';
import { ValidationError } from '../utils/errors';
import { siteEntriesRepository } from '../repositories/site-entries';
import type { ContentTypeInfo } from '../../../shared/contracts/content-types';
import { briefFieldChoices, pickTitleField, titleFieldChoices } from './title-field';

/** A trackable type as Settings describes it (GET /content-types adds whether it is tracked and its entries). */
export type TrackableType = Omit<ContentTypeInfo, 'tracked' | 'entries'>;

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
    return ct ? titleFieldChoices(ct.attributes) : [];
  },

  /** The long-text fields a draft's brief may be written into (Settings offers these). */
  briefFieldChoices(uid: string): string[] {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema;
    return ct ? briefFieldChoices(ct.attributes) : [];
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
   * content API): see pickTitleField for the order of preference. A caller that has read the settings
   * passes their title fields, so that one decision rests on one read (a save may land between two).
   */
  async mainField(uid: string, titleFields?: Record<string, string | null>): Promise<string> {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema;
    titleFields ??= (await getService(strapi, 'settings').get()).titleFields ?? {};
    return pickTitleField(ct.attributes, {
      chosen: titleFields[uid] ?? null,
      contentManagerMainField: await this.contentManagerMainField(uid),
    });
  },

  /** Throws a 400 naming the key when a title field chosen in Settings is not a text field of its type. */
  assertTitleFields(titleFields: Record<string, string | null> | undefined) {
    for (const [uid, field] of Object.entries(titleFields ?? {})) {
      if (!this.isTrackable(uid)) throw new ValidationError(`body.titleFields.${uid}: not a trackable content type`);
      if (field !== null && !this.titleFieldChoices(uid).includes(field)) {
        throw new ValidationError(`body.titleFields.${uid}: "${field}" is not a text field of ${uid} that can title its entries`);
      }
    }
  },

  /** Throws a 400 naming the key when a publish check is set on a type that cannot have one. */
  assertPublishChecks(publishChecks: Record<string, string> | undefined) {
    for (const uid of Object.keys(publishChecks ?? {})) {
      if (!this.isTrackable(uid)) throw new ValidationError(`body.publishChecks.${uid}: not a trackable content type`);
      const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema;
      if (!ct.options?.draftAndPublish) throw new ValidationError(`body.publishChecks.${uid}: ${uid} has no draft & publish, so there is no publishing to check`);
    }
  },

  /** Throws a 400 naming the key when a brief field chosen in Settings is not a long-text field of its type. */
  assertBriefFields(briefFields: Record<string, string | null> | undefined) {
    for (const [uid, field] of Object.entries(briefFields ?? {})) {
      if (!this.isTrackable(uid)) throw new ValidationError(`body.briefFields.${uid}: not a trackable content type`);
      if (field !== null && !this.briefFieldChoices(uid).includes(field)) {
        throw new ValidationError(`body.briefFields.${uid}: "${field}" is not a text or rich-text field of ${uid}`);
      }
    }
  },

  async describe(uid: string): Promise<TrackableType> {
    const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema;
    const settings = await getService(strapi, 'settings').get();
    const titleFields = settings.titleFields ?? {};
    const publishChecks = settings.publishChecks ?? {};
    return {
      uid,
      kind: ct.kind,
      displayName: ct.info.displayName,
      localized: isLocalized(ct),
      draftAndPublish: Boolean(ct.options?.draftAndPublish),
      mainField: await this.mainField(uid, titleFields),
      titleFieldChoices: this.titleFieldChoices(uid),
      titleFieldChosen: titleFields[uid] ?? null,
      titleFieldAutomatic: pickTitleField(ct.attributes, { contentManagerMainField: await this.contentManagerMainField(uid) }),
      publishCheck: (ct.options?.draftAndPublish && publishChecks[uid]) || 'off',
      briefFieldChoices: this.briefFieldChoices(uid),
      briefFieldChosen: settings.briefFields?.[uid] ?? null,
    };
  },

  /** Every trackable type with whether it is tracked and how many documents it holds. */
  async list(): Promise<ContentTypeInfo[]> {
    const tracked = new Set(await getService(strapi, 'settings').trackedUids());
    return Promise.all(
      this.trackableUids().map(async (uid) => ({
        ...(await this.describe(uid)),
        tracked: tracked.has(uid),
        entries: await siteEntriesRepository(strapi.db).countDocuments(strapi.db.metadata.get(uid).tableName),
      }))
    );
  },
});

export default contentTypesService;
