import journey from './journey';
import phase from './phase';
import persona from './persona';
import cta from './cta';
import assignment from './assignment';
import snapshot from './snapshot';

export default {
  journey: journey,
  phase: phase,
  persona: persona,
  cta: cta,
  assignment: assignment,
  snapshot: snapshot,
};
