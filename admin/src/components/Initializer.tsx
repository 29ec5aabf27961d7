import { useEffect, useRef } from 'react';
import { trackedTypes } from '../hooks/useTracked';
import { PLUGIN_ID } from '../pluginId';

type InitializerProps = { setPlugin: (id: string) => void };

/**
 * Runs after login, before the admin renders its pages: loads the tracked types once, so that the
 * Content Manager's list view knows from its first render whether to add the Journey column.
 */
export const Initializer = ({ setPlugin }: InitializerProps) => {
  const ref = useRef(setPlugin);
  useEffect(() => {
    trackedTypes.load().finally(() => ref.current(PLUGIN_ID));
  }, []);
  return null;
};
