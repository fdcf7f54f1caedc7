import { scaleLinear } from "d3";
import { memo } from "react";
import { useLab } from "../../store/context";
import type { ClientSeries } from "../../store/derive";

// Writes over time for one client: acknowledged and kept (green), acknowledged but lost (red),
// refused (orange), unknown outcome (grey), stacked per time bin.

const W = 380;
const H = 76;
const PAD_L = 12;
const PAD_R = 14;
const PAD_B = 14;

const Bars = memo(function Bars({ series, durationMs }: { series: ClientSeries; durationMs: number }) {
  const x = scaleLinear()
    .domain([0, durationMs])
    .range([PAD_L, W - PAD_R]);
  const max = Math.max(1, ...series.bins.map((b) => b.kept + b.lost + b.refused + b.unknown));
  const y = scaleLinear()
    .domain([0, max])
    .range([0, H - PAD_B - 4]);
  const bw = Math.max(1, x(series.binMs) - x(0) - 0.5);
  const kinds = ["kept", "lost", "refused", "unknown"] as const;
  return (
    <g>
      {series.bins.map((b, i) => {
        let base = H - PAD_B;
        const t0 = i * series.binMs;
        const bx = x(t0);
        return kinds.map((k) => {
          const h = y(b[k]);
          if (!h) return null;
          base -= h;
          return <rect key={`${t0}-${k}`} className={`bar ${k}`} x={bx} y={base} width={bw} height={h} />;
        });
      })}
      {x.ticks(5).map((t) => (
        <text key={t} className="tick" x={x(t)} y={H - 2} textAnchor="middle">
          {t / 1000}s
        </text>
      ))}
    </g>
  );
});

export function WritesChart({
  series,
  durationMs,
  label,
}: {
  series: ClientSeries;
  durationMs: number;
  label: string;
}) {
  const t = useLab((s) => s.playheadMs);
  const left = ((PAD_L + (t / durationMs) * (W - PAD_R - PAD_L)) / W) * 100;
  return (
    <div className="writes-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <Bars series={series} durationMs={durationMs} />
      </svg>
      {/* An HTML line over the chart: moving it does not repaint the bars. */}
      <div className="chart-playhead" style={{ left: `${left}%`, height: `${((H - PAD_B) / H) * 100}%` }} />
    </div>
  );
}
