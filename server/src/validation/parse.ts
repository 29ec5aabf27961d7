import type { z } from 'zod';
import { ValidationError } from '../utils/errors';

/** One refused field: where it is (`body.maxPerCell`) and why. */
export interface Issue {
  path: string;
  message: string;
}

/** Strapi's ValidationError (a 400) naming each refused field, the way every refusal of a request reads. */
export function invalid(issues: Issue[]) {
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ValidationError(message, { errors: issues });
}

/**
 * Parses `input` with a zod schema. On failure throws Strapi's ValidationError (a 400) whose message
 * names the offending field(s), e.g. `query.pageSize: Number must be less than or equal to 100`.
 */
export function parse<S extends z.ZodTypeAny>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(result.error.issues.map((issue) => ({ path: [where, ...issue.path].join('.'), message: issue.message })));
}
