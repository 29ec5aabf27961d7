import type { Dialect } from './locks';

/**
 * SQL of the dialect for the year, month and day bucket of a date expression ('YYYY', 'YYYY-MM',
 * 'YYYY-MM-DD'), and a day's start and the next day's start. The maintained counts (cell-counts,
 * state-counts) bucket stored dates with these, and their reads bucket the bound cutoff with the same
 * functions, so that a bucket and a `<` / `>=` comparison of the date agree whatever the time zone the
 * driver writes dates in.
 */
export const bucketSql = (dialect: Dialect) => {
  if (dialect === 'postgres') {
    return {
      year: (x: string) => `to_char(${x}, 'YYYY')`,
      month: (x: string) => `to_char(${x}, 'YYYY-MM')`,
      day: (x: string) => `to_char(${x}, 'YYYY-MM-DD')`,
      /** the last month key of x's year ('YYYY-12') */
      yearEnd: (x: string) => `to_char(${x}, 'YYYY-"12"')`,
      /** the last possible day key of x's month ('YYYY-MM-31') */
      monthEnd: (x: string) => `to_char(${x}, 'YYYY-MM-"31"')`,
      param: 'cast(? as timestamp)',
      dayStart: (x: string) => `date_trunc('day', ${x})`,
      nextDay: (x: string) => `(date_trunc('day', ${x}) + interval '1 day')`,
    };
  }
  if (dialect === 'mysql') {
    return {
      year: (x: string) => `date_format(${x}, '%Y')`,
      month: (x: string) => `date_format(${x}, '%Y-%m')`,
      day: (x: string) => `date_format(${x}, '%Y-%m-%d')`,
      yearEnd: (x: string) => `date_format(${x}, '%Y-12')`,
      monthEnd: (x: string) => `date_format(${x}, '%Y-%m-31')`,
      param: 'cast(? as datetime(6))',
      dayStart: (x: string) => `cast(${x} as date)`,
      nextDay: (x: string) => `(cast(${x} as date) + interval 1 day)`,
    };
  }
  // SQLite: Strapi stores datetimes as epoch milliseconds (UTC).
  return {
    year: (x: string) => `strftime('%Y', ${x} / 1000, 'unixepoch')`,
    month: (x: string) => `strftime('%Y-%m', ${x} / 1000, 'unixepoch')`,
    day: (x: string) => `strftime('%Y-%m-%d', ${x} / 1000, 'unixepoch')`,
    yearEnd: (x: string) => `strftime('%Y-12', ${x} / 1000, 'unixepoch')`,
    monthEnd: (x: string) => `strftime('%Y-%m-31', ${x} / 1000, 'unixepoch')`,
    param: 'cast(? as integer)',
    dayStart: (x: string) => `((${x} / 86400000) * 86400000)`,
    nextDay: (x: string) => `((${x} / 86400000 + 1) * 86400000)`,
  };
};
