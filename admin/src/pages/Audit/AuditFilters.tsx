import { Grid } from '@strapi/design-system';
import { SelectField, type Choice } from '../../components/SelectField';
import type { JourneySummary } from '../../../../shared/contracts';
import type { SiteLocale } from '../../api/content-types';
import type { AuditUrlQuery } from './auditQuery';
import type { ContentTypeInfo, AuditFlag } from '../../../../shared/contracts';
import { AUDIT_FLAGS } from '../../../../shared/constants';
import { flagLabel } from './FlagSummary';
import { useT } from './useT';

interface Props {
  query: AuditUrlQuery;
  journeys: JourneySummary[];
  types: ContentTypeInfo[];
  locales: SiteLocale[];
  onChange: (patch: Partial<AuditUrlQuery>) => void;
}

/** A filter: "all" (the placeholder) until a value is picked; the clear button goes back to all. */
const Filter = ({ name, label, value, choices, allLabel, onChange }: { name: string; label: string; value?: string; choices: Choice[]; allLabel: string; onChange: (v: string | undefined) => void }) => (
  <SelectField
    name={name}
    label={label}
    placeholder={allLabel}
    value={value ?? ''}
    choices={choices}
    onChange={(v) => onChange(v || undefined)}
    onClear={value ? () => onChange(undefined) : undefined}
  />
);

/** Journey, flag, content type, locale, phase and persona; phases and personas follow the chosen journey. */
export const AuditFilters = ({ query, journeys, types, locales, onChange }: Props) => {
  const t = useT();
  const scope = query.journey ? journeys.filter((j) => j.documentId === query.journey) : journeys;
  const prefix = (j: JourneySummary, name: string) => (scope.length > 1 ? `${j.name} · ${name}` : name);
  const phases = scope.flatMap((j) => j.phases.map((p) => ({ value: p.documentId, label: prefix(j, p.name) })));
  const seen = new Set<string>();
  const personas = scope
    .flatMap((j) => j.personas.map((p) => ({ value: p.documentId, label: p.name })))
    .filter((p) => !seen.has(p.value) && seen.add(p.value) !== undefined);

  const pickJourney = (journey: string | undefined) => {
    const kept = journey ? journeys.filter((j) => j.documentId === journey) : journeys;
    const phaseOk = !query.phase || kept.some((j) => j.phases.some((p) => p.documentId === query.phase));
    const personaOk = !query.persona || kept.some((j) => j.personas.some((p) => p.documentId === query.persona));
    onChange({ journey, phase: phaseOk ? query.phase : undefined, persona: personaOk ? query.persona : undefined });
  };

  const all = t('audit.filter.all', 'All');
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={2} s={4} xs={12} direction="column" alignItems="stretch">
        <Filter name="filter-journey" label={t('audit.filter.journey', 'Journey')} value={query.journey} allLabel={t('audit.filter.allJourneys', 'All journeys')} choices={journeys.map((j) => ({ value: j.documentId, label: j.name }))} onChange={pickJourney} />
      </Grid.Item>
      <Grid.Item col={2} s={4} xs={12} direction="column" alignItems="stretch">
        <Filter name="filter-flag" label={t('audit.filter.flag', 'AuditFlag')} value={query.flag} allLabel={all} choices={AUDIT_FLAGS.map((f) => ({ value: f, label: flagLabel(t, f) }))} onChange={(flag) => onChange({ flag: flag as AuditFlag | undefined })} />
      </Grid.Item>
      <Grid.Item col={2} s={4} xs={12} direction="column" alignItems="stretch">
        <Filter name="filter-type" label={t('audit.filter.type', 'Content type')} value={query.contentType} allLabel={all} choices={types.map((c) => ({ value: c.uid, label: c.displayName }))} onChange={(contentType) => onChange({ contentType })} />
      </Grid.Item>
      <Grid.Item col={2} s={4} xs={12} direction="column" alignItems="stretch">
        <Filter name="filter-locale" label={t('audit.filter.locale', 'Locale')} value={query.locale} allLabel={all} choices={locales.map((l) => ({ value: l.code, label: l.name }))} onChange={(locale) => onChange({ locale })} />
      </Grid.Item>
      <Grid.Item col={2} s={4} xs={12} direction="column" alignItems="stretch">
        <Filter name="filter-phase" label={t('audit.filter.phase', 'Phase')} value={query.phase} allLabel={all} choices={phases} onChange={(phase) => onChange({ phase })} />
      </Grid.Item>
      <Grid.Item col={2} s={4} xs={12} direction="column" alignItems="stretch">
        <Filter name="filter-persona" label={t('audit.filter.persona', 'Persona')} value={query.persona} allLabel={all} choices={personas} onChange={(persona) => onChange({ persona })} />
      </Grid.Item>
    </Grid.Root>
  );
};
