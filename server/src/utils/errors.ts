import { errors } from '@strapi/utils';

/** 409: the request conflicts with existing data (for example deleting a phase that still has tags). */
export class ConflictError extends errors.ApplicationError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
    (this as { name: string }).name = 'ConflictError';
  }
}

// A ForbiddenError thrown by a controller is reduced to a bare 403 by Strapi's authorize middleware;
// a PolicyError (a ForbiddenError too) keeps its message, so refusals can say why.
export const { ValidationError, NotFoundError, PolicyError, UnauthorizedError, RateLimitError, PayloadTooLargeError } = errors;
