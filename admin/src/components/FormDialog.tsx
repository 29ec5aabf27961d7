import { Button, Field, Grid, Modal, NumberInput, SingleSelect, SingleSelectOption, Textarea, TextInput } from '@strapi/design-system';
import { useEffect, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';
import { useReturnFocus } from './useReturnFocus';

export type FieldSpec =
  | { name: string; label: string; kind: 'text' | 'textarea' | 'list'; required?: boolean; hint?: string; wide?: boolean }
  | { name: string; label: string; kind: 'number'; min?: number; max?: number; hint?: string; wide?: boolean }
  | { name: string; label: string; kind: 'select'; options: Array<{ value: string; label: string }>; required?: boolean; hint?: string; wide?: boolean };

export type FormValues = Record<string, unknown>;

interface Props {
  open: boolean;
  title: string;
  fields: FieldSpec[];
  initial: FormValues;
  submitLabel: string;
  onClose: () => void;
  /** Resolves when saved; a thrown error's message is shown in the dialog and the form stays open. */
  onSubmit: (values: FormValues) => Promise<void>;
  children?: ReactNode;
}

/** A select option standing for "none" (select options cannot have an empty value). */
export const NONE = '__none';

/** Lists (touchpoints, channels) are edited one item per line. */
const toText = (value: unknown, kind: FieldSpec['kind']) => {
  if (kind === 'list') return Array.isArray(value) ? value.join('\n') : '';
  if (value === null || value === undefined) return kind === 'select' ? NONE : '';
  return value;
};

const fromText = (value: unknown, kind: FieldSpec['kind']) => {
  if (kind === 'list') return String(value ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
  if (kind === 'number') return value === '' || value === undefined ? null : value;
  if (kind === 'select') return value === NONE || value === '' ? null : value;
  return typeof value === 'string' && value.trim() === '' ? null : value;
};

/** A modal form for one journey, phase, persona or CTA, built from field specs. */
export const FormDialog = ({ open, title, fields, initial, submitLabel, onClose, onSubmit, children }: Props) => {
  const { formatMessage } = useIntl();
  const [values, setValues] = useState<FormValues>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const returnFocus = useReturnFocus(open);

  useEffect(() => {
    if (open) {
      setValues(Object.fromEntries(fields.map((f) => [f.name, toText(initial[f.name], f.kind)])));
      setError(null);
    }
    // The form resets each time it opens, not on every render of the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const set = (name: string, value: unknown) => setValues((v) => ({ ...v, [name]: value }));
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSubmit(Object.fromEntries(fields.map((f) => [f.name, fromText(values[f.name], f.kind)])));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(o: boolean) => !o && onClose()}>
      <Modal.Content onCloseAutoFocus={returnFocus}>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Grid.Root gap={4}>
              {fields.map((f) => (
                <Grid.Item key={f.name} col={f.wide || f.kind === 'textarea' || f.kind === 'list' ? 12 : 6} s={12} direction="column" alignItems="stretch">
                  <Field.Root name={f.name} hint={f.hint} required={'required' in f && f.required}>
                    <Field.Label>{f.label}</Field.Label>
                    {f.kind === 'text' && <TextInput value={String(values[f.name] ?? '')} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(f.name, e.target.value)} />}
                    {(f.kind === 'textarea' || f.kind === 'list') && (
                      <Textarea value={String(values[f.name] ?? '')} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => set(f.name, e.target.value)} />
                    )}
                    {f.kind === 'number' && (
                      <NumberInput value={values[f.name] === '' ? undefined : (values[f.name] as number)} onValueChange={(v) => set(f.name, v ?? '')} />
                    )}
                    {f.kind === 'select' && (
                      <SingleSelect value={String(values[f.name] ?? '')} onChange={(v: string | number) => set(f.name, String(v))}>
                        {f.options.map((o) => (
                          <SingleSelectOption key={o.value} value={o.value}>
                            {o.label}
                          </SingleSelectOption>
                        ))}
                      </SingleSelect>
                    )}
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
              ))}
            </Grid.Root>
            {children}
            {error && (
              <Field.Root name="form-error" error={error}>
                <Field.Error />
              </Field.Root>
            )}
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary" type="button">
                {formatMessage({ id: getTranslation('form.cancel'), defaultMessage: 'Cancel' })}
              </Button>
            </Modal.Close>
            <Button type="submit" loading={saving}>
              {submitLabel}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
