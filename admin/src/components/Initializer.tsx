import { useEffect, useRef } from 'react';
import { useRBAC } from '@strapi/strapi/admin';
import { useGetTrackedTypesQuery } from '../api/settings';
import { trackedTypes } from '../hooks/useTracked';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';

type InitializerProps = { setPlugin: (id: string) => void };

/**
 * Runs after login, before the admin renders its pages: loads the tracked types once, so that the
 * Content Manager's list view knows from its first render whether to add the Journey column. A role that
 * may not read Journey Map does not ask (the route would refuse it) and gets an empty set: no column, no
 * panel. The admin may mount its initializers more than once while it starts: RTK Query sends one request
 * for all of them, and an unmount does not abort it.
 */
export const Initializer = ({ setPlugin }: InitializerProps) => {
  const ref = useRef(setPlugin);
  const { allowedActions, isLoading: rbacLoading } = useRBAC(PERMISSIONS.read);
  const canRead = !rbacLoading && allowedActions.canRead;
  const { data, isError } = useGetTrackedTypesQuery(undefined, { skip: !canRead });
  const settled = !rbacLoading && (!canRead || data !== undefined || isError);
  useEffect(() => {
    if (!settled) return;
    trackedTypes.set(canRead ? (data ?? []) : []);
    ref.current(PLUGIN_ID);
  }, [settled, canRead, data]);
  return null;
};
