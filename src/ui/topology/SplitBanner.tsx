import type { WorldState } from "../../analysis/stateAt";
import type { Scenario } from "../../scenario/schema";

// A split brain is unmistakable: a banner names the group and its masters, and their rows turn red.

export interface SplitNow {
  group: string;
  masters: string[];
}

/** Groups with two or more masters accepting writes at the playhead (the same rule as outcomes.splitBrains). */
export function splitMastersAt(scenario: Scenario, world: WorldState | null): SplitNow[] {
  if (!world) return [];
  const byGroup = new Map<string, string[]>();
  for (const b of scenario.boxes.concat(scenario.timeline.flatMap((a) => (a.action === "add-box" ? [a.box] : []))))
    for (const p of b.processes) {
      if (p.kind !== "redis") continue;
      const s = world.redis[p.id];
      if (s?.accepting && !s.paused) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p.id]);
    }
  return [...byGroup].filter(([, m]) => m.length > 1).map(([group, masters]) => ({ group, masters }));
}

export function SplitBanner({ split }: { split: SplitNow[] }) {
  if (!split.length) return null;
  return (
    <div className="split-banner" role="status">
      {split.map((s) => (
        <p key={s.group}>
          <strong>Split brain</strong> in {s.group}: {s.masters.join(" and ")} both accept writes. Writes acknowledged
          by the losing side will be lost.
        </p>
      ))}
    </div>
  );
}
