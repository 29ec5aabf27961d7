import { useSyncExternalStore } from 'react';

/**
 * The tracked content types, loaded once when the admin panel starts (the plugin's initializer waits for
 * them) and replaced when the settings are saved (api/settings), so the list column, the panel and the bulk
 * action know at once whether a type is tracked without a request per view. The list view's column hook
 * runs outside React and reads it synchronously, hence this small store next to RTK Query's. `null` until
 * loaded.
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
};

/** Whether Journey Map tracks a content type (`null` while the set loads). */
export function useTracked(model: string) {
  const set = useSyncExternalStore(trackedTypes.subscribe, trackedTypes.current);
  return set === null ? null : set.has(model);
}
