import type { Overview } from '@clara/contract';
import { useSyncExternalStore } from 'react';
import { formatDay } from '../../lib/format-date';
import { niceTicks } from './nice-ticks';

const height = 180;
const phone = '(max-width: 640px)';

/** True on a narrow screen: the chart is drawn narrower there, so its labels are not shrunk to 5 px. */
function useNarrow(): boolean {
  return useSyncExternalStore(
    (change) => {
      const query = window.matchMedia(phone);
      query.addEventListener('change', change);
      return () => query.removeEventListener('change', change);
    },
    () => window.matchMedia(phone).matches,
  );
}
const pad = { top: 12, right: 8, bottom: 24, left: 28 };

/** Stacked bars per day: answered (primary) and gaps (amber). Plain SVG. */
export function DailyChart({ days }: { days: Overview['per_day'] }) {
  // Drawn at about the width it is shown at (640 on a desktop card, 340 on a phone).
  const width = useNarrow() ? 340 : 640;
  const ticks = niceTicks(Math.max(1, ...days.map((d) => d.answered + d.gaps)));
  // The axis ends at the last round tick, so every bar fits under it.
  const max = ticks[ticks.length - 1] ?? 1;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / Math.max(1, days.length);
  const bar = Math.max(4, slot * 0.6);
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label="Answered questions and gaps per day"
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} className="grid" />
          <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" className="axis">
            {t}
          </text>
        </g>
      ))}
      {days.map((d, i) => {
        const x = pad.left + i * slot + (slot - bar) / 2;
        return (
          <g key={d.day}>
            <title>{`${formatDay(d.day)}: ${d.answered} answered, ${d.gaps} gaps`}</title>
            <rect
              x={x}
              width={bar}
              y={y(d.answered)}
              height={y(0) - y(d.answered)}
              className="bar-answered"
              rx={2}
            />
            <rect
              x={x}
              width={bar}
              y={y(d.answered + d.gaps)}
              height={y(0) - y(d.gaps)}
              className="bar-gap"
              rx={2}
            />
            {i % 2 === days.length % 2 ? null : (
              <text x={x + bar / 2} y={height - 6} textAnchor="middle" className="axis">
                {formatDay(d.day)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
