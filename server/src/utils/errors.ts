import { errors } from '@strapi/utils';

/** 409: the request conflicts with existing data (for example deleting a phase that still has tags). */
export class ConflictError extends errors.ApplicationError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
    (this as { name: string }).name = 'ConflictError';
  }
}

export const { ValidationError, NotFoundError, ForbiddenError } = errors;
