import { z } from 'zod';

/** Strapi documentIds are 24 lowercase alphanumerics; accept what Strapi can generate, nothing else. */
export const documentId = z.string().regex(/^[a-z0-9]{10,64}$/, 'must be a documentId');
export const slug = z.string().min(1).max(120).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (a-z, 0-9, dashes)');
export const contentTypeUid = z.string().max(191).regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, 'must be a content-type UID like api::article.article');
export const locale = z.string().max(32).regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a locale code like en or ja');
export const shortText = (max = 200) => z.string().trim().max(max);
export const longText = z.string().max(10000);
export const stringList = z.array(z.string().trim().min(1).max(200)).max(50);

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
