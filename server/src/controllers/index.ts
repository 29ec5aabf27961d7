import settings from './settings';
import contentTypes from './content-types';
import tags from './tags';
import coverage from './coverage';
import audit from './audit';
import journeys from './journeys';
import { deliveryContent, deliveryJourney } from './delivery';
import drafts from './drafts';
import snapshots from './snapshots';
import events from './events';
import measure from './measure';
import panel from './panel';
import tracked from './tracked';
import suggestions from './suggestions';
import nextContent from './next-content';
import { answeringErrors } from './respond';

// Every action answers the plugin's errors itself (respond.ts): their status survives a second copy of
// @strapi/utils in the site.
export default Object.fromEntries(
  Object.entries({
    settings,
    contentTypes,
    tags,
    coverage,
    audit,
    journeys,
    drafts,
    snapshots,
    events,
    measure,
    panel,
    tracked,
    suggestions,
    nextContent,
    journey: deliveryJourney,
    content: deliveryContent,
  }).map(([name, factory]) => [name, answeringErrors(factory as any)])
) as Record<string, any>;
