import { useRef } from "react";
import type { WorldState } from "../../analysis/stateAt";
import type { BoxSpec, ProcessSpec } from "../../scenario/schema";
import { useSvgDrag } from "../useSvgDrag";
import { type BoxLayout, HEAD_H, type RowLayout } from "./layout";
import { ProcessRow, type Snap } from "./ProcessRow";

const NONE: string[] = [];

function snapOf(world: WorldState | null, p: ProcessSpec): Snap {
  if (!world) return null;
  return (
    (p.kind === "redis" ? world.redis[p.id] : p.kind === "sentinel" ? world.sentinel[p.id] : world.client[p.id]) ?? null
  );
}

// A box: its header (drag handle and menu) and its processes.

export interface BoxDragHandlers {
  start: (box: string, x: number, y: number) => void;
  move: (x: number, y: number) => void;
  end: (x: number, y: number) => void;
}

interface Props {
  layout: BoxLayout;
  rows: RowLayout[];
  world: WorldState | null;
  down: boolean;
  vipsByRedis: Map<string, string[]>;
  selected: string | null;
  splitMasters: ReadonlySet<string>;
  drag: BoxDragHandlers;
  onBoxMenu: (box: BoxSpec, el: Element) => void;
  onProcess: (p: ProcessSpec, el: Element) => void;
}

export function BoxCard(props: Props) {
  const { layout, rows, world, down, vipsByRedis, selected, splitMasters, onBoxMenu, onProcess } = props;
  const ref = useRef<SVGGElement>(null);
  const boxId = layout.box.id;
  useSvgDrag(ref, {
    start: (x, y) => props.drag.start(boxId, x, y),
    move: props.drag.move,
    end: props.drag.end,
  });
  const b = layout.box;
  const title = b.label ?? b.id;
  return (
    <g className={`box${down ? " down" : ""}`} data-box={b.id}>
      <rect className="box-bg" x={layout.x} y={layout.y} width={layout.w} height={layout.h} rx={8} />
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it acts as one */}
      <g
        ref={ref}
        className="box-head"
        role="button"
        tabIndex={0}
        aria-label={`${title}${b.zone ? ` in zone ${b.zone}` : ""}${down ? ", down" : ""}: drag to cut it off, Enter for actions`}
        aria-haspopup="menu"
        onClick={(e) => onBoxMenu(b, e.currentTarget)}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            e.stopPropagation();
            onBoxMenu(b, e.currentTarget);
          }
        }}
      >
        <rect className="box-head-bg" x={layout.x} y={layout.y} width={layout.w} height={HEAD_H} rx={8} />
        <text className="box-title" x={layout.x + 10} y={layout.y + 19}>
          {title}
          {down ? " · down" : ""}
        </text>
        {b.zone && (
          <text className="box-zone" x={layout.x + layout.w - 30} y={layout.y + 19} textAnchor="end">
            {b.zone}
          </text>
        )}
        <text className="box-grip" x={layout.x + layout.w - 12} y={layout.y + 20} textAnchor="middle" aria-hidden>
          ⋮
        </text>
      </g>
      {rows.map((r) => (
        <ProcessRow
          key={r.process.id}
          row={r}
          snap={snapOf(world, r.process)}
          vips={vipsByRedis.get(r.process.id) ?? NONE}
          selected={selected === r.process.id}
          splitBrain={splitMasters.has(r.process.id)}
          onActivate={onProcess}
        />
      ))}
    </g>
  );
}
