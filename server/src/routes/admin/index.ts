import { guarded } from './route';

const route = (method: string, path: string, handler: string, action: Parameters<typeof guarded>[0]) => ({
  method,
  path,
  handler,
  config: guarded(action),
});

export default {
  type: 'admin',
  routes: [
    route('GET', '/settings', 'settings.get', 'settings'),
    route('PUT', '/settings', 'settings.update', 'settings'),
    route('GET', '/content-types', 'contentTypes.list', 'read'),
    route('GET', '/tracked-types', 'tracked.list', 'read'),

    route('GET', '/assignments/:uid', 'assignments.list', 'read'),
    route('GET', '/assignments/:uid/:documentId', 'assignments.get', 'read'),
    route('PUT', '/assignments/:uid/:documentId', 'assignments.replace', 'tag'),
    route('POST', '/assignments/bulk', 'assignments.bulk', 'tag'),
    route('GET', '/panel/:uid/:documentId', 'panel.forEntry', 'read'),

    route('GET', '/coverage', 'reports.coverage', 'read'),
    route('POST', '/drafts', 'drafts.create', 'tag'),
    route('GET', '/audit', 'reports.audit', 'read'),

    // compare before :id, so that "compare" is never read as an id
    route('GET', '/snapshots/compare', 'snapshots.compare', 'read'),
    route('GET', '/snapshots', 'snapshots.list', 'read'),
    route('POST', '/snapshots', 'snapshots.take', 'manage'),
    route('GET', '/snapshots/:id', 'snapshots.get', 'read'),
    route('DELETE', '/snapshots/:id', 'snapshots.remove', 'manage'),

    route('GET', '/presets', 'model.listPresets', 'read'),
    route('GET', '/journeys', 'model.listJourneys', 'read'),
    route('POST', '/journeys', 'model.createJourney', 'manage'),
    route('POST', '/journeys/from-preset', 'model.createFromPreset', 'manage'),
    route('POST', '/journeys/import', 'model.importJourney', 'manage'),
    route('GET', '/journeys/:id/export', 'model.exportJourney', 'read'),
    route('GET', '/journeys/:id', 'model.getJourney', 'read'),
    route('PUT', '/journeys/:id', 'model.updateJourney', 'manage'),
    route('DELETE', '/journeys/:id', 'model.deleteJourney', 'manage'),
    route('PUT', '/journeys/:id/phase-order', 'model.reorderPhases', 'manage'),

    route('POST', '/phases', 'model.createPhase', 'manage'),
    route('PUT', '/phases/:id', 'model.updatePhase', 'manage'),
    route('DELETE', '/phases/:id', 'model.deletePhase', 'manage'),

    route('GET', '/personas', 'model.listPersonas', 'read'),
    route('POST', '/personas', 'model.createPersona', 'manage'),
    route('PUT', '/personas/:id', 'model.updatePersona', 'manage'),
    route('DELETE', '/personas/:id', 'model.deletePersona', 'manage'),

    route('GET', '/ctas', 'model.listCtas', 'read'),
    route('POST', '/ctas', 'model.createCta', 'manage'),
    route('PUT', '/ctas/:id', 'model.updateCta', 'manage'),
    route('DELETE', '/ctas/:id', 'model.deleteCta', 'manage'),

    route('GET', '/measure/kpis', 'measure.kpis', 'read'),
    route('GET', '/measure/paths', 'measure.paths', 'read'),
    route('GET', '/measure/gaps', 'measure.gaps', 'read'),
    route('GET', '/measure/kpi-values', 'measure.listKpiValues', 'read'),
    route('PUT', '/measure/kpi-values', 'measure.putKpiValue', 'manage'),
    route('DELETE', '/measure/kpi-values/:id', 'measure.deleteKpiValue', 'manage'),
  ],
};
