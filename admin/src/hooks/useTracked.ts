import { useSyncExternalStore } from 'react';
import { PLUGIN_ID } from '../pluginId';

type Get = <T>(url: string) => Promise<{ data: T }>;

/**
 * The tracked content types, loaded once when the admin panel starts (the plugin's initializer waits for
 * it) and replaced when the Settings page saves, so the list column, the panel and the bulk action know
 * at once whether a type is tracked without a request per view. `null` until loaded.
 */
let tracked: ReadonlySet<string> | null = null;
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
  /** Asks the server; a role that may not read Journey Map gets an empty set (no column, no panel). */
  async load(get: Get) {
    try {
      const { data } = await get<{ data: string[] }>(`/${PLUGIN_ID}/tracked-types`);
      this.set(data.data);
    } catch {
      this.set([]);
    }
  },
};

/** Whether Journey Map tracks a content type (`null` while the set loads). */
export function useTracked(model: string) {
  const set = useSyncExternalStore(trackedTypes.subscribe, trackedTypes.current);
  return set === null ? null : set.has(model);
}
