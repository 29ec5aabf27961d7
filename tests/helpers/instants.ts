/**
 * The instants every date-sensitive test runs over: ends and starts of months, quarters and years, a
 * leap day, ISO week 53, a Monday and a Sunday, and both sides of midnight UTC. 2026-11-30 is the day the
 * suite once failed (the last day of a month was read as a finished month).
 */
export const INSTANTS: Array<[label: string, iso: string]> = [
  ['last day of November, noon', '2026-11-30T12:00:00.000Z'],
  ['last day of November, just before midnight', '2026-11-30T23:59:59.999Z'],
  ['first instant of December (a Tuesday)', '2026-12-01T00:00:00.000Z'],
  ['last instant of the month, quarter and year (ISO week 53)', '2026-12-31T23:59:59.999Z'],
  ['first instant of the year (still ISO week 53 of 2026)', '2027-01-01T00:00:00.000Z'],
  ['first day of a quarter', '2026-10-01T09:30:00.000Z'],
  ['last day of a quarter, evening', '2026-09-30T21:00:00.000Z'],
  ['29 February of a leap year', '2028-02-29T12:00:00.000Z'],
  ['Monday just after midnight (start of ISO week 49)', '2026-11-30T00:00:00.001Z'],
  ['Sunday just before midnight (end of ISO week 48)', '2026-11-29T23:59:59.999Z'],
  ['Monday of ISO week 53', '2026-12-28T08:00:00.000Z'],
  ['middle of a month', '2026-11-15T12:00:00.000Z'],
];
