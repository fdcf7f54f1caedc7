import type { ScaleLinear } from "d3";
import { type KeyboardEvent, useRef, useState } from "react";
import { describeAction } from "../../scenario/describe";
import { deleteAction, moveAction } from "../../scenario/edit";
import type { Action } from "../../scenario/schema";
import { useLab, useLabStore } from "../../store/context";
import { secs } from "../format";
import { useSvgDrag } from "../useSvgDrag";
import { ACTION_H } from "./geometry";

// Operator actions and lone heals/restarts: diamonds on their own lane, moveable and deletable.

function Mark({ index, action, x, y }: { index: number; action: Action; x: ScaleLinear<number, number>; y: number }) {
  const store = useLabStore();
  const selected = useLab((s) => s.selectedAction === index);
  const [at, setAt] = useState<number | null>(null);
  const ref = useRef<SVGGElement>(null);
  const edit = store.getState().edit;
  useSvgDrag(ref, {
    start: () => store.getState().selectAction(index),
    move: (px) => setAt(Math.round(x.invert(px) / 100) * 100),
    end: (px) => {
      setAt(null);
      const t = Math.round(x.invert(px) / 100) * 100;
      if (t !== action.atMs) edit(moveAction(index, t));
    },
  });
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Delete" || e.key === "Backspace") edit(deleteAction(index));
    else if (e.key === "ArrowLeft" || e.key === "ArrowRight")
      edit(moveAction(index, action.atMs + (e.key === "ArrowLeft" ? -1000 : 1000)));
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const cx = x(at ?? action.atMs);
  const cy = y + ACTION_H / 2;
  const label = `${describeAction(action)} at ${secs(at ?? action.atMs)}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it acts as one
    <g
      ref={ref}
      className={`action-mark${selected ? " selected" : ""}`}
      role="button"
      tabIndex={0}
      aria-label={`${label}. Arrows move it, Delete removes it.`}
      aria-pressed={selected}
      onFocus={() => store.getState().selectAction(index)}
      onKeyDown={onKey}
    >
      <path d={`M${cx},${cy - 7} L${cx + 7},${cy} L${cx},${cy + 7} L${cx - 7},${cy} z`} />
      <title>{label}</title>
    </g>
  );
}

export function ActionMarks({
  indices,
  timeline,
  x,
  y,
}: {
  indices: number[];
  timeline: Action[];
  x: ScaleLinear<number, number>;
  y: number;
}) {
  return (
    <g className="action-marks">
      {indices.map((i) => (
        <Mark key={i} index={i} action={timeline[i]!} x={x} y={y} />
      ))}
    </g>
  );
}
