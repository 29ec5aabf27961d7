import { NONE, type FieldSpec } from '../../components/FormDialog';
import type { Persona } from '../../../../shared/contracts';

type T = (id: string, defaultMessage: string) => string;

const BANDS = ['top', 'middle', 'bottom', 'post-purchase'];
const ACTIONS = ['download', 'sign-up', 'contact', 'purchase', 'subscribe', 'visit', 'custom'];
const PERIODS = ['day', 'week', 'month', 'quarter', 'year'];
const SOURCES: Array<[string, string]> = [['ga4', 'GA4'], ['plausible', 'Plausible'], ['matomo', 'Matomo'], ['generic', 'Generic CSV']];

/** The editable fields of each part of the journey model, as the admin API names them. */
export const journeyFields = (t: T): FieldSpec[] => [
  { name: 'name', label: t('field.name', 'Name'), kind: 'text', required: true },
  { name: 'product', label: t('field.product', 'Product or service'), kind: 'text' },
  { name: 'description', label: t('field.description', 'Description'), kind: 'textarea' },
];

export const phaseFields = (t: T): FieldSpec[] => [
  { name: 'name', label: t('field.name', 'Name'), kind: 'text', required: true },
  {
    name: 'funnelBand',
    label: t('field.funnelBand', 'Funnel band'),
    kind: 'select',
    options: BANDS.map((b) => ({ value: b, label: t(`band.${b}`, b) })),
  },
  { name: 'customerGoal', label: t('lane.goal', 'Customer goal'), kind: 'textarea' },
  { name: 'questions', label: t('lane.questions', 'Questions'), kind: 'textarea' },
  { name: 'actions', label: t('lane.actions', 'Actions'), kind: 'textarea' },
  { name: 'thoughts', label: t('lane.thoughts', 'Thoughts'), kind: 'textarea' },
  { name: 'emotionLabel', label: t('field.emotionLabel', 'Emotion'), kind: 'text' },
  { name: 'emotionScore', label: t('field.emotionScore', 'Emotion score (−2 to +2)'), kind: 'number', min: -2, max: 2 },
  { name: 'touchpoints', label: t('field.touchpoints', 'Touchpoints (one per line)'), kind: 'list' },
  { name: 'channels', label: t('field.channels', 'Channels (one per line)'), kind: 'list' },
  { name: 'painPoints', label: t('lane.painPoints', 'Pain points'), kind: 'textarea' },
  { name: 'opportunities', label: t('lane.opportunities', 'Opportunities'), kind: 'textarea' },
  {
    name: 'minContentPerPersona',
    label: t('field.minContent', 'Minimum content per persona'),
    kind: 'number',
    min: 0,
    hint: t('field.minContent.hint', 'Leave empty to use the default from the settings.'),
  },
];

export const personaFields = (t: T): FieldSpec[] => [
  { name: 'name', label: t('field.name', 'Name'), kind: 'text', required: true },
  { name: 'priority', label: t('field.priority', 'Priority (higher first)'), kind: 'number', min: 0 },
  { name: 'summary', label: t('field.summary', 'Summary'), kind: 'textarea' },
  { name: 'goals', label: t('field.goals', 'Goals'), kind: 'textarea' },
  { name: 'needs', label: t('field.needs', 'Needs'), kind: 'textarea' },
  { name: 'painPoints', label: t('lane.painPoints', 'Pain points'), kind: 'textarea' },
  { name: 'preferredChannels', label: t('field.preferredChannels', 'Preferred channels (one per line)'), kind: 'list' },
];

export const ctaFields = (t: T, personas: Persona[]): FieldSpec[] => [
  { name: 'label', label: t('field.label', 'Label'), kind: 'text', required: true, wide: true },
  {
    name: 'actionType',
    label: t('field.actionType', 'Action'),
    kind: 'select',
    options: ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`, a) })),
  },
  {
    name: 'persona',
    label: t('field.ctaPersona', 'For persona'),
    kind: 'select',
    options: [{ value: NONE, label: t('persona.all', 'All personas') }, ...personas.map((p) => ({ value: p.documentId, label: p.name }))],
  },
  { name: 'targetUrl', label: t('field.targetUrl', 'Target URL or path'), kind: 'text', wide: true },
  { name: 'kpiMetric', label: t('field.kpiMetric', 'KPI metric'), kind: 'text' },
  { name: 'kpiUnit', label: t('field.kpiUnit', 'Unit'), kind: 'text' },
  { name: 'kpiBaseline', label: t('field.kpiBaseline', 'Baseline'), kind: 'number' },
  { name: 'kpiTarget', label: t('field.kpiTarget', 'Target'), kind: 'number' },
  {
    name: 'kpiDirection',
    label: t('field.kpiDirection', 'Better when'),
    kind: 'select',
    options: [
      { value: 'higher', label: t('direction.higher', 'Higher') },
      { value: 'lower', label: t('direction.lower', 'Lower') },
    ],
  },
  {
    name: 'kpiPeriod',
    label: t('field.kpiPeriod', 'Per'),
    kind: 'select',
    options: PERIODS.map((p) => ({ value: p, label: t(`period.${p}`, p) })),
  },
  // The KPI's actual from an imported event or goal (analytics exports imported on the Measure page).
  {
    name: 'importEventName',
    label: t('field.importEventName', 'Imported event or goal'),
    kind: 'text',
    hint: t('field.importEventName.hint', 'Takes the actual from imported analytics, e.g. file_download. Leave empty to count only the snippet.'),
  },
  {
    name: 'importSource',
    label: t('field.importSource', 'From'),
    kind: 'select',
    options: [{ value: NONE, label: t('field.importSource.any', 'Every imported tool, added up') }, ...SOURCES.map(([value, label]) => ({ value, label }))],
  },
  {
    name: 'importLink',
    label: t('field.importLink', 'Event link (URL or path)'),
    kind: 'text',
    wide: true,
    hint: t('field.importLink.hint', 'Only events whose link matches, e.g. /manual.pdf. Leave empty for any link.'),
  },
  {
    name: 'importLinkMatch',
    label: t('field.importLinkMatch', 'Link matches'),
    kind: 'select',
    options: [
      { value: 'contains', label: t('field.importLinkMatch.contains', 'Contains (any case)') },
      { value: 'exact', label: t('field.importLinkMatch.exact', 'Exactly') },
    ],
  },
  {
    name: 'importMode',
    label: t('field.importMode', 'Imported counts'),
    kind: 'select',
    hint: t('field.importMode.hint', 'Rows covering several days are prorated by day over the KPI period.'),
    options: [
      { value: 'add', label: t('field.importMode.add', "Add to the snippet's counts") },
      { value: 'replace', label: t('field.importMode.replace', "Instead of the snippet's counts") },
    ],
  },
];
