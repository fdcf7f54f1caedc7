import { memo, type ReactElement } from "react";
import type { NetSnap } from "../../model/trace";
import type { TopologyLayout } from "./layout";

// Network links between boxes. In a single row they are arcs above the boxes; a cut link is red with a ✕,
// and a one-way cut points the way packets can no longer go. Other layouts draw only the one-way cuts:
// there the sides of a partition already show which boxes cannot talk.

const ARC_MAX = 40;

export const Links = memo(function Links({ layout, net }: { layout: TopologyLayout; net: NetSnap | null }) {
  const boxes = [...layout.boxes.values()];
  // Beyond four boxes the arcs of every pair would hide the boxes they join.
  const singleRow = boxes.length <= 4 && boxes.every((b) => b.y === boxes[0]!.y);
  const cut = (a: string, b: string) => net?.cuts.some((c) => c.from === a && c.to === b) ?? false;
  const down = new Set(net?.downBoxes ?? []);
  const out: ReactElement[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const ab = cut(a.box.id, b.box.id);
      const ba = cut(b.box.id, a.box.id);
      const isDown = down.has(a.box.id) || down.has(b.box.id);
      if (!singleRow && ab === ba) continue;
      const [x1, x2] = [a.x + a.w / 2, b.x + b.w / 2];
      const y1 = singleRow ? a.y : a.y + a.h / 2;
      const y2 = singleRow ? b.y : b.y + b.h / 2;
      const rise = singleRow ? Math.min(ARC_MAX, 12 + Math.abs(x2 - x1) * 0.06) : 0;
      const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2 - rise];
      // Draw a one-way cut in the direction that is cut, so the arrow shows where packets no longer go.
      const [sx, sy, ex, ey] = ba && !ab ? [x2, y2, x1, y1] : [x1, y1, x2, y2];
      const d = singleRow ? `M${sx},${sy} Q${mx},${my - rise} ${ex},${ey}` : `M${sx},${sy} L${ex},${ey}`;
      const state = ab && ba ? "cut" : ab || ba ? "oneway" : isDown ? "off" : "up";
      const label =
        state === "cut"
          ? `${a.box.id} and ${b.box.id} cannot reach each other`
          : state === "oneway"
            ? `packets from ${ab ? a.box.id : b.box.id} to ${ab ? b.box.id : a.box.id} are cut`
            : `${a.box.id} ↔ ${b.box.id}${isDown ? " (a box is down)" : ""}`;
      out.push(
        <g key={`${a.box.id}-${b.box.id}`} className={`link ${state}`}>
          <path className="link-path" d={d} markerEnd={state === "oneway" ? "url(#arrow-cut)" : undefined}>
            <title>{label}</title>
          </path>
          {(state === "cut" || state === "oneway") && (
            <text x={mx} y={singleRow ? my + 4 : my + 4} textAnchor="middle" className="link-x">
              ✕
            </text>
          )}
        </g>,
      );
    }
  return (
    <g className="links" aria-hidden>
      {out}
    </g>
  );
});
