import type { IntlShape } from 'react-intl';
import type { NextContentItem } from '../../../../shared/contracts';
import { getTranslation } from '../../utils/getTranslation';

/** A ranked cell's reasons in words, the strongest known ones: "Busy parent is priority 1 · …". */
export function reasonsOf(item: NextContentItem, intl: Pick<IntlShape, 'formatMessage' | 'formatNumber'>): string[] {
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => intl.formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const pct = (share: number) => intl.formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
  const { persona, cta, emotion, dropOff, gapAge } = item.parts;
  const phase = item.phase.name;
  const reasons: string[] = [];
  if (persona.name && persona.rank !== null) reasons.push(t('next.reason.persona', '{persona} is priority {rank}', { persona: persona.name, rank: persona.rank }));
  if (cta.kind === 'none') reasons.push(t('next.reason.noCta', '{phase} has no CTA', { phase }));
  if (cta.kind === 'behind' && cta.shortfall !== null) reasons.push(t('next.reason.ctaBehind', '{phase}’s CTA is {pct} behind target', { phase, pct: pct(cta.shortfall) }));
  if (cta.kind === 'onTarget') reasons.push(t('next.reason.ctaOnTarget', '{phase}’s CTA is on target', { phase }));
  if (cta.kind === 'noData') reasons.push(t('next.reason.ctaNoData', '{phase}’s CTA has no measured KPI yet', { phase }));
  // Only a low point is a reason; a neutral or happy phase weighs less and is not worth a word.
  if (emotion.score !== null && emotion.score < 0) reasons.push(t('next.reason.emotionLow', 'a low point of the emotion curve ({score})', { score: emotion.score }));
  if (dropOff.share !== null) reasons.push(t('next.reason.dropOff', '{pct} of sessions stop here', { pct: pct(dropOff.share) }));
  if (gapAge.days !== null) reasons.push(t('next.reason.gapAge', '{days, plural, =0 {a gap since today} one {a gap for # day} other {a gap for # days}}', { days: gapAge.days }));
  if (item.staleOrDraft > 0) reasons.push(t('next.reason.refresh', '{count, plural, one {# stale or draft entry} other {# stale or draft entries}} to refresh', { count: item.staleOrDraft }));
  return reasons;
}
