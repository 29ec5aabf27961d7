import type { CreatedDraft } from '../../../shared/contracts';
import { AFTER_TAG_WRITE, whenSaved, journeyMapApi, path, unwrap } from './base';

const draftsApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    /** "Create a draft for this gap": a new entry, already tagged for the cell (with `brief`, carrying the cell's brief). */
    createGapDraft: build.mutation<CreatedDraft, { contentType: string; locale?: string; phase: string; persona: string | null; title: string; brief?: boolean }>({
      query: (data) => ({ url: path('/drafts'), method: 'POST', data }),
      transformResponse: unwrap<CreatedDraft>,
      invalidatesTags: whenSaved(AFTER_TAG_WRITE),
    }),
  }),
});

export const { useCreateGapDraftMutation } = draftsApi;
