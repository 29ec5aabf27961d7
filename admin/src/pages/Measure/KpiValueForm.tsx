import { Button, Field, Flex, Modal, NumberInput, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useErrorMessage } from '../../api/errors';
import { usePutKpiValueMutation } from '../../api/measure';
import { getTranslation } from '../../utils/getTranslation';
import type { CtaKpi } from '../../../../shared/contracts';

/** "Enter a KPI value": for KPIs measured elsewhere (a value with a date replaces the measured one for its period). */
/** `today` is the server's UTC day, so the default date and its limit follow the site's clock. The save refreshes the page's KPIs. */
export const KpiValueForm = ({ kpis, today }: { kpis: CtaKpi[]; today: string }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const [putKpiValue, { isLoading: saving }] = usePutKpiValueMutation();
  const [open, setOpen] = useState(false);
  const [cta, setCta] = useState<string>('');
  const [date, setDate] = useState(today);
  const [value, setValue] = useState<number | undefined>(undefined);
  const [note, setNote] = useState('');

  const save = async () => {
    if (!cta || value === undefined) return;
    try {
      await putKpiValue({ cta, date, value, note: note || null }).unwrap();
      toggleNotification({ type: 'success', message: t('measure.value.saved', 'KPI value saved') });
      setOpen(false);
      setValue(undefined);
      setNote('');
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t('measure.value.failed', 'The value could not be saved')) });
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<Plus />} disabled={kpis.length === 0}>
          {t('measure.value.open', 'Enter a KPI value')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('measure.value.title', 'Enter a KPI value measured elsewhere')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Field.Root name="cta" required>
              <Field.Label>{t('measure.value.cta', 'CTA')}</Field.Label>
              <SingleSelect value={cta} onChange={(v: string | number) => setCta(String(v))} placeholder={t('measure.value.cta.pick', 'Choose a CTA')}>
                {kpis.map((k) => (
                  <SingleSelectOption key={k.cta.documentId} value={k.cta.documentId}>
                    {k.cta.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            <Field.Root name="date" required hint={t('measure.value.date.hint', 'The value counts for the KPI period (day, week, month…) that contains this date, replacing what was measured.')}>
              <Field.Label>{t('measure.value.date', 'Date')}</Field.Label>
              <TextInput type="date" value={date} max={today} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDate(e.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Field.Root name="value" required>
              <Field.Label>{t('measure.value.value', 'Value')}</Field.Label>
              <NumberInput value={value} onValueChange={(v) => setValue(v ?? undefined)} />
            </Field.Root>
            <Field.Root name="note">
              <Field.Label>{t('measure.value.note', 'Note (source)')}</Field.Label>
              <TextInput value={note} maxLength={200} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setNote(e.target.value)} />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('measure.value.cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button onClick={save} loading={saving} disabled={!cta || value === undefined || !date}>
            {t('measure.value.save', 'Save value')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
