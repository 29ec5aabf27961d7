import { useAPIErrorHandler } from '@strapi/strapi/admin';
import { useCallback } from 'react';

/** An error the plugin's server answered with (Strapi's `{ status, name, message, details }`). */
export interface ServerError {
  status: number;
  name: string;
  message: string;
  details?: Record<string, unknown>;
}

const isServerError = (value: unknown): value is ServerError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ServerError).status === 'number' &&
  typeof (value as ServerError).message === 'string' &&
  (value as ServerError).name !== 'UnknownError';

/**
 * The server's error in what a request failed with: an RTK Query error (the hooks' `error`, or what
 * `.unwrap()` throws) is the server's error itself; a fetch-client error (downloads) carries it in its
 * response. Null when the server sent none (network failure, a non-JSON answer, a thrown exception).
 */
export function serverError(error: unknown): ServerError | null {
  if (isServerError(error)) return error;
  const fromResponse = (error as { response?: { data?: { error?: unknown } } } | null)?.response?.data?.error;
  return isServerError(fromResponse) ? fromResponse : null;
}

/**
 * One way to say what went wrong: Strapi's `useAPIErrorHandler` formats the server's error (a 400 names
 * the field); without one, the fallback says what failed.
 */
export function useErrorMessage() {
  const { formatAPIError } = useAPIErrorHandler();
  return useCallback(
    (error: unknown, fallback: string): string => {
      const server = serverError(error);
      if (!server) return fallback;
      try {
        return formatAPIError({ response: { data: { error: server } } } as Parameters<typeof formatAPIError>[0]) || fallback;
      } catch {
        return fallback;
      }
    },
    [formatAPIError]
  );
}
