import type { ScaleLinear } from "d3";
import { memo } from "react";
import type { Derived } from "../../store/derive";
import { secs } from "../format";
import { GUTTER, ROLE_H, type TimelineRows } from "./geometry";

// Who is master when, one lane per Redis, grouped by replication group; split brain shaded across the group.

export const RoleLanes = memo(function RoleLanes({
  rows,
  derived,
  x,
}: {
  rows: TimelineRows;
  derived: Derived;
  x: ScaleLinear<number, number>;
}) {
  return (
    <g className="role-lanes">
      {rows.groups.map((g) => {
        const summary = derived.groups.find((s) => s.group === g.group);
        const top = g.y + 14;
        const bottom = (g.redis.at(-1)?.y ?? g.y) + ROLE_H;
        return (
          <g key={g.group}>
            <text className="lane-group" x={8} y={g.y + 12}>
              {g.group}
            </text>
            {g.redis.map((r) => (
              <g key={r.id}>
                <text className="lane-label" x={GUTTER - 8} y={r.y + ROLE_H - 4} textAnchor="end">
                  {r.id}
                </text>
                {(derived.roles[r.id] ?? []).map((s) => (
                  <rect
                    key={s.fromMs}
                    className={`lane lane-${s.state}${s.state === "master" && !s.accepting ? " refusing" : ""}`}
                    x={x(s.fromMs)}
                    y={r.y + 1}
                    width={Math.max(0.5, x(s.toMs) - x(s.fromMs))}
                    height={ROLE_H - 2}
                  >
                    <title>
                      {r.id}: {s.state}
                      {s.state === "master" && !s.accepting ? " refusing writes" : ""} {secs(s.fromMs)}–{secs(s.toMs)}
                    </title>
                  </rect>
                ))}
              </g>
            ))}
            {summary?.splitBrains.map((sb) => (
              <g key={sb.fromMs} className="split-shade" data-split-brain={g.group}>
                <rect x={x(sb.fromMs)} y={top} width={Math.max(2, x(sb.toMs) - x(sb.fromMs))} height={bottom - top} />
                <text x={x(sb.fromMs) + 4} y={g.y + 11}>
                  split brain {secs(sb.toMs - sb.fromMs)} ({sb.masters.join(" + ")})
                </text>
                <title>
                  Split brain in {g.group}: {sb.masters.join(" and ")} accepted writes at the same time from{" "}
                  {secs(sb.fromMs)} to {secs(sb.toMs)}
                </title>
              </g>
            ))}
          </g>
        );
      })}
    </g>
  );
});
