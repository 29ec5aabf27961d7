import type { ContentTypeInfo } from '../../../shared/contracts';

/** The Content Manager's edit view of an entry, in its locale. */
export function editLink(types: Array<Pick<ContentTypeInfo, 'uid' | 'kind'>>, entry: { contentType: string; documentId: string; locale: string | null }) {
  const kind = types.find((t) => t.uid === entry.contentType)?.kind ?? 'collectionType';
  const base =
    kind === 'singleType'
      ? `/content-manager/single-types/${entry.contentType}`
      : `/content-manager/collection-types/${entry.contentType}/${entry.documentId}`;
  return entry.locale ? `${base}?plugins[i18n][locale]=${encodeURIComponent(entry.locale)}` : base;
}
