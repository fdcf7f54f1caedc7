import type { ScaleLinear } from "d3";
import { type KeyboardEvent, useRef, useState } from "react";
import { deleteFault, moveFault, setFaultEdge } from "../../scenario/edit";
import type { FaultBand } from "../../scenario/faults";
import { useLab, useLabStore } from "../../store/context";
import { secs } from "../format";
import { useSvgDrag } from "../useSvgDrag";
import { FAULT_H } from "./geometry";

// Faults as bands from start to heal/restart/resume: drag to move, drag an edge to stretch, Delete removes.
// A drag previews in component state and becomes one scenario edit when it ends.

const snap = (ms: number) => Math.round(ms / 100) * 100;

/** The label cut to the band's width (about 6.2 px per character at the timeline's font size). */
function clip(label: string, width: number): string {
  const n = Math.floor(width / 6.2);
  if (n < 4) return "";
  return label.length <= n ? label : `${label.slice(0, n - 1)}…`;
}

interface Props {
  band: FaultBand;
  lane: number;
  y0: number;
  x: ScaleLinear<number, number>;
  endMs: number;
}

type Preview = { kind: "move"; delta: number } | { kind: "start" | "end"; at: number };

function Band({ band, lane, y0, x, endMs }: Props) {
  const store = useLabStore();
  const selected = useLab((s) => s.selectedAction === band.start);
  const [preview, setPreview] = useState<Preview | null>(null);
  const origin = useRef(0);
  const body = useRef<SVGRectElement>(null);
  const left = useRef<SVGRectElement>(null);
  const right = useRef<SVGRectElement>(null);
  const toMs = band.toMs ?? endMs;
  const from =
    preview?.kind === "move" ? band.fromMs + preview.delta : preview?.kind === "start" ? preview.at : band.fromMs;
  const to = preview?.kind === "move" ? toMs + preview.delta : preview?.kind === "end" ? preview.at : toMs;
  const edit = store.getState().edit;

  useSvgDrag(body, {
    start: (px) => {
      origin.current = px;
      store.getState().selectAction(band.start);
    },
    move: (px) => setPreview({ kind: "move", delta: snap(x.invert(px) - x.invert(origin.current)) }),
    end: (px) => {
      setPreview(null);
      const delta = snap(x.invert(px) - x.invert(origin.current));
      if (delta !== 0) edit(moveFault(band.start, delta));
    },
  });
  const edge = (which: "start" | "end") => ({
    move: (px: number) => setPreview({ kind: which, at: snap(x.invert(px)) }),
    end: (px: number) => {
      setPreview(null);
      edit(setFaultEdge(band.start, which, snap(x.invert(px))));
    },
  });
  useSvgDrag(left, edge("start"));
  useSvgDrag(right, edge("end"));

  const onKey = (e: KeyboardEvent) => {
    const step = e.altKey ? 100 : 1000;
    if (e.key === "Delete" || e.key === "Backspace") edit(deleteFault(band.start));
    else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      const d = e.key === "ArrowLeft" ? -step : step;
      edit(e.shiftKey ? setFaultEdge(band.start, "end", toMs + d) : moveFault(band.start, d));
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const y = y0 + lane * FAULT_H + 2;
  const h = FAULT_H - 4;
  const x1 = x(from);
  const x2 = Math.max(x1 + 4, x(to));
  const label = `${band.label} from ${secs(from)} ${band.toMs === null && !preview ? "to the end" : `to ${secs(to)}`}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it acts as one
    <g
      className={`band ${band.kind}${selected ? " selected" : ""}`}
      role="button"
      tabIndex={0}
      aria-label={`${label}. Arrows move it, Shift+arrows move its end, Delete removes it.`}
      aria-pressed={selected}
      onFocus={() => store.getState().selectAction(band.start)}
      onKeyDown={onKey}
    >
      <rect ref={body} className="band-body" x={x1} y={y} width={x2 - x1} height={h} rx={4} />
      <text className="band-label" x={x1 + 6} y={y + h - 4}>
        {clip(band.label, x2 - x1 - 12)}
      </text>
      <rect ref={left} className="band-edge" x={x1 - 3} y={y} width={7} height={h} />
      <rect ref={right} className="band-edge" x={x2 - 4} y={y} width={7} height={h} />
      {selected && (
        // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it acts as one
        <g
          className="band-delete"
          role="button"
          tabIndex={-1}
          aria-label={`Delete ${band.label}`}
          onClick={() => edit(deleteFault(band.start))}
          onKeyDown={() => undefined}
        >
          <circle cx={x2 + 10} cy={y + h / 2} r={7} />
          <text x={x2 + 10} y={y + h / 2 + 4} textAnchor="middle">
            ×
          </text>
        </g>
      )}
      <title>{label}</title>
    </g>
  );
}

export function FaultBands(props: Omit<Props, "band" | "lane"> & { bands: FaultBand[]; lanes: number[] }) {
  const { bands, lanes, ...rest } = props;
  return (
    <g className="bands">
      {bands.map((b, i) => (
        <Band key={b.start} band={b} lane={lanes[i]!} {...rest} />
      ))}
    </g>
  );
}
