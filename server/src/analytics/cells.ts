import { z } from 'zod';
import { storable } from '../../../shared/contracts/common';
import type { Format, Role } from './formats';

/**
 * Per-row validation of an analytics export with zod: each cell the format reads is checked by a plain
 * zod string schema (regexes, no transforms: 100,000 rows cost well under a second), then converted by
 * toRow. An issue names the role; the service turns it into the file's row and column and quotes the cell.
 */

/** A count: a whole or decimal number (rounded), not negative; an empty cell is 0 (tools leave zeros out). */
const COUNT = /^\s*(?:\d{1,12}(?:\.\d+)?)?\s*$/;
/** Seconds: `83.5`, `00:01:23`, `1:23`, `1m 23s`, `1h 2m 3s` (how the tools write durations), or empty. */
const SECONDS = /^\s*(?:\d{1,9}(?:\.\d+)?s?|(?:\d{1,6}:)?\d{1,2}:\d{2}|(?=\d)(?:\d{1,6}h)?\s*(?:\d{1,6}m(?:in)?)?\s*(?:\d{1,9}(?:\.\d+)?s)?)?\s*$/;
/** A day: `20261130` (GA4) or `2026-11-30`, with the month's days (29 February: see isRealDay). */
const DAY = /^\s*\d{4}-?(?:(?:0[13578]|1[02])-?(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-?(?:0[1-9]|[12]\d|30)|02-?(?:0[1-9]|1\d|2\d))\s*$/;

const toDay = (s: string) => {
  const digits = s.trim().replace(/-/g, '');
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
};
/** Whether a cell DAY accepted is a day of the calendar (only 29 February of a common year is not). */
export const isRealDay = (s: string) => {
  const day = toDay(s);
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
};

export const DATE_MESSAGE = 'is not a date (YYYY-MM-DD or YYYYMMDD)';

// Checks without refine or transform: zod runs those ten times slower, and a file may hold 100,000 rows.
const CELL: Record<Role, z.ZodTypeAny> = {
  path: storable(z.string().max(2000, 'is longer than 2000 characters')),
  date: z.string().regex(DAY, DATE_MESSAGE),
  views: z.string().regex(COUNT, 'is not a number'),
  visitors: z.string().regex(COUNT, 'is not a number'),
  engagedSeconds: z.string().regex(SECONDS, 'is not a duration (seconds, 1:23 or 1m 23s)'),
  conversions: z.string().regex(COUNT, 'is not a number'),
  eventName: storable(z.string().max(191, 'is longer than 191 characters')).regex(/\S/, 'is empty'),
  link: storable(z.string().max(2000, 'is longer than 2000 characters')),
  count: z.string().regex(COUNT, 'is not a number'),
};

export interface ParsedRow {
  path?: string;
  date?: string;
  views?: number;
  visitors?: number;
  engagedSeconds?: number;
  conversions?: number;
  eventName?: string;
  link?: string;
  count?: number;
}

/** The zod schema of one row of `format`, over the cells it reads (keyed by role). */
export function rowSchema(format: Format) {
  const shape: Partial<Record<Role, z.ZodTypeAny>> = {};
  for (const role of Object.keys(format.columns) as Role[]) shape[role] = CELL[role];
  return z.object(shape as Record<Role, z.ZodTypeAny>);
}

/** The cells of a record that `format` reads, keyed by role (a missing cell is ''). */
export function cellsOf(format: Format, record: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [role, i] of Object.entries(format.columns)) cells[role] = record[i as number] ?? '';
  if (format.fallbackLink !== undefined && !cells.link?.trim()) cells.link = record[format.fallbackLink] ?? '';
  return cells;
}

const count = (s: string) => (s.trim() ? Math.round(Number(s)) : 0);

/** Seconds from a cell the SECONDS pattern accepted. */
export function seconds(cell: string): number {
  const s = cell.trim();
  if (!s) return 0;
  if (/^\d+(?:\.\d+)?s?$/.test(s)) return Number(s.replace(/s$/, ''));
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(s);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const words = /^(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)s)?$/.exec(s);
  return words ? Number(words[1] ?? 0) * 3600 + Number(words[2] ?? 0) * 60 + Number(words[3] ?? 0) : 0;
}

/** A row's values from its checked cells. */
export function toRow(cells: Record<string, string>): ParsedRow {
  const row: ParsedRow = {};
  if ('path' in cells) row.path = cells.path.trim();
  if ('date' in cells) row.date = toDay(cells.date);
  if ('views' in cells) row.views = count(cells.views);
  if ('visitors' in cells) row.visitors = count(cells.visitors);
  if ('engagedSeconds' in cells) row.engagedSeconds = seconds(cells.engagedSeconds);
  if ('conversions' in cells) row.conversions = count(cells.conversions);
  if ('eventName' in cells) row.eventName = cells.eventName.trim();
  if ('link' in cells) row.link = cells.link.trim();
  if ('count' in cells) row.count = count(cells.count);
  return row;
}
