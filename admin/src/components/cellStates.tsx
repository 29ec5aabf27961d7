import { CheckCircle, Cross, MinusCircle, Stack, WarningCircle } from '@strapi/icons';
import type { CellStateName } from '../types';

/**
 * How each coverage state is drawn. Every state has an icon and a word as well as a colour, so the
 * heatmap reads without colour too (colour-blind readers, grey-scale prints of the PNG export).
 */
export const CELL_STATES: Record<
  CellStateName,
  { background: string; text: string; border: string; Icon: typeof CheckCircle; id: string; label: string }
> = {
  gap: { background: 'danger100', text: 'danger700', border: 'danger200', Icon: WarningCircle, id: 'state.gap', label: 'Gap' },
  thin: { background: 'warning100', text: 'warning700', border: 'warning200', Icon: MinusCircle, id: 'state.thin', label: 'Thin' },
  ok: { background: 'success100', text: 'success700', border: 'success200', Icon: CheckCircle, id: 'state.ok', label: 'OK' },
  excess: { background: 'secondary100', text: 'secondary700', border: 'secondary200', Icon: Stack, id: 'state.excess', label: 'Excess' },
  'not-applicable': { background: 'neutral150', text: 'neutral600', border: 'neutral200', Icon: Cross, id: 'state.notApplicable', label: 'Not applicable' },
};

export const STATE_ORDER: CellStateName[] = ['gap', 'thin', 'ok', 'excess', 'not-applicable'];
