import { Box, Flex, Typography } from '@strapi/design-system';
import { FLAGS, type Flag } from './api';
import { useT, type T } from './useT';

export const flagLabel = (t: T, flag: Flag) =>
  ({
    untagged: t('audit.flag.untagged', 'Untagged'),
    stale: t('audit.flag.stale', 'Stale'),
    draftOnly: t('audit.flag.draftOnly', 'Draft only'),
    phaseWithoutCta: t('audit.flag.phaseWithoutCta', 'Phase without CTA'),
    missingInOtherLocale: t('audit.flag.missingInOtherLocale', 'Untagged in this locale'),
  })[flag];

const flagHint = (t: T, flag: Flag) =>
  ({
    untagged: t('audit.flag.untagged.hint', 'No phase in the chosen journey (in any journey when none is chosen)'),
    stale: t('audit.flag.stale.hint', 'Not updated for longer than the stale period'),
    draftOnly: t('audit.flag.draftOnly.hint', 'Never published'),
    phaseWithoutCta: t('audit.flag.phaseWithoutCta.hint', 'Tagged to a phase that has no call to action'),
    missingInOtherLocale: t('audit.flag.missingInOtherLocale.hint', 'Tagged in another locale, not in this one'),
  })[flag];

export const FLAG_BADGE: Record<Flag, 'danger' | 'warning' | 'secondary' | 'alternative' | 'neutral'> = {
  untagged: 'danger',
  stale: 'warning',
  draftOnly: 'neutral',
  phaseWithoutCta: 'alternative',
  missingInOtherLocale: 'secondary',
};

interface Props {
  counts: Record<Flag, number> | null;
  active?: Flag;
  onPick: (flag: Flag | undefined) => void;
}

/** One card per audit flag with its count; a click filters the table by that flag (again: clears it). */
export const FlagSummary = ({ counts, active, onPick }: Props) => {
  const t = useT();
  return (
    <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(15rem, 1fr))', gap: '1.2rem' }}>
      {FLAGS.map((flag) => {
        const on = active === flag;
        return (
          <Box
            key={flag}
            tag="button"
            type="button"
            aria-pressed={on}
            aria-label={t('audit.summary.filter', '{label}: {count, plural, one {# entry} other {# entries}}. Filter by this flag', { label: flagLabel(t, flag), count: counts?.[flag] ?? 0 })}
            onClick={() => onPick(on ? undefined : flag)}
            background={on ? 'primary100' : 'neutral0'}
            borderColor={on ? 'primary600' : 'neutral150'}
            borderStyle="solid"
            borderWidth="1px"
            hasRadius
            shadow="filterShadow"
            padding={4}
            cursor="pointer"
            style={{ textAlign: 'left' }}
          >
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Typography variant="sigma" textColor={on ? 'primary700' : 'neutral600'}>
                {flagLabel(t, flag)}
              </Typography>
              <Typography variant="alpha" tag="span" textColor={(counts?.[flag] ?? 0) > 0 ? 'neutral800' : 'neutral500'}>
                {counts ? counts[flag] : '–'}
              </Typography>
              <Typography variant="pi" textColor="neutral600">
                {flagHint(t, flag)}
              </Typography>
            </Flex>
          </Box>
        );
      })}
    </Box>
  );
};
