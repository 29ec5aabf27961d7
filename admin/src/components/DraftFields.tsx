import type { ReactNode } from 'react';
import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';
import { SelectField } from './SelectField';

interface Props {
  /** prefix of the fields' names (two forms may be on one page) */
  name: string;
  types: Array<{ uid: string; displayName: string; localized: boolean }>;
  locales: Array<{ code: string; name: string }>;
  type: string;
  onType: (uid: string) => void;
  locale: string;
  onLocale: (code: string) => void;
  title: string;
  onTitle: (title: string) => void;
  onCreate: () => void;
  creating: boolean;
  /** a reason the caller knows to keep the button off (the title is checked here) */
  disabled?: boolean;
  action: string;
}

/** Type, locale (for a localized type) and title of a draft to create for a cell, and its button. */
export const DraftFields = ({ name, types, locales, type, onType, locale, onLocale, title, onTitle, onCreate, creating, disabled, action }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const localized = types.find((ty) => ty.uid === type)?.localized;
  return (
    <Flex gap={3} alignItems="flex-end" wrap="wrap">
      <SelectField name={`${name}Type`} width="20rem" label={t('entry.type', 'Type')} value={type} choices={types.map((ty) => ({ value: ty.uid, label: ty.displayName }))} onChange={onType} />
      {localized && locales.length > 0 && (
        <SelectField name={`${name}Locale`} width="14rem" label={t('entry.locale', 'Locale')} value={locale} choices={locales.map((l) => ({ value: l.code, label: l.name }))} onChange={onLocale} />
      )}
      <Field.Root name={`${name}Title`} style={{ flex: 1, minWidth: '24rem' }}>
        <Field.Label>{t('entry.title', 'Title')}</Field.Label>
        <TextInput value={title} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onTitle(e.target.value)} />
      </Field.Root>
      <Button startIcon={<Plus />} onClick={onCreate} loading={creating} disabled={!title.trim() || !type || disabled}>
        {action}
      </Button>
    </Flex>
  );
};

/** The draft form of a cell's dialog: a heading, what the draft will carry, the fields, and the error if creating failed. */
export const DraftPanel = ({ heading, hint, error, children, ...fields }: Props & { heading: string; hint: string; error: string | null; children?: ReactNode }) => (
  <Box padding={4} background="neutral100" hasRadius>
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="delta" tag="h3">
        {heading}
      </Typography>
      <Typography variant="pi" textColor="neutral600">
        {hint}
      </Typography>
      <DraftFields {...fields} />
      {children}
      {error && (
        <Typography textColor="danger600" role="alert">
          {error}
        </Typography>
      )}
    </Flex>
  </Box>
);
