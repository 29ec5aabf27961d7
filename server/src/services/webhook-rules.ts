import type { CellState } from '../../../shared/contracts/coverage';
import type { KpiStatus } from '../../../shared/contracts/measure';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../shared/contracts/webhooks';

/**
 * The pure rules of the webhook events: which changes between the last known states and the states
 * now are announced. No database, no Strapi: the service hands in both sides (services/webhooks).
 */

/** A cell as the webhook states store it. */
export interface CellMemo {
  state: CellState;
  count: number;
}

export interface Transition<S> {
  key: string;
  event: WebhookEvent;
  from: S;
  to: S;
}

/**
 * Gaps opened and closed: a known cell that was not a gap and is one now opens a gap; a known cell
 * that was a gap and is filled now (thin, ok or excess) closes it. A cell marked not applicable closes
 * nothing (it is no longer counted), and a cell seen for the first time (a new phase or persona) is
 * only remembered. Sorted by key, so that the order of the events is stable.
 */
export function cellTransitions(before: Record<string, CellMemo>, now: Record<string, CellMemo>): Array<Transition<CellState>> {
  const out: Array<Transition<CellState>> = [];
  for (const key of Object.keys(now).sort()) {
    const was = before[key];
    const is = now[key];
    if (!was || was.state === is.state) continue;
    if (is.state === 'gap') out.push({ key, event: WEBHOOK_EVENTS.JOURNEY_MAP_GAP_OPENED, from: was.state, to: is.state });
    else if (was.state === 'gap' && is.state !== 'not-applicable') out.push({ key, event: WEBHOOK_EVENTS.JOURNEY_MAP_GAP_CLOSED, from: was.state, to: is.state });
  }
  return out;
}

/**
 * KPI statuses: a known CTA whose status changed to off track is announced as off track, one whose
 * status changed to on track as on track; at risk and no data are remembered but not announced.
 */
export function kpiTransitions(before: Record<string, KpiStatus>, now: Record<string, KpiStatus>): Array<Transition<KpiStatus>> {
  const out: Array<Transition<KpiStatus>> = [];
  for (const key of Object.keys(now).sort()) {
    const was = before[key];
    const is = now[key];
    if (!was || was === is) continue;
    if (is === 'offTrack') out.push({ key, event: WEBHOOK_EVENTS.JOURNEY_MAP_KPI_OFF_TRACK, from: was, to: is });
    else if (is === 'onTrack') out.push({ key, event: WEBHOOK_EVENTS.JOURNEY_MAP_KPI_ON_TRACK, from: was, to: is });
  }
  return out;
}
