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

    route('GET', '/assignments/:uid', 'tags.list', 'read'),
    route('GET', '/assignments/:uid/:documentId', 'tags.get', 'read'),
    route('PUT', '/assignments/:uid/:documentId', 'tags.replace', 'tag'),
    route('POST', '/assignments/bulk', 'tags.bulk', 'tag'),
    route('GET', '/panel/:uid/:documentId', 'panel.forEntry', 'read'),
    route('GET', '/suggestions/quality', 'suggestions.quality', 'read'),
    route('GET', '/suggestions', 'suggestions.forEntry', 'read'),

    route('GET', '/coverage', 'coverage.matrix', 'read'),
    route('GET', '/coverage/history', 'coverage.history', 'read'),
    route('GET', '/coverage/changes', 'coverage.changes', 'read'),
    route('GET', '/coverage/performance', 'coverage.performance', 'read'),
    route('POST', '/drafts', 'drafts.create', 'tag'),
    route('GET', '/next-content', 'nextContent.list', 'read'),
    route('GET', '/next-content/brief', 'nextContent.brief', 'read'),
    route('GET', '/audit', 'audit.list', 'read'),

    // compare before :id, so that "compare" is never read as an id
    route('GET', '/snapshots/compare', 'snapshots.compare', 'read'),
    route('GET', '/snapshots', 'snapshots.list', 'read'),
    route('POST', '/snapshots', 'snapshots.take', 'manage'),
    route('GET', '/snapshots/:id', 'snapshots.get', 'read'),
    route('DELETE', '/snapshots/:id', 'snapshots.remove', 'manage'),

    route('GET', '/presets', 'journeys.listPresets', 'read'),
    route('GET', '/journeys', 'journeys.listJourneys', 'read'),
    route('POST', '/journeys', 'journeys.createJourney', 'manage'),
    route('POST', '/journeys/from-preset', 'journeys.createFromPreset', 'manage'),
    route('POST', '/journeys/import', 'journeys.importJourney', 'manage'),
    route('GET', '/journeys/:id/export', 'journeys.exportJourney', 'read'),
    route('GET', '/journeys/:id', 'journeys.getJourney', 'read'),
    route('PUT', '/journeys/:id', 'journeys.updateJourney', 'manage'),
    route('DELETE', '/journeys/:id', 'journeys.deleteJourney', 'manage'),
    route('PUT', '/journeys/:id/phase-order', 'journeys.reorderPhases', 'manage'),

    route('POST', '/phases', 'journeys.createPhase', 'manage'),
    route('PUT', '/phases/:id', 'journeys.updatePhase', 'manage'),
    route('DELETE', '/phases/:id', 'journeys.deletePhase', 'manage'),

    route('GET', '/personas', 'journeys.listPersonas', 'read'),
    route('POST', '/personas', 'journeys.createPersona', 'manage'),
    route('PUT', '/personas/:id', 'journeys.updatePersona', 'manage'),
    route('DELETE', '/personas/:id', 'journeys.deletePersona', 'manage'),

    route('GET', '/ctas', 'journeys.listCtas', 'read'),
    route('POST', '/ctas', 'journeys.createCta', 'manage'),
    route('PUT', '/ctas/:id', 'journeys.updateCta', 'manage'),
    route('DELETE', '/ctas/:id', 'journeys.deleteCta', 'manage'),

    route('GET', '/measure/kpis', 'measure.kpis', 'read'),
    route('GET', '/measure/paths', 'measure.paths', 'read'),
    route('GET', '/measure/gaps', 'measure.gaps', 'read'),
    route('GET', '/measure/kpi-values', 'measure.listKpiValues', 'read'),
    route('PUT', '/measure/kpi-values', 'measure.putKpiValue', 'manage'),
    route('DELETE', '/measure/kpi-values/:id', 'measure.deleteKpiValue', 'manage'),
    route('POST', '/measure/imports/preview', 'measure.previewImport', 'manage'),
    route('POST', '/measure/imports', 'measure.importAnalytics', 'manage'),
  ],
};
