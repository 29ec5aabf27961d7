import { getFetchClient } from '@strapi/strapi/admin';
import { useSyncExternalStore } from 'react';
import { PLUGIN_ID } from '../pluginId';

/**
 * The tracked content types, loaded once when the admin panel starts (the plugin's initializer waits for
 * it) and replaced when the Settings page saves, so the list column, the panel and the bulk action know
 * at once whether a type is tracked without a request per view. `null` until loaded.
 */
let tracked: ReadonlySet<string> | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

export const trackedTypes = {
  current: () => tracked,
  set(uids: string[]) {
    tracked = new Set(uids);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  /**
   * Asks the server; a role that may not read Journey Map gets an empty set (no column, no panel). One
   * request at a time, not tied to a component (the admin may mount its initializers more than once while
   * it starts, and an unmount must not abort the load).
   */
  load() {
    loading ??= getFetchClient()
      .get<{ data: string[] }>(`/${PLUGIN_ID}/tracked-types`)
      .then(
        ({ data }) => this.set(data.data),
        () => this.set([])
      )
      .finally(() => {
        loading = null;
      });
    return loading;
  },
};

/** Whether Journey Map tracks a content type (`null` while the set loads). */
export function useTracked(model: string) {
  const set = useSyncExternalStore(trackedTypes.subscribe, trackedTypes.current);
  return set === null ? null : set.has(model);
}
