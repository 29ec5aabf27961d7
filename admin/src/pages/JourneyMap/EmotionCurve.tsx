import { Box, Flex, Typography, VisuallyHidden } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Phase } from '../../../../shared/contracts';
import { getTranslation } from '../../utils/getTranslation';

const HEIGHT = 120;
const PAD = 18;
/** −2 (bottom) … +2 (top) as a y coordinate in the lane. */
const yOf = (score: number) => PAD + ((2 - score) / 4) * (HEIGHT - 2 * PAD);

/**
 * The emotion curve across the phases: a line through each phase's score (−2…+2), with the emotion's
 * label under each point. Phases without a score leave a break in the line. The picture is hidden from
 * screen readers, which read the same points as a list: each phase's emotion and score.
 */
export const EmotionCurve = ({ phases }: { phases: Phase[] }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const signed = (score: number) => `${score > 0 ? '+' : score < 0 ? '−' : ''}${Math.abs(score)}`;
  const n = phases.length;
  const segments: string[] = [];
  let current: string[] = [];
  phases.forEach((p, i) => {
    if (p.emotionScore === null || p.emotionScore === undefined) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${((i + 0.5) / n) * 1000},${yOf(p.emotionScore)}`);
  });
  if (current.length) segments.push(current.join(' '));

  return (
    <Box position="relative" style={{ height: HEIGHT }} data-testid="emotion-curve">
      <VisuallyHidden>
        <ol aria-label={t('emotion.list', 'Emotion by phase')}>
          {phases.map((p) => (
            <li key={p.documentId}>
              {p.emotionScore === null || p.emotionScore === undefined
                ? t('emotion.none', '{phase}: no emotion recorded', { phase: p.name })
                : p.emotionLabel
                  ? t('emotion.point', '{phase}: {label}, {score} on a scale from −2 to +2', { phase: p.name, label: p.emotionLabel, score: signed(p.emotionScore) })
                  : t('emotion.score', '{phase}: {score} on a scale from −2 to +2', { phase: p.name, score: signed(p.emotionScore) })}
            </li>
          ))}
        </ol>
      </VisuallyHidden>
      <svg width="100%" height={HEIGHT} viewBox={`0 0 1000 ${HEIGHT}`} preserveAspectRatio="none" style={{ position: 'absolute', inset: 0 }} aria-hidden>
        <line x1="0" x2="1000" y1={yOf(0)} y2={yOf(0)} stroke="#dcdce4" strokeDasharray="4 4" vectorEffect="non-scaling-stroke" />
        {segments.map((points) => (
          <polyline key={points} points={points} fill="none" stroke="#4945ff" strokeWidth={3} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
        ))}
      </svg>
      <div aria-hidden style={{ position: 'absolute', inset: 0, display: 'grid', gridTemplateColumns: `repeat(${n}, 1fr)` }}>
        {phases.map((p) => (
          <div key={p.documentId} style={{ position: 'relative' }}>
            {p.emotionScore !== null && p.emotionScore !== undefined && (
              // Low points carry their label above them, so it stays inside the lane.
              <Flex
                direction={p.emotionScore < 0 ? 'column-reverse' : 'column'}
                alignItems="center"
                gap={1}
                style={
                  p.emotionScore < 0
                    ? { position: 'absolute', left: '50%', top: yOf(p.emotionScore) + 7, transform: 'translate(-50%, -100%)' }
                    : { position: 'absolute', left: '50%', top: yOf(p.emotionScore) - 7, transform: 'translateX(-50%)' }
                }
              >
                <span
                  title={`${p.emotionScore > 0 ? '+' : ''}${p.emotionScore}`}
                  style={{ width: 14, height: 14, borderRadius: '50%', background: p.emotionScore < 0 ? '#d02b20' : p.emotionScore > 0 ? '#328048' : '#8e8ea9', border: '2px solid #fff', boxShadow: '0 0 0 1px #4945ff' }}
                />
                <Typography variant="pi" textColor="neutral700" style={{ whiteSpace: 'nowrap', background: 'rgba(255,255,255,0.85)', padding: '0 4px' }}>
                  {p.emotionLabel ?? ''} ({p.emotionScore > 0 ? '+' : ''}
                  {p.emotionScore})
                </Typography>
              </Flex>
            )}
          </div>
        ))}
      </div>
    </Box>
  );
};
