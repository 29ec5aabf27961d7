import type { AnalyticsSource, ImportMapping, ImportSummary } from '../../../shared/contracts';
import { journeyMapApi, path } from './base';
import type { ServerError } from './errors';

/** What the Import analytics form sends: the file and the multipart fields. */
export interface ImportRequest {
  file: File;
  source: 'auto' | AnalyticsSource;
  periodStart?: string;
  periodEnd?: string;
  mapping?: ImportMapping;
  /** true: the preview route (nothing is written) */
  preview: boolean;
}

type ProgressListener = (fraction: number) => void;
const listeners = new Set<ProgressListener>();

/** Upload progress of the import being sent (0 to 1): the form's progress bar listens here. */
export const onImportUploadProgress = (listener: ProgressListener) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/** The admin's token where Strapi's fetch client keeps it (localStorage, or the cookie when not remembered). */
const adminToken = (): string | null => {
  try {
    const stored = localStorage.getItem('jwtToken');
    if (stored) return JSON.parse(stored) as string;
  } catch {
    /* fall through to the cookie */
  }
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('jwtToken='));
  return cookie ? decodeURIComponent(cookie.slice('jwtToken='.length)) : null;
};

/**
 * Sends the file with XMLHttpRequest, the one browser API that reports upload progress (fetch does not,
 * and Strapi's fetch client is fetch). Answers like a query endpoint: `{ data }` or `{ error }` with the
 * server's error, so `useErrorMessage` reads it as any other.
 */
const send = (request: ImportRequest): Promise<{ data: ImportSummary } | { error: ServerError }> =>
  new Promise((resolve) => {
    const form = new FormData();
    form.append('source', request.source);
    if (request.periodStart && request.periodEnd) {
      form.append('periodStart', request.periodStart);
      form.append('periodEnd', request.periodEnd);
    }
    if (request.mapping) form.append('mapping', JSON.stringify(request.mapping));
    form.append('file', request.file, request.file.name);
    const xhr = new XMLHttpRequest();
    const backend = (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
    xhr.open('POST', `${backend}${path(request.preview ? '/measure/imports/preview' : '/measure/imports')}`);
    const token = adminToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) listeners.forEach((l) => l(e.loaded / e.total));
    };
    xhr.onload = () => {
      listeners.forEach((l) => l(1));
      let body: { data?: ImportSummary; error?: ServerError } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* a non-JSON answer: the generic error below */
      }
      if (xhr.status < 300 && body.data) resolve({ data: body.data });
      else resolve({ error: body.error ?? { status: xhr.status, name: 'UnknownError', message: xhr.statusText } });
    };
    xhr.onerror = () => resolve({ error: { status: 0, name: 'UnknownError', message: 'network error' } });
    xhr.send(form);
  });

const importsApi = journeyMapApi.injectEndpoints({
  endpoints: (build) => ({
    /** Preview (`preview: true`) or import an analytics export; an import makes the measures stale. */
    importAnalytics: build.mutation<ImportSummary, ImportRequest>({
      queryFn: (request) => send(request),
      invalidatesTags: (_result, error, request) => (error || request.preview ? [] : ['JourneyMapMeasure', 'JourneyMapCoverage', 'JourneyMapAudit']),
    }),
  }),
});

export const { useImportAnalyticsMutation } = importsApi;
