// Entry point a Strapi app resolves for the plugin's server (see the package.json exports map).
export { default } from './server/src';
