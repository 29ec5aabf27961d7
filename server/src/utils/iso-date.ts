/**
 * A datetime column as ISO 8601, or null. Drivers answer a Date (PostgreSQL, MySQL), or the epoch
 * milliseconds Strapi stores on SQLite, as a number or a string of digits.
 */
export const toIso = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const date =
    value instanceof Date
      ? value
      : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};
