import { Box, Button, Field, Flex, Modal, Radio, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Journey, Preset } from '../../types';
import { api, errorMessage } from '../../utils/api';
import { getTranslation } from '../../utils/getTranslation';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (journey: Journey) => void;
}

/** "New journey": from one of the phase models (presets), or from a journey model file exported earlier. */
export const NewJourneyDialog = ({ open, onClose, onCreated }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const [presets, setPresets] = useState<Preset[]>([]);
  const [preset, setPreset] = useState('default');
  const [name, setName] = useState('');
  const [product, setProduct] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    get<{ data: Preset[] }>(api('/presets')).then(({ data }) => setPresets(data.data), () => setPresets([]));
  }, [open, get]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await post<{ data: Journey }>(api('/journeys/from-preset'), { preset, name, ...(product.trim() ? { product } : {}) });
      setName('');
      setProduct('');
      onCreated(data.data);
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
      const { data } = await post<{ data: Journey }>(api('/journeys/import'), body);
      onCreated(data.data);
    } catch (e) {
      setError(errorMessage(e, (e as Error).message || t('journey.importFailed', 'The file could not be imported')));
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(o: boolean) => !o && onClose()}>
      <Modal.Content>
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
