import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { settingsUpdateSchema, settingsVersion, type SettingsUpdate } from '../../../shared/contracts/settings';
import { parse } from '../validation/parse';
import { respond } from './respond';

/**
 * The PUT body: the fields to change and, optionally, the `version` they were read at (checked first).
 * `ingestionKeySet` is read-only: a form that sends back what GET returned may include it, it is ignored.
 */
const readUpdate = (body: unknown): { patch: SettingsUpdate; version?: number } => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { patch: parse(settingsUpdateSchema, body, 'body') };
  const { ingestionKeySet: _readOnly, version, ...fields } = body as Record<string, unknown>;
  const expected = 'version' in body ? parse(settingsVersion, version, 'body.version') : undefined;
  return { patch: parse(settingsUpdateSchema, fields, 'body'), version: expected };
};

const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  return {
    get: respond(() => settings().getPublic()),
    update: respond(async (ctx) => {
      const { patch, version } = readUpdate(ctx.request.body);
      await settings().update(patch, version);
      return settings().getPublic();
    }),
  };
};

export default settingsController;
