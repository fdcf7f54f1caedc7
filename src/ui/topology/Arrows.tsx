import type { WorldState } from "../../analysis/stateAt";
import type { RowLayout, TopologyLayout } from "./layout";

// Replication arrows (replica → the master it follows) and each client's current target.

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

export function Arrows({ layout, world }: { layout: TopologyLayout; world: WorldState | null }) {
  if (!world) return null;
  const paths: Array<{ key: string; d: string; cls: string; title: string }> = [];
  for (const [id, snap] of Object.entries(world.redis)) {
    if (!snap?.alive || snap.role !== "replica" || !snap.master) continue;
    const a = layout.rows.get(id);
    const b = layout.rows.get(snap.master);
    if (a && b)
      paths.push({
        key: `r-${id}`,
        d: connector(a, b),
        cls: `arrow repl${snap.linkUp ? "" : " broken"}`,
        title: `${id} replicates from ${snap.master}${snap.linkUp ? "" : " (link down)"}`,
      });
  }
  for (const [id, snap] of Object.entries(world.client)) {
    if (!snap?.alive || !snap.target) continue;
    const a = layout.rows.get(id);
    const b = layout.rows.get(snap.target);
    if (a && b)
      paths.push({
        key: `c-${id}`,
        d: connector(a, b),
        cls: `arrow client${snap.state === "connected" ? "" : " broken"}`,
        title: `${id} writes to ${snap.target}`,
      });
  }
  return (
    <g className="arrows" aria-hidden>
      {paths.map((p) => (
        <path
          key={p.key}
          d={p.d}
          className={p.cls}
          markerEnd={`url(#${p.cls.startsWith("arrow repl") ? "arrow-repl" : "arrow-client"})`}
        >
          <title>{p.title}</title>
        </path>
      ))}
    </g>
  );
}
