import type { KpiStatus } from '../../../../shared/contracts';

export const STATUS_VARIANT: Record<KpiStatus, 'success' | 'warning' | 'danger' | 'neutral'> = {
  onTrack: 'success',
  atRisk: 'warning',
  offTrack: 'danger',
  noData: 'neutral',
};
export const STATUS_LABEL: Record<KpiStatus, string> = {
  onTrack: 'On track',
  atRisk: 'At risk',
  offTrack: 'Off track',
  noData: 'No data',
};
/** Colours of the charts (the design system's palette, as plain values for SVG). */
export const COLORS = {
  onTrack: '#328048',
  atRisk: '#d9822f',
  offTrack: '#d02b20',
  noData: '#a5a5ba',
  primary: '#4945ff',
  primaryLight: '#d9d8ff',
  neutral: '#8e8ea9',
  grid: '#eaeaef',
  text: '#32324d',
  muted: '#666687',
};
