import settings from './settings';
import contentTypes from './content-types';
import assignments from './assignments';
import reports from './reports';
import model from './model';
import { deliveryContent, deliveryJourney } from './delivery';
import drafts from './drafts';
import snapshots from './snapshots';
import events from './events';
import measure from './measure';
import { answeringErrors } from './respond';

// Every action answers the plugin's errors itself (respond.ts): their status survives a second copy of
// @strapi/utils in the site.
export default Object.fromEntries(
  Object.entries({
    settings,
    contentTypes,
    assignments,
    reports,
    model,
    drafts,
    snapshots,
    events,
    measure,
    journey: deliveryJourney,
    content: deliveryContent,
  }).map(([name, factory]) => [name, answeringErrors(factory as any)])
) as Record<string, any>;
