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
/** `GET /panel/:uid/:documentId`: what the Journey panel shows for one entry and locale. */
export interface PanelCell {
  journey: string;
  phase: string;
  persona: string | null;
  /** the other entries that count in the cell (this entry's own tags left out) */
  others: number;
  min: number;
  max: number | null;
  state: CoverageCell['state'];
  /** the state with this entry counted too */
  stateWith: CoverageCell['state'];
}
export interface PanelData {
  locale: string | null;
  rules: { includeDrafts: boolean; staleAfterDays: number };
  entry: {
    title: string | null;
    exists: boolean;
    published: boolean;
    updatedAt: string | null;
    publishedUpdatedAt: string | null;
    counts: boolean;
    reason: 'missing-locale' | 'draft' | 'stale' | null;
    staleSince: string | null;
    otherLocales: Array<{ locale: string; counts: boolean; reason: 'missing-locale' | 'draft' | 'stale' | null }>;
  };
  tags: EntryTags;
  journeys: JourneySummary[];
  cells: PanelCell[];
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
  /** each entry's specific personas (none: its tags are for all personas) */
  personas?: Record<string, Array<{ documentId: string; name: string }>>;
}

/** The full journey model as `GET /journeys/:id` returns it (the journey map page edits all of it). */
export type FunnelBand = 'top' | 'middle' | 'bottom' | 'post-purchase';
export interface Cta extends CtaSummary {
  actionType?: string | null;
  targetUrl?: string | null;
  kpiBaseline?: number | null;
  kpiDirection?: 'higher' | 'lower' | null;
  persona?: { documentId: string; name: string; slug: string } | null;
}
export interface Phase extends PhaseSummary {
  funnelBand?: FunnelBand | null;
  description?: string | null;
  actions?: string | null;
  thoughts?: string | null;
  emotionLabel?: string | null;
  emotionScore?: number | null;
  touchpoints?: string[] | null;
  channels?: string[] | null;
  painPoints?: string | null;
  opportunities?: string | null;
  minContentPerPersona?: number | null;
  ctas?: Cta[];
}
export interface Persona extends PersonaSummary {
  summary?: string | null;
  goals?: string | null;
  needs?: string | null;
  preferredChannels?: string[] | null;
  priority?: number | null;
}
export interface Journey {
  documentId: string;
  name: string;
  slug: string;
  description?: string | null;
  product?: string | null;
  phases: Phase[];
  personas: Persona[];
  excludedCells?: Array<{ phase: string; persona: string }> | null;
}
export type CellStateName = CoverageCell['state'];
export interface CoverageReport {
  journey: { documentId: string; name: string; slug: string };
  filters: { locale: string | null; contentType: string | null; includeDrafts: boolean; staleAfterDays: number };
  thresholds: { min: number; max: number | null };
  phases: Array<{
    documentId: string;
    name: string;
    slug: string;
    position: number;
    funnelBand?: FunnelBand | null;
    ctas: Array<{ documentId: string; label: string }>;
    entries: number;
    min: number;
    flags: { lacksContent: boolean; noCta: boolean };
  }>;
  personas: Array<{ documentId: string; name: string; slug: string }>;
  cells: CoverageCell[];
  totals: Record<CellStateName | 'cells' | 'untagged', number>;
}
export interface Preset {
  id: string;
  name: string;
  description: string;
  phases: Array<{ name: string; funnelBand: FunnelBand }>;
}
