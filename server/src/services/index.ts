import settings from './settings';
import contentTypes from './content-types';
import entries from './entries';
import model from './model';
import assignments from './assignments';
import coverage from './coverage';
import audit from './audit';
import delivery from './delivery';
import cleanup from './cleanup';
import transfer from './transfer';
import drafts from './drafts';
import coverageCsv from './coverage-csv';
import snapshots from './snapshots';
import ingest from './ingest';
import measure from './measure';
import entryStates from './entry-states';
<<<<<<< HEAD
import panel from './panel';
import { createClock } from '../clock';

export default { settings, contentTypes, entries, model, assignments, coverage, audit, delivery, cleanup, transfer, drafts, coverageCsv, snapshots, ingest, measure, entryStates, panel, clock: () => createClock(process.env.JOURNEY_MAP_NOW) };
=======
import tagIntegrity from './tag-integrity';
import { createClock } from '../clock';

export default { settings, contentTypes, entries, model, assignments, coverage, audit, delivery, cleanup, transfer, drafts, coverageCsv, snapshots, ingest, measure, entryStates, tagIntegrity, clock: () => createClock(process.env.JOURNEY_MAP_NOW) };
>>>>>>> main
