/**
 * Which attribute titles a site's entries. Pure (schema in, field name out) so that the audit, the cell
 * dialog, CSVs, snapshots, the side panel and the content API all agree, and so it can be unit-tested.
 */

interface Attribute {
  type: string;
  private?: boolean;
}

/** Attribute types whose value reads as a title (the Content Manager allows the same text types). */
const TEXT_TYPES = new Set(['string', 'text', 'uid', 'email']);
/** Short text: what the last fallback picks from (a rich `text` reads badly as a title). */
const SHORT_TEXT_TYPES = new Set(['string', 'uid', 'email']);

/** Strapi's own columns and i18n's `locale`: never a title, although some are strings. */
export const SYSTEM_FIELDS = new Set([
  'id',
  'documentId',
  'locale',
  'localizations',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
]);

/**
 * Names that hold a title on real sites, best first. `slug` comes after the human-readable ones: a FAQ's
 * question or a product's label reads better than its slug.
 */
export const TITLE_NAMES = ['title', 'name', 'heading', 'headline', 'label', 'question', 'subject', 'displayName', 'internalName', 'slug'];

/** What a type's entries are titled with when it has no text field at all. */
export const NO_TITLE_FIELD = 'documentId';

/**
 * The attributes that may title an entry: text, not a system field and not private (a private field is
 * hidden from the site's API, so showing it as a title in the plugin's content API would widen access).
 */
export function titleFieldChoices(attributes: Record<string, Attribute>): string[] {
  return Object.entries(attributes)
    .filter(([name, a]) => TEXT_TYPES.has(a.type) && !SYSTEM_FIELDS.has(name) && !a.private)
    .map(([name]) => name);
}

/** Attribute types a brief (Markdown) can be written into. */
const BRIEF_TYPES = new Set(['text', 'richtext']);

/**
 * The attributes a draft's brief may go into: long text or rich text (Markdown), not a system field.
 * Private fields are allowed: a brief is for the editors, and a private field keeps it off the site's API.
 */
export function briefFieldChoices(attributes: Record<string, Attribute>): string[] {
  return Object.entries(attributes)
    .filter(([name, a]) => BRIEF_TYPES.has(a.type) && !SYSTEM_FIELDS.has(name))
    .map(([name]) => name);
}

/**
 * The title field: the one chosen in Settings, else the Content Manager's main field when it is a text
 * field, else the first of TITLE_NAMES the type has (case-insensitive), else its first short text field,
 * else `documentId`. A choice that no longer fits the schema (field deleted or retyped) is ignored.
 */
export function pickTitleField(
  attributes: Record<string, Attribute>,
  { chosen, contentManagerMainField }: { chosen?: string | null; contentManagerMainField?: string | null } = {}
): string {
  const choices = titleFieldChoices(attributes);
  if (chosen && choices.includes(chosen)) return chosen;
  if (contentManagerMainField && choices.includes(contentManagerMainField)) return contentManagerMainField;
  const byName = new Map(choices.map((name) => [name.toLowerCase(), name]));
  for (const wanted of TITLE_NAMES) {
    const found = byName.get(wanted.toLowerCase());
    if (found) return found;
  }
  return choices.find((name) => SHORT_TEXT_TYPES.has(attributes[name].type)) ?? NO_TITLE_FIELD;
}
