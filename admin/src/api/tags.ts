import type { BulkBody, ListTags, TagsBody } from '../../../shared/contracts';
import { AFTER_TAG_WRITE, whenSaved, journeyMapApi, path, unwrap } from './base';

/** One call of the bulk route: entries of one content type in one locale. */
export type BulkGroup = Omit<BulkBody, 'mode' | 'phases' | 'personas' | 'cta'>;
export type BulkChange = Pick<BulkBody, 'mode' | 'phases' | 'personas'> & { cta?: string | null };

const tagsApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    /** The list column: the tags of the entries on one page of the Content Manager's list view. */
    getEntriesTags: build.query<ListTags, { uid: string; locale?: string; documentIds: string[] }>({
      query: ({ uid, locale, documentIds }) => path(`/assignments/${uid}`, { documentIds: documentIds.join(','), locale }),
      transformResponse: unwrap<ListTags>,
      providesTags: ['JourneyMapTags'],
    }),
    /** The panel: replaces one entry's tags in one locale. */
    replaceEntryTags: build.mutation<unknown, { uid: string; documentId: string; locale?: string; tags: TagsBody }>({
      query: ({ uid, documentId, locale, tags }) => ({ url: path(`/assignments/${uid}/${documentId}`, { locale }), method: 'PUT', data: tags }),
      invalidatesTags: whenSaved(AFTER_TAG_WRITE),
    }),
    /**
     * Bulk tagging: one request per group (the route takes one type and one locale at a time), one
     * invalidation at the end. A failure says how many entries were tagged before it (`done`).
     */
    bulkTagEntries: build.mutation<{ done: number }, { groups: BulkGroup[]; change: BulkChange }>({
      async queryFn({ groups, change }, _api, _extra, baseQuery) {
        let done = 0;
        for (const group of groups) {
          const body = { ...group, mode: change.mode, phases: change.phases, personas: change.personas, ...(change.mode === 'add' ? { cta: change.cta ?? null } : {}) };
          const result = await baseQuery({ url: path('/assignments/bulk'), method: 'POST', data: body });
          if (result.error) return { error: { ...(result.error as object), done } as never };
          done += group.documentIds.length;
        }
        return { data: { done } };
      },
      // A failure after some groups were tagged changed tags too.
      invalidatesTags: (_result, error) => (error && !(error as { done?: number }).done ? [] : AFTER_TAG_WRITE),
    }),
  }),
});

export const { useGetEntriesTagsQuery, useReplaceEntryTagsMutation, useBulkTagEntriesMutation } = tagsApi;
