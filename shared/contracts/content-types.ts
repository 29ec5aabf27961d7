import type { PUBLISH_CHECKS } from '../constants';

/** `GET /content-types`: the site's types, whether each is tracked, and its entries. */
export interface ContentTypeInfo {
  uid: string;
  kind: 'collectionType' | 'singleType';
  displayName: string;
  localized: boolean;
  tracked: boolean;
  entries: number;
  draftAndPublish: boolean;
  /** the field that titles the entries now */
  mainField: string;
  /** the text fields Settings may choose as the title */
  titleFieldChoices: string[];
  /** the title field chosen in Settings, or null (the automatic choice) */
  titleFieldChosen: string | null;
  /** the field the automatic choice picks */
  titleFieldAutomatic: string;
  /** what publishing an entry without a phase tag meets (always 'off' for a type without draft & publish) */
  publishCheck: PublishCheck;
  /** the text and rich-text fields Settings may choose to receive a draft's brief */
  briefFieldChoices: string[];
  /** the brief field chosen in Settings, or null (none: the brief is kept as the entry's note) */
  briefFieldChosen: string | null;
}

export type PublishCheck = (typeof PUBLISH_CHECKS)[number];
