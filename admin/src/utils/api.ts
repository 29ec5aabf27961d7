import { PLUGIN_ID } from '../pluginId';

/** The admin API path of a plugin route: `api('/coverage')` → `/journey-map/coverage`. */
export const api = (path: string) => `/${PLUGIN_ID}${path}`;

/** The server's message for a failed request (it names the field on a 400), else the fallback. */
export const errorMessage = (error: unknown, fallback: string): string =>
  (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message ?? fallback;

/** Offers a Blob to the browser as a downloaded file. */
export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads a file answered by an admin route (the admin JWT goes with the request, as for `useFetchClient`). */
export async function downloadFromApi(get: (url: string, config?: any) => Promise<{ data: any }>, path: string, filename: string) {
  const { data } = await get(api(path), { responseType: 'blob' });
  downloadBlob(data instanceof Blob ? data : new Blob([typeof data === 'string' ? data : JSON.stringify(data, null, 2)]), filename);
}
