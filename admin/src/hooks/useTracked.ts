import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { PLUGIN_ID } from '../pluginId';
import type { ListTags } from '../types';

/** Whether Journey Map tracks a content type (asked of the server, so a settings change shows at once). */
export function useTracked(model: string) {
  const { get } = useFetchClient();
  const [tracked, setTracked] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    get<{ data: ListTags }>(`/${PLUGIN_ID}/assignments/${model}`)
      .then(({ data }) => live && setTracked(data.data.tracked))
      .catch(() => live && setTracked(false));
    return () => {
      live = false;
    };
  }, [get, model]);
  return tracked;
}
