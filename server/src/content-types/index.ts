import journey from './journey';
import phase from './phase';
import persona from './persona';
import cta from './cta';
import assignment from './assignment';
import snapshot from './snapshot';
import metricCounter from './metric-counter';
import pathTransition from './path-transition';
import visitorSession from './visitor-session';
import rateWindow from './rate-window';
import kpiValue from './kpi-value';
import entryState from './entry-state';
import entryLock from './entry-lock';
import cellHistory from './cell-history';
import webhookState from './webhook-state';
import analyticsDay from './analytics-day';
import analyticsEvent from './analytics-event';

export default {
  journey: journey,
  phase: phase,
  persona: persona,
  cta: cta,
  assignment: assignment,
  snapshot: snapshot,
  'metric-counter': metricCounter,
  'path-transition': pathTransition,
  'visitor-session': visitorSession,
  'rate-window': rateWindow,
  'kpi-value': kpiValue,
  'entry-state': entryState,
  'entry-lock': entryLock,
  'cell-history': cellHistory,
  'webhook-state': webhookState,
  'analytics-day': analyticsDay,
  'analytics-event': analyticsEvent,
};
