import journey from './journey';
import phase from './phase';
import persona from './persona';
import cta from './cta';
import assignment from './assignment';

export default {
  journey: journey,
  phase: phase,
  persona: persona,
  cta: cta,
  assignment: assignment,
};
