import { memo } from "react";
import type { WorldState } from "../../analysis/stateAt";
import type { RowLayout, TopologyLayout } from "./layout";

// Replication arrows (replica → the master it follows) and each client's current target.

export interface ArrowSpec {
  from: string;
  to: string;
  kind: "repl" | "client";
  ok: boolean;
}

/** The arrows at the playhead; their key changes only when an arrow does, not on every frame. */
export function arrowsAt(world: WorldState | null): { specs: ArrowSpec[]; key: string } {
  const specs: ArrowSpec[] = [];
  if (world) {
    for (const [id, s] of Object.entries(world.redis))
      if (s?.alive && s.role === "replica" && s.master)
        specs.push({ from: id, to: s.master, kind: "repl", ok: s.linkUp });
    for (const [id, s] of Object.entries(world.client))
      if (s?.alive && s.target) specs.push({ from: id, to: s.target, kind: "client", ok: s.state === "connected" });
  }
  return { specs, key: specs.map((a) => `${a.from}>${a.to}${a.ok ? "" : "!"}`).join(",") };
}

function connector(a: RowLayout, b: RowLayout): string {
  const ya = a.y + a.h / 2;
  const yb = b.y + b.h / 2;
  if (b.x > a.x + a.w / 2 + 1) {
    const x1 = a.x + a.w;
    const x2 = b.x;
    const c = Math.max(30, (x2 - x1) * 0.4);
    return `M${x1},${ya} C${x1 + c},${ya} ${x2 - c},${yb} ${x2},${yb}`;
  }
  if (b.x + b.w / 2 < a.x - 1) {
    const x1 = a.x;
    const x2 = b.x + b.w;
    const c = Math.max(30, (x1 - x2) * 0.4);
    return `M${x1},${ya} C${x1 - c},${ya} ${x2 + c},${yb} ${x2},${yb}`;
  }
  // Same column: loop out to the right.
  const x = a.x + a.w;
  const bulge = 16 + Math.min(40, Math.abs(yb - ya) * 0.25);
  return `M${x},${ya} C${x + bulge},${ya} ${x + bulge},${yb} ${x},${yb}`;
}

export function ArrowDefs() {
  return (
    <defs>
      <marker id="arrow-repl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
        <path d="M0,0 L10,5 L0,10 z" className="arrow-head repl" />
      </marker>
      <marker id="arrow-client" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
        <path d="M0,0 L10,5 L0,10 z" className="arrow-head client" />
      </marker>
      <marker id="arrow-cut" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
        <path d="M0,0 L10,5 L0,10 z" className="arrow-head cut" />
      </marker>
      <pattern id="hatch-split" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="4" height="8" className="hatch" />
      </pattern>
    </defs>
  );
}

export const Arrows = memo(function Arrows({ layout, specs }: { layout: TopologyLayout; specs: ArrowSpec[] }) {
  return (
    <g className="arrows" aria-hidden>
      {specs.map((a) => {
        const from = layout.rows.get(a.from);
        const to = layout.rows.get(a.to);
        if (!from || !to) return null;
        const title =
          a.kind === "repl"
            ? `${a.from} replicates from ${a.to}${a.ok ? "" : " (link down)"}`
            : `${a.from} writes to ${a.to}`;
        return (
          <path
            key={`${a.kind}-${a.from}`}
            d={connector(from, to)}
            className={`arrow ${a.kind}${a.ok ? "" : " broken"}`}
            markerEnd={`url(#arrow-${a.kind})`}
          >
            <title>{title}</title>
          </path>
        );
      })}
    </g>
  );
});
