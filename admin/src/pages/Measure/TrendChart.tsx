import { VisuallyHidden } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTranslation } from '../../utils/getTranslation';
import { COLORS } from './format';
import type { CtaKpi } from '../../../../shared/contracts';

const W = 320;
const H = 130;
const PAD = { top: 12, right: 8, bottom: 22, left: 36 };

/**
 * Bars of the KPI per period (a running period: solid so far, dashed up to its projection) and the target
 * line. Screen readers get the same numbers as a table (the picture is hidden from them).
 */
export const TrendChart = ({ kpi, label }: { kpi: CtaKpi; label: string }) => {
  const { formatNumber, formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const n = (v: number | null) => (v === null ? '–' : formatNumber(v));
  const points = kpi.trend;
  const max = Math.max(1, kpi.target ?? 0, kpi.baseline ?? 0, ...points.map((p) => Math.max(p.value ?? 0, p.projected ?? 0))) * 1.1;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const slot = innerW / Math.max(1, points.length);
  const barW = Math.min(34, slot * 0.6);
  const last = points.length - 1;
  const statusColor = COLORS[kpi.status];
  return (
    <>
    <VisuallyHidden>
      <table>
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('measure.trend.period', 'Period')}</th>
            <th scope="col">{t('measure.trend.value', 'Value')}</th>
            <th scope="col">{t('measure.trend.projected', 'Projected')}</th>
            <th scope="col">{t('measure.trend.target', 'Target')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.period}>
              <th scope="row">{p.period}</th>
              <td>{n(p.value)}</td>
              <td>{n(p.projected)}</td>
              <td>{n(kpi.target)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" aria-hidden="true" focusable="false" style={{ display: 'block', maxHeight: 180 }}>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke={COLORS.grid} />
          <text x={PAD.left - 4} y={y(max * f) + 3} fontSize="9" textAnchor="end" fill={COLORS.muted}>
            {formatNumber(Math.round(max * f), { notation: 'compact' })}
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const x = PAD.left + slot * i + (slot - barW) / 2;
        const current = i === last;
        return (
          <g key={p.period}>
            <title>{`${p.period}: ${p.value ?? '–'}${p.projected !== null ? ` (→ ${p.projected})` : ''}`}</title>
            {p.projected !== null && p.projected > (p.value ?? 0) && (
              <rect x={x} y={y(p.projected)} width={barW} height={y(p.value ?? 0) - y(p.projected)} fill="none" stroke={statusColor} strokeDasharray="3 2" />
            )}
            {p.value !== null && (
              <rect x={x} y={y(p.value)} width={barW} height={Math.max(0, y(0) - y(p.value))} fill={current ? statusColor : COLORS.primaryLight} rx={2} />
            )}
            <text x={x + barW / 2} y={H - 8} fontSize="9" textAnchor="middle" fill={current ? COLORS.text : COLORS.muted}>
              {p.period.length > 7 ? p.period.slice(5) : p.period}
            </text>
          </g>
        );
      })}
      {kpi.target !== null && (
        <g>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(kpi.target)} y2={y(kpi.target)} stroke={COLORS.text} strokeDasharray="5 3" />
          <text x={W - PAD.right} y={y(kpi.target) - 3} fontSize="9" textAnchor="end" fill={COLORS.text}>
            {formatNumber(kpi.target)}
          </text>
        </g>
      )}
    </svg>
    </>
  );
};
