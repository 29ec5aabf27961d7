import { Box, Field, Flex, Grid, NumberInput, Toggle, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

/** One block of the settings page: a heading, an optional hint, its fields. */
export const SettingsSection = ({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) => (
  <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {hint && (
        <Typography variant="pi" textColor="neutral600">
          {hint}
        </Typography>
      )}
      {children}
    </Flex>
  </Box>
);

interface FieldProps {
  name: string;
  label: string;
  hint: string;
  /** grid columns out of 12 on wide screens */
  col?: number;
}

/** A number setting in a grid cell; a cleared input gives `empty`. */
export const NumberSetting = <E extends number | null>({
  name,
  label,
  hint,
  col = 4,
  value,
  empty,
  onChange,
}: FieldProps & { value: number | null | undefined; empty: E; onChange: (value: number | E) => void }) => (
  <Grid.Item col={col} s={12} direction="column" alignItems="stretch">
    <Field.Root name={name} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <NumberInput value={value ?? undefined} onValueChange={(v) => onChange(v ?? empty)} />
      <Field.Hint />
    </Field.Root>
  </Grid.Item>
);

/** A yes/no setting. */
export const ToggleSetting = ({ name, label, hint, checked, onChange }: Omit<FieldProps, 'col'> & { checked: boolean; onChange: (checked: boolean) => void }) => {
  const { formatMessage } = useIntl();
  return (
    <Field.Root name={name} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <Toggle
        checked={checked}
        onLabel={formatMessage({ id: getTranslation('settings.yes'), defaultMessage: 'Yes' })}
        offLabel={formatMessage({ id: getTranslation('settings.no'), defaultMessage: 'No' })}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.checked)}
      />
      <Field.Hint />
    </Field.Root>
  );
};
