import { addDays, daysBetween } from './periods';

/**
 * Imported analytics come in period rows: a UTC day, or an export's whole range when the export had no
 * date per row. A row that spans more than the period asked for counts for the share of its days that
 * fall inside that period (prorated by overlapping days): 300 views over 30 days count 70 in a week
 * that overlaps 7 of them. Pure, so the reports agree on every database.
 */

/** Days from `start` to `end`, both included (0 when `end` is before `start`). */
export const spanDays = (start: string, end: string): number => Math.max(0, daysBetween(start, end) + 1);

/** The share (0…1) of the row's days [rowStart, rowEnd] inside [from, to]. */
export function overlapShare(rowStart: string, rowEnd: string, from: string, to: string): number {
  const span = spanDays(rowStart, rowEnd);
  if (span === 0) return 0;
  const start = rowStart > from ? rowStart : from;
  const end = rowEnd < to ? rowEnd : to;
  return spanDays(start, end) / span;
}

/** A total spread evenly over the days of its row, as (day, share of the total) pairs; `from`/`to` cut it. */
export function spreadOverDays(rowStart: string, rowEnd: string, total: number, from?: string, to?: string): Array<[string, number]> {
  const span = spanDays(rowStart, rowEnd);
  if (span === 0) return [];
  const out: Array<[string, number]> = [];
  const start = from && from > rowStart ? from : rowStart;
  const end = to && to < rowEnd ? to : rowEnd;
  for (let day = start; day <= end; day = addDays(day, 1)) out.push([day, total / span]);
  return out;
}

/** Whether an event's link matches a CTA's link rule: the whole link, or a part of it, ignoring case. */
export function linkMatches(link: string, rule: string | null | undefined, match: 'exact' | 'contains'): boolean {
  if (!rule) return true;
  if (match === 'exact') return link === rule;
  return link.toLowerCase().includes(rule.toLowerCase());
}
