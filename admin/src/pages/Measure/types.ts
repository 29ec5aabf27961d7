/** Shapes of the Measure admin API (GET /journey-map/measure/…). */
export type KpiStatus = 'onTrack' | 'atRisk' | 'offTrack' | 'noData';

export interface TrendPoint {
  period: string;
  start: string;
  end: string;
  value: number | null;
  source: 'measured' | 'manual' | null;
  partial: boolean;
  projected: number | null;
}
export interface PhaseRef {
  documentId: string;
  name: string;
  slug: string;
  position: number;
}
export interface CtaKpi {
  cta: { documentId: string; label: string; actionType?: string; phase: PhaseRef | null; persona: { documentId: string; name: string } | null };
  metric: string | null;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  direction: 'higher' | 'lower';
  period: 'day' | 'week' | 'month' | 'quarter' | 'year';
  currentPeriod: { period: string; start: string; end: string; partial: boolean };
  actual: number | null;
  projected: number | null;
  source: 'measured' | 'manual' | null;
  status: KpiStatus;
  events: { view: number; click: number; conversion: number };
  trend: TrendPoint[];
}
export interface PhaseFlow extends PhaseRef {
  entries: number;
  arrivals: number;
  reached: number;
  toNext: number;
  skippedAhead: number;
  backward: number;
  dropOff: number;
  conversionToNext: number | null;
  lowConversion: boolean;
}
export interface Flow {
  from: string;
  to: string;
  count: number;
  kind: 'entry' | 'next' | 'skip' | 'backward';
  skipped: string[];
}
export interface PathsReport {
  journey: { documentId: string; name: string; slug: string };
  range: { from: string; to: string };
  threshold: number;
  sessions: number;
  mainEntry: PhaseRef | null;
  totals: { entries: number; next: number; skip: number; backward: number; dropOff: number };
  phases: PhaseFlow[];
  flows: Flow[];
}
export interface MeasuredGaps {
  threshold: number;
  phases: Array<
    PhaseRef & {
      reached: number;
      conversionToNext: number | null;
      ctasBelowTarget: Array<{ documentId: string; label: string; status: KpiStatus; actual: number | null; projected: number | null; target: number | null; period: string }>;
      flags: { lowConversion: boolean; ctaBelowTarget: boolean };
    }
  >;
  totals: { lowConversion: number; ctaBelowTarget: number };
}
export interface JourneyOption {
  documentId: string;
  name: string;
  slug: string;
}
