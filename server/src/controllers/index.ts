import settings from './settings';
import contentTypes from './content-types';
import assignments from './assignments';
import reports from './reports';
import model from './model';
import delivery from './delivery';
import events from './events';
import measure from './measure';

export default { settings, contentTypes, assignments, reports, model, delivery, events, measure };
