import { PLUGIN_ID } from './pluginId';
import { Initializer } from './components/Initializer';
import { PinMap } from '@strapi/icons';
import { PluginIcon } from './components/PluginIcon';
import { PERMISSIONS } from './permissions';
import { JourneyPanel } from './components/JourneyPanel';
import { BulkTagAction } from './components/BulkTagAction';
import { addJourneyColumn } from './components/JourneyColumn';

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Journey Map' },
      Component: () => import('./pages/App'),
      permissions: PERMISSIONS.read,
    });
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Journey Map' } },
      {
        id: `${PLUGIN_ID}-settings`,
        to: PLUGIN_ID,
        intlLabel: { id: `${PLUGIN_ID}.settings.link`, defaultMessage: 'Settings' },
        Component: () => import('./pages/SettingsPage'),
        permissions: PERMISSIONS.settings,
      }
    );
    // Strapi's home page: the chosen journey's gaps, KPIs off track and what to write next (read permission only).
    if (app.widgets && typeof app.widgets.register === 'function') {
      app.widgets.register({
        id: 'journey-overview',
        pluginId: PLUGIN_ID,
        icon: PinMap,
        title: { id: `${PLUGIN_ID}.widget.title`, defaultMessage: 'Journey Map' },
        link: { label: { id: `${PLUGIN_ID}.widget.link`, defaultMessage: 'Open the content map' }, href: `/plugins/${PLUGIN_ID}/content-map` },
        component: async () => (await import('./components/HomeWidget/HomeWidget')).HomeWidget,
        permissions: PERMISSIONS.read,
      });
    }
    app.registerPlugin({ id: PLUGIN_ID, initializer: Initializer, isReady: false, name: 'Journey Map' });
  },

  bootstrap(app: any) {
    const apis = app.getPlugin('content-manager')?.apis;
    if (apis && typeof apis.addEditViewSidePanel === 'function') apis.addEditViewSidePanel([JourneyPanel]);
    if (apis && typeof apis.addBulkAction === 'function') apis.addBulkAction((actions: unknown[]) => [...actions, BulkTagAction]);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addJourneyColumn);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixKeys(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

const prefixKeys = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));
