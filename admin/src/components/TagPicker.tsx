import { Field, Flex, MultiSelect, MultiSelectGroup, MultiSelectOption, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { JourneySummary } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';

export interface TagValue {
  phases: string[];
  personas: string[];
  cta: string | null;
}

interface TagPickerProps {
  journeys: JourneySummary[];
  value: TagValue;
  onChange: (value: TagValue) => void;
  withCta?: boolean;
  /** how many entries the picks apply to, for the hints' wording (the panel: one; bulk tagging: many) */
  entries?: number;
}

/** Phases grouped by journey, the personas of those journeys ("all personas" when none), and a CTA. */
export const TagPicker = ({ journeys, value, onChange, withCta = true, entries = 1 }: TagPickerProps) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage }, { count: entries });
  const pickedJourneys = journeys.filter((j) => j.phases.some((p) => value.phases.includes(p.documentId)));
  const personas = uniqueBy(pickedJourneys.flatMap((j) => j.personas), (p) => p.documentId);
  const ctas = pickedJourneys.flatMap((j) => j.phases.filter((p) => value.phases.includes(p.documentId)).flatMap((p) => p.ctas ?? []));

  // The picks are named in the field as text: the design system's tags ("withTags") carry remove buttons
  // without a name, which a screen reader announces as "button" (they are removed in the list instead).
  const names = (ids: string[], items: Array<{ documentId: string; name: string }>) =>
    ids.map((id) => items.find((i) => i.documentId === id)?.name).filter(Boolean).join(', ');
  const allPhases = journeys.flatMap((j) => j.phases);

  const setPhases = (phases: string[]) => {
    const stillPicked = journeys.filter((j) => j.phases.some((p) => phases.includes(p.documentId)));
    const allowedPersonas = new Set(stillPicked.flatMap((j) => j.personas.map((p) => p.documentId)));
    const allowedCtas = new Set(stillPicked.flatMap((j) => j.phases.filter((p) => phases.includes(p.documentId)).flatMap((p) => (p.ctas ?? []).map((c) => c.documentId))));
    onChange({
      phases,
      personas: value.personas.filter((p) => allowedPersonas.has(p)),
      cta: value.cta && allowedCtas.has(value.cta) ? value.cta : null,
    });
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Field.Root name="journey-phases" hint={t('picker.phases.hint', 'The phases of the customer journey {count, plural, one {this entry serves} other {these entries serve}}.')}>
        <Field.Label>{t('picker.phases', 'Phases')}</Field.Label>
        <MultiSelect
          customizeContent={(ids?: string[]) => names(ids ?? [], allPhases)}
          placeholder={t('picker.phases.placeholder', 'Pick phases')}
          value={value.phases}
          onChange={setPhases}
          onClear={() => setPhases([])}
        >
          {journeys.map((journey) => (
            <MultiSelectGroup key={journey.documentId} label={journey.name} values={journey.phases.map((p) => p.documentId)}>
              {journey.phases.map((phase) => (
                <MultiSelectOption key={phase.documentId} value={phase.documentId}>
                  {phase.name}
                </MultiSelectOption>
              ))}
            </MultiSelectGroup>
          ))}
        </MultiSelect>
        <Field.Hint />
      </Field.Root>
      <Field.Root name="journey-personas" hint={t('picker.personas.hint', 'Leave empty for all personas of the journey.')}>
        <Field.Label>{t('picker.personas', 'Personas')}</Field.Label>
        <MultiSelect
          customizeContent={(ids?: string[]) => names(ids ?? [], personas)}
          disabled={personas.length === 0}
          placeholder={t('picker.personas.all', 'All personas')}
          value={value.personas}
          onChange={(personas: string[]) => onChange({ ...value, personas })}
          onClear={() => onChange({ ...value, personas: [] })}
        >
          {personas.map((persona) => (
            <MultiSelectOption key={persona.documentId} value={persona.documentId}>
              {persona.name}
            </MultiSelectOption>
          ))}
        </MultiSelect>
        <Field.Hint />
      </Field.Root>
      {withCta && (
        <Field.Root name="journey-cta" hint={t('picker.cta.hint', 'The call to action {count, plural, one {this entry carries} other {these entries carry}}.')}>
          <Field.Label>{t('picker.cta', 'CTA')}</Field.Label>
          <SingleSelect
            disabled={ctas.length === 0}
            placeholder={t('picker.cta.none', 'No CTA')}
            value={value.cta ?? ''}
            onChange={(cta: string | number) => onChange({ ...value, cta: cta ? String(cta) : null })}
            onClear={() => onChange({ ...value, cta: null })}
          >
            {ctas.map((cta) => (
              <SingleSelectOption key={cta.documentId} value={cta.documentId}>
                {cta.label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
        </Field.Root>
      )}
    </Flex>
  );
};

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)) !== undefined);
}
