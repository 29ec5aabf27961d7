import { CheckCircle, Cross, MinusCircle, Stack, WarningCircle } from '@strapi/icons';
import type { CellState } from '../../../shared/contracts';

/**
 * How each coverage state is drawn. Every state has an icon and a word as well as a colour, so the
 * heatmap reads without colour too (colour-blind readers, grey-scale prints of the PNG export). Text
 * colours pass WCAG AA (4.5:1) on their background: the design system's warning700 does not on
 * warning100 (4.03:1), so thin cells write in neutral800 and keep the warning colour for the icon.
 */
export const CELL_STATES: Record<
  CellState,
  { background: string; text: string; icon: string; border: string; Icon: typeof CheckCircle; id: string; label: string }
> = {
  gap: { background: 'danger100', text: 'danger700', icon: 'danger700', border: 'danger200', Icon: WarningCircle, id: 'state.gap', label: 'Gap' },
  thin: { background: 'warning100', text: 'neutral800', icon: 'warning700', border: 'warning200', Icon: MinusCircle, id: 'state.thin', label: 'Thin' },
  ok: { background: 'success100', text: 'success700', icon: 'success700', border: 'success200', Icon: CheckCircle, id: 'state.ok', label: 'OK' },
  excess: { background: 'secondary100', text: 'secondary700', icon: 'secondary700', border: 'secondary200', Icon: Stack, id: 'state.excess', label: 'Excess' },
  'not-applicable': { background: 'neutral150', text: 'neutral600', icon: 'neutral600', border: 'neutral200', Icon: Cross, id: 'state.notApplicable', label: 'Not applicable' },
};

export const STATE_ORDER: CellState[] = ['gap', 'thin', 'ok', 'excess', 'not-applicable'];
