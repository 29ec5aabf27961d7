import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import type services from '../services';

/** Each service's methods, as its factory returns them. */
export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };
export type ServiceName = keyof Services;

/** The plugin's service `name`, typed: replaces `strapi.plugin(PLUGIN_ID).service(name)` (which is `any`). */
export const getService = <Name extends ServiceName>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[Name];
