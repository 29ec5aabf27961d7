import { useTheme } from 'styled-components';
import type { CoverageHistoryCell } from '../../../../shared/contracts';

const WIDTH = 120;
const HEIGHT = 28;

/**
 * A cell's daily counts as a small line (inline SVG, no chart library): days without a snapshot break
 * the line, days the cell was a gap are marked on the baseline in red. Decorative: the cell's name and
 * the cell dialog's table say the same in words.
 */
export const Sparkline = ({ cell }: { cell: CoverageHistoryCell }) => {
  const theme = useTheme();
  const n = cell.counts.length;
  const max = Math.max(1, ...cell.counts.map((c) => c ?? 0));
  const x = (i: number) => (n <= 1 ? WIDTH / 2 : (i / (n - 1)) * (WIDTH - 2) + 1);
  const y = (c: number) => HEIGHT - 3 - (c / max) * (HEIGHT - 6);
  // One path, a new segment after each day without a snapshot.
  let d = '';
  let pen = false;
  cell.counts.forEach((c, i) => {
    if (c === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(c).toFixed(1)} `;
    pen = true;
  });
  const lone = cell.counts.map((c, i) => (c !== null && cell.counts[i - 1] == null && cell.counts[i + 1] == null ? i : -1)).filter((i) => i >= 0);
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden focusable="false" data-testid="sparkline" style={{ display: 'block' }}>
      <line x1={0} x2={WIDTH} y1={HEIGHT - 1.5} y2={HEIGHT - 1.5} stroke={theme.colors.neutral300} strokeWidth={1} />
      {cell.states.map((s, i) => (s === 'gap' ? <rect key={i} x={x(i) - 0.75} y={HEIGHT - 3} width={1.5} height={3} fill={theme.colors.danger600} /> : null))}
      {d && <path d={d} fill="none" stroke={theme.colors.primary600} strokeWidth={1.5} strokeLinejoin="round" />}
      {lone.map((i) => (
        <circle key={i} cx={x(i)} cy={y(cell.counts[i] as number)} r={1.5} fill={theme.colors.primary600} />
      ))}
    </svg>
  );
};
