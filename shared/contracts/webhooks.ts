import type { CellState } from './coverage';
import type { KpiStatus } from './measure';
import type { SnapshotItem } from './snapshots';

/**
 * The plugin's webhook events (Settings → Webhooks; docs/webhooks.md): the key each is registered under
 * in Strapi's webhook store, and the event name a webhook lists and receives.
 */
export const WEBHOOK_EVENTS = {
  JOURNEY_MAP_GAP_OPENED: 'journey-map.gap.opened',
  JOURNEY_MAP_GAP_CLOSED: 'journey-map.gap.closed',
  JOURNEY_MAP_KPI_OFF_TRACK: 'journey-map.kpi.off-track',
  JOURNEY_MAP_KPI_ON_TRACK: 'journey-map.kpi.on-track',
  JOURNEY_MAP_SNAPSHOT_CREATED: 'journey-map.snapshot.created',
} as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];

interface Named {
  documentId: string;
  name: string;
}

/** `journey-map.gap.opened` / `.closed`: a coverage cell became a gap, or a gap was filled. */
export interface GapEventPayload {
  journey: Named & { slug: string };
  phase: Named;
  /** null: the journey has no personas (one cell per phase) */
  persona: Named | null;
  /** the locale whose matrix changed (entries of types without i18n count in every locale) */
  locale: string;
  count: number;
  state: CellState;
  previousState: CellState;
}

/** `journey-map.kpi.off-track` / `.on-track`: a CTA's KPI status changed to off track or on track. */
export interface KpiEventPayload {
  journey: Named & { slug: string };
  phase: Named;
  cta: { documentId: string; label: string };
  status: KpiStatus;
  previousStatus: KpiStatus;
  actual: number | null;
  target: number | null;
  period: { period: string; start: string; end: string };
}

/** `journey-map.snapshot.created`: a manual or daily snapshot was stored. */
export interface SnapshotEventPayload {
  journey: SnapshotItem['journey'];
  snapshot: Pick<SnapshotItem, 'documentId' | 'kind' | 'takenAt' | 'day' | 'note'>;
  summary: SnapshotItem['summary'];
}
