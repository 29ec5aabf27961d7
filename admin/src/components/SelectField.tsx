import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  name: string;
  label: string;
  value: string | undefined;
  choices: Choice[];
  onChange: (value: string) => void;
  /** offered when a value is set: clears it */
  onClear?: () => void;
  placeholder?: string;
  size?: 'S' | 'M';
  width?: string;
}

/** A labelled single select: the filters and pickers of every page. */
export const SelectField = ({ name, label, value, choices, onChange, onClear, placeholder, size, width }: Props) => (
  <Field.Root name={name} width={width}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect size={size} placeholder={placeholder} value={value} onChange={(v: string | number) => onChange(String(v))} onClear={onClear}>
      {choices.map((c) => (
        <SingleSelectOption key={c.value} value={c.value}>
          {c.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  </Field.Root>
);
