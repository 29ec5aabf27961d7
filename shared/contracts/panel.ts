import type { PublishCheck } from './content-types';
import type { CellState } from './coverage';
import type { JourneySummary } from './journeys';
import type { EntryTags } from './tags';

/** Why an entry does not count in coverage (null: it counts). */
export type NotCountingReason = 'missing-locale' | 'draft' | 'stale' | null;

/** One cell the entry's tags touch, with and without the entry. */
export interface PanelCell {
  journey: string;
  phase: string;
  persona: string | null;
  /** the other entries that count in the cell (this entry's own tags left out) */
  others: number;
  min: number;
  max: number | null;
  state: CellState;
  /** the state with this entry counted too */
  stateWith: CellState;
}

/** `GET /panel/:uid/:documentId`: what the Journey panel shows for one entry and locale. */
export interface PanelData {
  contentType: string;
  documentId: string;
  /** null for a type without i18n */
  locale: string | null;
  rules: { includeDrafts: boolean; staleAfterDays: number };
  entry: {
    title: string | null;
    exists: boolean;
    published: boolean;
    updatedAt: string | null;
    publishedUpdatedAt: string | null;
    counts: boolean;
    reason: NotCountingReason;
    staleSince: string | null;
    otherLocales: Array<{ locale: string; counts: boolean; reason: NotCountingReason }>;
  };
  tags: EntryTags;
  journeys: JourneySummary[];
  cells: PanelCell[];
  /** what publishing this entry without a phase tag meets (Settings → Content types) */
  publishCheck: PublishCheck;
}
