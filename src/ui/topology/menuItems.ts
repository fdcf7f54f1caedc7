import type { WorldState } from "../../analysis/stateAt";
import {
  addAction,
  addCut,
  type Edit,
  healFault,
  isolateBox,
  moveBoxToSide,
  type PartitionKind,
  processFault,
} from "../../scenario/edit";
import { activeBands, type FaultBand, vipsAt } from "../../scenario/faults";
import type { BoxSpec, ProcessSpec, Scenario } from "../../scenario/schema";
import { secs } from "../format";

// The actions a box's or a process's menu offers at the playhead. Each item is a named scenario edit.

export type MenuEntry = { heading: string } | { label: string; edit: Edit; disabled?: string };

export interface MenuContext {
  scenario: Scenario;
  tMs: number;
  world: WorldState | null;
  sides: string[][];
  bands: FaultBand[];
  kind: PartitionKind;
}

const item = (label: string, edit: Edit, disabled?: string): MenuEntry =>
  disabled ? { label, edit, disabled } : { label, edit };

export function boxMenu(c: MenuContext, box: BoxSpec): MenuEntry[] {
  const t = c.tMs;
  const at = `at ${secs(t)}`;
  const side = c.sides.find((g) => g.includes(box.id)) ?? [box.id];
  const down = c.world?.net?.downBoxes.includes(box.id) ?? false;
  const out: MenuEntry[] = [{ heading: `${box.label ?? box.id} ${at}` }];
  if (side.length > 1) out.push(item(`Cut off from the others (${c.kind})`, isolateBox(t, box.id, c.kind)));
  for (const other of c.sides)
    if (other !== side) {
      const names = other.join(", ");
      const back = other.length >= Math.max(...c.sides.map((g) => g.length));
      out.push(item(`${back ? "Reconnect to" : "Move next to"} ${names}`, moveBoxToSide(t, box.id, other, c.kind)));
    }
  const active = activeBands(c.bands, t);
  for (const b of active)
    if (b.kind === "cut" && b.targets[0] === box.id)
      out.push(item(`Heal the one-way cut ${box.id} → ${b.targets[1]}`, healFault(b.start, t)));
  for (const other of c.sides.flat())
    if (other !== box.id && !active.some((b) => b.kind === "cut" && b.targets[0] === box.id && b.targets[1] === other))
      out.push(item(`Cut one way: ${box.id} → ${other} (${c.kind})`, addCut(t, box.id, other, c.kind)));
  const crashed = active.some((b) => b.kind === "crash" && b.targets.includes(box.id));
  const paused = active.some((b) => b.kind === "pause" && b.targets.includes(box.id));
  out.push({ heading: "The whole box" });
  if (crashed) out.push(item("Restart the box", processFault(t, "restart", box.id)));
  else out.push(item("Crash the box", processFault(t, "crash", box.id), down ? "the box is down" : undefined));
  out.push(
    paused
      ? item("Resume the box", processFault(t, "resume", box.id))
      : item("Pause the box (SIGSTOP)", processFault(t, "pause", box.id), down ? "the box is down" : undefined),
  );
  out.push(
    item("Remove the box (scale in)", addAction({ atMs: t, action: "remove-box", target: box.id }, `remove ${box.id}`)),
  );
  return out;
}

function aliveAt(c: MenuContext, p: ProcessSpec): { alive: boolean; paused: boolean } {
  const snap =
    p.kind === "redis" ? c.world?.redis[p.id] : p.kind === "sentinel" ? c.world?.sentinel[p.id] : c.world?.client[p.id];
  return { alive: snap?.alive ?? false, paused: snap && "paused" in snap ? snap.paused : false };
}

export function processMenu(c: MenuContext, p: ProcessSpec): MenuEntry[] {
  const t = c.tMs;
  const { alive, paused } = aliveAt(c, p);
  const out: MenuEntry[] = [{ heading: `${p.id} at ${secs(t)}` }];
  out.push(
    alive
      ? item(`Crash ${p.id}`, processFault(t, "crash", p.id))
      : item(`Restart ${p.id}`, processFault(t, "restart", p.id)),
  );
  if (p.kind !== "client")
    out.push(
      paused
        ? item(`Resume ${p.id}`, processFault(t, "resume", p.id))
        : item(`Pause ${p.id} (SIGSTOP)`, processFault(t, "pause", p.id), alive ? undefined : "it is down"),
    );
  const down = alive ? undefined : "it is down";
  if (p.kind === "redis") {
    const snap = c.world?.redis[p.id];
    const peers = c.scenario.boxes
      .flatMap((b) => b.processes)
      .filter((x) => x.kind === "redis" && x.group === p.group && x.id !== p.id);
    out.push({ heading: "Operator" });
    if (snap?.role === "replica")
      out.push(
        item(
          "REPLICAOF NO ONE (promote by hand)",
          addAction({ atMs: t, action: "replicaof", target: p.id, master: null }, `REPLICAOF NO ONE on ${p.id}`),
          down,
        ),
      );
    for (const m of peers)
      if (snap?.master !== m.id)
        out.push(
          item(
            `REPLICAOF ${m.id}`,
            addAction({ atMs: t, action: "replicaof", target: p.id, master: m.id }, `REPLICAOF ${m.id} on ${p.id}`),
            down,
          ),
        );
    for (const [vip, target] of vipsAt(c.scenario, t))
      if (target !== p.id)
        out.push(
          item(
            `Move virtual IP ${vip} here`,
            addAction({ atMs: t, action: "vip-move", vip, to: p.id }, `move ${vip} to ${p.id}`),
          ),
        );
  }
  if (p.kind === "sentinel") {
    out.push({ heading: "Operator" });
    for (const g of p.monitors ?? c.scenario.groups.map((x) => x.name))
      out.push(
        item(
          `SENTINEL FAILOVER ${g}`,
          addAction(
            { atMs: t, action: "sentinel-failover", sentinel: p.id, group: g },
            `SENTINEL FAILOVER ${g} on ${p.id}`,
          ),
          down,
        ),
      );
    out.push(
      item(
        "SENTINEL RESET *",
        addAction({ atMs: t, action: "sentinel-reset", sentinel: p.id, pattern: "*" }, `SENTINEL RESET * on ${p.id}`),
        down,
      ),
    );
  }
  return out;
}
