/** Shapes of the plugin's admin API responses that the admin panel reads. */
export interface CtaSummary {
  documentId: string;
  label: string;
  kpiMetric?: string | null;
  kpiTarget?: number | string | null;
  kpiUnit?: string | null;
  kpiPeriod?: string | null;
}
export interface PhaseSummary {
  documentId: string;
  name: string;
  slug: string;
  position: number;
  customerGoal?: string | null;
  questions?: string | null;
  ctas?: CtaSummary[];
}
export interface PersonaSummary {
  documentId: string;
  name: string;
  slug: string;
  painPoints?: string | null;
}
export interface JourneySummary {
  documentId: string;
  name: string;
  slug: string;
  phases: PhaseSummary[];
  personas: PersonaSummary[];
}
export interface EntryTags {
  phases: string[];
  personas: string[];
  allPersonasPhases: string[];
  cta: string | null;
}
export interface CoverageCell {
  phase: string;
  persona: string | null;
  count: number;
  state: 'gap' | 'thin' | 'ok' | 'excess' | 'not-applicable';
}
export interface Coverage {
  cells: CoverageCell[];
  phases: Array<{ documentId: string; min: number }>;
}
export interface ListTags {
  tracked: boolean;
  entries: Record<string, Array<{ documentId: string; name: string; journey: string | null }>>;
}
