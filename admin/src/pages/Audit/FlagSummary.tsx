import { Box, Flex, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import type { AuditFlag } from '../../../../shared/contracts';
import { AUDIT_FLAGS } from '../../../../shared/constants';
import { useT, type T } from './useT';

export const flagLabel = (t: T, flag: AuditFlag) =>
  ({
    untagged: t('audit.flag.untagged', 'Untagged'),
    stale: t('audit.flag.stale', 'Stale'),
    draftOnly: t('audit.flag.draftOnly', 'Draft only'),
    phaseWithoutCta: t('audit.flag.phaseWithoutCta', 'Phase without CTA'),
    missingInOtherLocale: t('audit.flag.missingInOtherLocale', 'Untagged in this locale'),
    unread: t('audit.flag.unread', 'Nobody reads it'),
  })[flag];

const flagHint = (t: T, flag: AuditFlag) =>
  ({
    untagged: t('audit.flag.untagged.hint', 'No phase in the chosen journey (in any journey when none is chosen)'),
    stale: t('audit.flag.stale.hint', 'Not updated for longer than the stale period'),
    draftOnly: t('audit.flag.draftOnly.hint', 'Never published'),
    phaseWithoutCta: t('audit.flag.phaseWithoutCta.hint', 'Tagged to a phase that has no call to action'),
    missingInOtherLocale: t('audit.flag.missingInOtherLocale.hint', 'Tagged in another locale, not in this one'),
    unread: t('audit.flag.unread.hint', 'Tagged and published, no views in the imported analytics of the last 30 days'),
  })[flag];

export const FLAG_BADGE: Record<AuditFlag, 'danger' | 'warning' | 'secondary' | 'alternative' | 'neutral'> = {
  untagged: 'danger',
  stale: 'warning',
  draftOnly: 'neutral',
  phaseWithoutCta: 'alternative',
  missingInOtherLocale: 'secondary',
  unread: 'warning',
};

interface Props {
  counts: Record<AuditFlag, number> | null;
  active?: AuditFlag;
  onPick: (flag: AuditFlag | undefined) => void;
}

/**
 * The card's button: its label and count, stretched over the whole card (the hint below it describes it,
 * outside its name, so the name holds the visible text: WCAG 2.5.3).
 */
const CardButton = styled.button`
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  gap: ${({ theme }) => theme.spaces[1]};
  padding: 0;
  border: none;
  background: transparent;
  font: inherit;
  text-align: left;
  cursor: pointer;
  &::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: ${({ theme }) => theme.borderRadius};
  }
  &:focus-visible {
    outline: none;
  }
  &:focus-visible::after {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 2px;
  }
`;

/** One card per audit flag with its count; a click filters the table by that flag (again: clears it). */
export const FlagSummary = ({ counts, active, onPick }: Props) => {
  const t = useT();
  return (
    <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(15rem, 1fr))', gap: '1.2rem' }}>
      {AUDIT_FLAGS.map((flag) => {
        const on = active === flag;
        const hintId = `audit-flag-hint-${flag}`;
        return (
          <Box
            key={flag}
            position="relative"
            background={on ? 'primary100' : 'neutral0'}
            borderColor={on ? 'primary600' : 'neutral150'}
            borderStyle="solid"
            borderWidth="1px"
            hasRadius
            shadow="filterShadow"
            padding={4}
          >
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <CardButton
                type="button"
                aria-pressed={on}
                aria-describedby={hintId}
                aria-label={t('audit.summary.filter', '{label}: {count, plural, one {# entry} other {# entries}}. Filter by this flag', { label: flagLabel(t, flag), count: counts?.[flag] ?? 0 })}
                onClick={() => onPick(on ? undefined : flag)}
              >
                <Typography variant="sigma" textColor={on ? 'primary700' : 'neutral600'}>
                  {flagLabel(t, flag)}
                </Typography>{' '}
                <Typography variant="alpha" tag="span" textColor={(counts?.[flag] ?? 0) > 0 ? 'neutral800' : 'neutral600'}>
                  {counts ? counts[flag] : '–'}
                </Typography>
              </CardButton>
              <Typography variant="pi" textColor="neutral600" id={hintId}>
                {flagHint(t, flag)}
              </Typography>
            </Flex>
          </Box>
        );
      })}
    </Box>
  );
};
