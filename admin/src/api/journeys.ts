import type { Journey, JourneySummary, Preset } from '../../../shared/contracts';
import { AFTER_JOURNEY_WRITE, whenSaved, journeyMapApi, path, unwrap } from './base';

/** The parts of a journey model the map edits, by their route. */
export type JourneyPart = 'journeys' | 'phases' | 'personas' | 'ctas';

/** What to do with the tags of a phase or persona being deleted (the server asks with a 409 when it has some). */
export interface DeleteChoice {
  reassignTo?: string;
  removeAssignments?: boolean;
}

/** A new journey joins the list at once, so the page can show it before the list is asked for again. */
async function addToList(_arg: unknown, { dispatch, queryFulfilled }: { dispatch: (action: unknown) => unknown; queryFulfilled: Promise<{ data: Journey }> }) {
  try {
    const { data } = await queryFulfilled;
    dispatch(journeysApi.util.updateQueryData('getJourneys', undefined, (list) => [...list.filter((j) => j.documentId !== data.documentId), data]));
  } catch {
    // the dialog says why
  }
}

const journeysApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    getJourneys: build.query<JourneySummary[], void>({
      query: () => path('/journeys'),
      transformResponse: unwrap<JourneySummary[]>,
      providesTags: ['JourneyMapJourney'],
    }),
    /** The full model of one journey, by slug or documentId. */
    getJourney: build.query<Journey, string>({
      query: (id) => path(`/journeys/${id}`),
      transformResponse: unwrap<Journey>,
      providesTags: ['JourneyMapJourney'],
    }),
    getJourneyPresets: build.query<Preset[], void>({
      query: () => path('/presets'),
      transformResponse: unwrap<Preset[]>,
    }),
    createJourneyFromPreset: build.mutation<Journey, { preset: string; name: string; product?: string }>({
      query: (data) => ({ url: path('/journeys/from-preset'), method: 'POST', data }),
      transformResponse: unwrap<Journey>,
      onQueryStarted: addToList,
      invalidatesTags: whenSaved(AFTER_JOURNEY_WRITE),
    }),
    /** A journey model file exported earlier (the server validates it). */
    importJourney: build.mutation<Journey, unknown>({
      query: (data) => ({ url: path('/journeys/import'), method: 'POST', data }),
      transformResponse: unwrap<Journey>,
      onQueryStarted: addToList,
      invalidatesTags: whenSaved(AFTER_JOURNEY_WRITE),
    }),
    /** Creates (no id) or updates a journey, phase, persona or CTA. */
    saveJourneyPart: build.mutation<unknown, { part: JourneyPart; id?: string; body: Record<string, unknown> }>({
      query: ({ part, id, body }) => (id ? { url: path(`/${part}/${id}`), method: 'PUT', data: body } : { url: path(`/${part}`), method: 'POST', data: body }),
      invalidatesTags: whenSaved(AFTER_JOURNEY_WRITE),
    }),
    deleteJourneyPart: build.mutation<unknown, { part: JourneyPart; id: string; choice?: DeleteChoice }>({
      query: ({ part, id, choice = {} }) => ({
        url: path(`/${part}/${id}`, { reassignTo: choice.reassignTo, removeAssignments: choice.removeAssignments ? 'true' : undefined }),
        method: 'DELETE',
      }),
      invalidatesTags: (_result, error, { part }) => (error || part === 'journeys' ? [] : AFTER_JOURNEY_WRITE),
      /*
       * A deleted journey leaves the list at once, so the page moves to another journey; only then are the
       * views of journeys made stale, or the page would ask again for the deleted journey's map (a 404).
       */
      async onQueryStarted({ part, id }, { dispatch, queryFulfilled }) {
        if (part !== 'journeys') return;
        try {
          await queryFulfilled;
        } catch {
          return;
        }
        dispatch(journeysApi.util.updateQueryData('getJourneys', undefined, (list) => list.filter((j) => j.documentId !== id)));
        setTimeout(() => dispatch(journeysApi.util.invalidateTags(AFTER_JOURNEY_WRITE)), 0);
      },
    }),
    /** Saves a new phase order; the map shows it at once and goes back if the server refuses. */
    reorderPhases: build.mutation<Journey, { journey: Journey; cacheKey: string; phases: string[] }>({
      query: ({ journey, phases }) => ({ url: path(`/journeys/${journey.documentId}/phase-order`), method: 'PUT', data: { phases } }),
      transformResponse: unwrap<Journey>,
      async onQueryStarted({ journey, cacheKey, phases }, { dispatch, queryFulfilled }) {
        const byId = new Map(journey.phases.map((p) => [p.documentId, p]));
        const patch = dispatch(
          journeysApi.util.updateQueryData('getJourney', cacheKey, (draft) => {
            draft.phases = phases.map((id) => byId.get(id)).filter((p): p is Journey['phases'][number] => Boolean(p));
          })
        );
        try {
          await queryFulfilled;
        } catch {
          patch.undo();
        }
      },
      invalidatesTags: whenSaved(AFTER_JOURNEY_WRITE),
    }),
  }),
});

export const {
  useGetJourneysQuery,
  useGetJourneyQuery,
  useGetJourneyPresetsQuery,
  useCreateJourneyFromPresetMutation,
  useImportJourneyMutation,
  useSaveJourneyPartMutation,
  useDeleteJourneyPartMutation,
  useReorderPhasesMutation,
} = journeysApi;
