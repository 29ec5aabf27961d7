import { Box, Button, Field, Flex, Modal, Radio, TextInput, Typography } from '@strapi/design-system';
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Journey } from '../../../../shared/contracts';
import { useErrorMessage } from '../../api/errors';
import { useCreateJourneyFromPresetMutation, useGetJourneyPresetsQuery, useImportJourneyMutation } from '../../api/journeys';
import { getTranslation } from '../../utils/getTranslation';
import { useReturnFocus } from '../../components/useReturnFocus';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (journey: Journey) => void;
}

/** "New journey": from one of the phase models (presets), or from a journey model file exported earlier. */
export const NewJourneyDialog = ({ open, onClose, onCreated }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const errorMessage = useErrorMessage();
  const { data: presets = [] } = useGetJourneyPresetsQuery(undefined, { skip: !open });
  const [createFromPreset] = useCreateJourneyFromPresetMutation();
  const [importJourney] = useImportJourneyMutation();
  const [preset, setPreset] = useState('default');
  const [name, setName] = useState('');
  const [product, setProduct] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const returnFocus = useReturnFocus(open);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await createFromPreset({ preset, name, ...(product.trim() ? { product } : {}) }).unwrap();
      setName('');
      setProduct('');
      onCreated(created);
    } catch (e) {
      setError(errorMessage(e, t('journey.createFailed', 'The journey could not be created')));
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(t('journey.importNotJson', '{file} is not a JSON file.', { file: file.name }));
      }
      onCreated(await importJourney(body).unwrap());
    } catch (e) {
      setError(errorMessage(e, (e as Error).message || t('journey.importFailed', 'The file could not be imported')));
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(o: boolean) => !o && onClose()}>
      <Modal.Content onCloseAutoFocus={returnFocus}>
        <Modal.Header>
          <Modal.Title>{t('journey.new', 'New journey')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Field.Root name="name" required>
              <Field.Label>{t('field.name', 'Name')}</Field.Label>
              <TextInput value={name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />
            </Field.Root>
            <Field.Root name="product">
              <Field.Label>{t('field.product', 'Product or service')}</Field.Label>
              <TextInput value={product} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setProduct(e.target.value)} />
            </Field.Root>
            <Typography variant="sigma" textColor="neutral600">{t('journey.phaseModel', 'Phase model')}</Typography>
            <Radio.Group value={preset} onValueChange={setPreset} aria-label={t('journey.phaseModel', 'Phase model')}>
              {presets.map((p) => (
                <Radio.Item key={p.id} value={p.id}>
                  <Typography fontWeight="semiBold">{p.name}</Typography>{' '}
                  <Typography variant="pi" textColor="neutral600">{p.phases.map((ph) => ph.name).join(' → ')}</Typography>
                </Radio.Item>
              ))}
            </Radio.Group>
            <Box paddingTop={2} borderColor="neutral150" borderStyle="solid" borderWidth="1px 0 0 0">
              <Flex gap={2} alignItems="center" paddingTop={3}>
                <Typography variant="pi" textColor="neutral600">{t('journey.orImport', 'Or import a journey model file (JSON) exported from Journey Map:')}</Typography>
                <Button variant="secondary" size="S" onClick={() => fileInput.current?.click()} disabled={busy}>
                  {t('journey.import', 'Import JSON')}
                </Button>
                <input
                  ref={fileInput}
                  type="file"
                  accept="application/json,.json"
                  hidden
                  data-testid="import-journey-file"
                  onChange={(e) => e.target.files?.[0] && importFile(e.target.files[0])}
                />
              </Flex>
            </Box>
            {error && (
              <Typography textColor="danger600" role="alert">
                {error}
              </Typography>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('form.cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button onClick={create} loading={busy} disabled={!name.trim()}>
            {t('journey.create', 'Create journey')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
