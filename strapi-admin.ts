// Entry point a Strapi app resolves for the plugin's admin panel (see the package.json exports map).
export { default } from './admin/src';
