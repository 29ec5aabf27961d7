import { Badge, type BadgeProps } from '@strapi/design-system';

export type BadgeTone = 'success' | 'danger' | 'warning' | 'primary' | 'secondary' | 'alternative' | 'neutral';

/**
 * The design system's badge in colours whose contrast passes WCAG 2.1 AA (4.5:1) in the light and the
 * dark theme. Its own variants draw the `…700` text on the `…200` background, which falls short for
 * danger (3.88:1), warning (3.61:1) and alternative (4.41:1): here the background is the `…100` token
 * with a `…200` border, and the warning family, whose darkest text token still falls short on its
 * lightest background (4.03:1), has neutral text with a warning border. The state is always in the
 * badge's text, never in its colour alone.
 */
const TONES: Record<BadgeTone, { background: string; border: string; text: string }> = {
  success: { background: 'success100', border: 'success200', text: 'success700' },
  danger: { background: 'danger100', border: 'danger200', text: 'danger700' },
  warning: { background: 'warning100', border: 'warning500', text: 'neutral800' },
  primary: { background: 'primary100', border: 'primary200', text: 'primary700' },
  secondary: { background: 'secondary100', border: 'secondary200', text: 'secondary700' },
  alternative: { background: 'alternative100', border: 'alternative200', text: 'alternative700' },
  neutral: { background: 'neutral100', border: 'neutral200', text: 'neutral700' },
};

export const StatusBadge = ({ tone, ...props }: Omit<BadgeProps, 'variant' | 'backgroundColor' | 'textColor'> & { tone: BadgeTone }) => {
  const c = TONES[tone];
  return (
    <Badge
      backgroundColor={c.background as BadgeProps['backgroundColor']}
      textColor={c.text as BadgeProps['textColor']}
      borderColor={c.border as BadgeProps['borderColor']}
      borderStyle="solid"
      borderWidth="1px"
      {...props}
    />
  );
};
