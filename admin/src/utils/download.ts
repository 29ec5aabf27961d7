import { getFetchClient } from '@strapi/strapi/admin';
import { path } from '../api/base';

/** Offers a Blob to the browser as a downloaded file. */
export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * Downloads a file answered by a plugin route (CSV, JSON export). Files are not cached data, so they go
 * through Strapi's fetch client directly (with the admin's token), not through RTK Query.
 */
export async function downloadFromApi(route: string, filename: string, query: Record<string, string | undefined> = {}) {
  const { data } = await getFetchClient().get<unknown>(path(route, query), { responseType: 'blob' });
  downloadBlob(data instanceof Blob ? data : new Blob([typeof data === 'string' ? data : JSON.stringify(data, null, 2)]), filename);
}
