import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import { action } from './respond';

const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const service = () => plugin().service('settings');
  return {
    get: action(() => service().getPublic()),
    update: action(async (ctx) => {
      const body = ctx.request.body as Record<string, unknown> | undefined;
      plugin().service('contentTypes').assertTitleFields(body?.titleFields);
      const before: Record<string, string | null> = (await service().get()).titleFields ?? {};
      const after: Record<string, string | null> = (await service().update(body)).titleFields ?? {};
      // The entry states hold a copy of each title: a type whose title field changed is copied again.
      const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((uid) => (before[uid] ?? null) !== (after[uid] ?? null));
      for (const uid of changed) {
        if (plugin().service('contentTypes').isTrackable(uid)) await plugin().service('entryStates').retitle(uid);
      }
      return service().getPublic();
    }),
  };
};

export default settingsController;
