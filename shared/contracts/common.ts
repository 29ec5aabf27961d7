import { z } from 'zod';

/** Strapi documentIds are 24 lowercase alphanumerics; accept what Strapi can generate, nothing else. */
export const documentId = z.string().regex(/^[a-z0-9]{10,64}$/, 'must be a documentId');
export const slug = z.string().min(1).max(120).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (a-z, 0-9, dashes)');
export const contentTypeUid = z.string().max(191).regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, 'must be a content-type UID like api::article.article');
export const locale = z.string().max(32).regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a locale code like en or ja');

/*
 * Text every database can store. PostgreSQL refuses a NUL character in text and JSON columns (a 500
 * before this check); a lone UTF-16 surrogate has no UTF-8 form, so drivers silently store U+FFFD
 * instead. Both are checked with regexes that scan once (no nested quantifiers), so zod strings keep
 * their `.min()`/`.max()` and a 100 kB value costs one linear pass.
 */
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const NO_NUL = /^[^\u0000]*$/;
const NO_LONE_SURROGATE = /^(?![\s\S]*?(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]))/;
export const NUL_MESSAGE = 'must not contain NUL characters (\\u0000)';
export const SURROGATE_MESSAGE = 'must be valid Unicode text (no lone UTF-16 surrogates)';

/** Whether a string can be stored as it is (used by the checks below and by tests). */
export const isStorableText = (value: string) => NO_NUL.test(value) && NO_LONE_SURROGATE.test(value);

/** Adds the storable-text checks to a string schema; every free-text input goes through this. */
export const storable = (schema: z.ZodString) => schema.regex(NO_NUL, NUL_MESSAGE).regex(NO_LONE_SURROGATE, SURROGATE_MESSAGE);

/** Free text of at most `max` characters. */
export const text = (max: number) => storable(z.string().max(max));
export const shortText = (max = 200) => storable(z.string().trim().max(max));
export const longText = text(10000);
export const stringList = z.array(storable(z.string().trim().min(1).max(200))).max(50);

/*
 * Numbers bounded by the columns that hold them. Strapi maps `integer` to a 32-bit integer column and
 * `decimal` to decimal(10,2) on every database; PostgreSQL and MySQL refuse values beyond that
 * ("numeric field overflow", "out of range") where SQLite stores anything.
 */
export const INTEGER_COLUMN = { min: -2147483648, max: 2147483647 } as const;
export const DECIMAL_COLUMN = { min: -99999999.99, max: 99999999.99 } as const;

const between = (min: number, max: number) => `must be between ${min} and ${max}`;

/** A whole number from `min` to `max` (inside a 32-bit integer column). */
export const boundedInt = (min: number, max: number) => {
  if (min < INTEGER_COLUMN.min || max > INTEGER_COLUMN.max) throw new Error(`boundedInt(${min}, ${max}) exceeds an integer column`);
  return z.number().int('must be a whole number').min(min, between(min, max)).max(max, between(min, max));
};

/** A number a decimal(10,2) column can hold (two decimals are kept; the column rounds the rest). */
export const decimal = () =>
  z
    .number()
    .finite()
    .min(DECIMAL_COLUMN.min, between(DECIMAL_COLUMN.min, DECIMAL_COLUMN.max))
    .max(DECIMAL_COLUMN.max, between(DECIMAL_COLUMN.min, DECIMAL_COLUMN.max));

/** Query-string booleans: `true`/`false`/`1`/`0`. */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** Query-string positive integers. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** A journey named by its documentId or its slug. */
export const journeyRef = z.union([documentId, slug]);

/** A UTC calendar day, YYYY-MM-DD, that exists. */
export const utcDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'must be a real date');
