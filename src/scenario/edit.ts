import { type Draft, enablePatches, type Patch, produceWithPatches } from "immer";
import { activeBands, boxesAt, boxOfProcess, type FaultBand, faultBands, partitionSidesAt } from "./faults";
import type { Action, Scenario } from "./schema";
import { validateScenario } from "./validate";

// Small named edits of a scenario. Each is plain data in, plain data out (an immer recipe run by `applyEdit`),
// and every result is validated like untrusted input, so an impossible edit becomes a message, never a run.
// New timeline actions are appended: the indices of existing ones do not move, so the past stays identical.

enablePatches();

export type PartitionKind = "drop" | "reject";

export interface Edit {
  /** What the edit does, for the undo history and messages ("partition box1 at 30.0 s"). */
  label: string;
  /** Changes the draft, or calls `fail` with a problem, which discards the edit. */
  run: (draft: Draft<Scenario>, base: Scenario, fail: (problem: string) => void) => void;
}

export type EditOutcome =
  | { ok: true; scenario: Scenario; patches: Patch[]; inverse: Patch[] }
  | { ok: false; problems: string[] };

export function applyEdit(s: Scenario, edit: Edit): EditOutcome {
  let problem: string | null = null;
  const [next, patches, inverse] = produceWithPatches(s, (d) => {
    edit.run(d, s, (p) => {
      problem ??= p;
    });
  });
  if (problem) return { ok: false, problems: [`Cannot ${edit.label}: ${problem}`] };
  if (!patches.length) return { ok: false, problems: [`Cannot ${edit.label}: it changes nothing`] };
  const v = validateScenario(next);
  if (!v.ok) return { ok: false, problems: v.problems.map((p) => `Cannot ${edit.label}: ${p}`) };
  return { ok: true, scenario: next, patches, inverse };
}

export const secondsText = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A fresh fault id with this prefix, unused by the timeline (read from the draft, so edits in one step differ). */
function freshId(s: Draft<Scenario> | Scenario, prefix: string): string {
  const used = new Set(s.timeline.flatMap((a) => ("id" in a && a.id ? [a.id] : [])));
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Ends a network fault at t: a heal naming it (giving it an id if it had none), or removes it if it starts at t. */
function endNetworkFault(d: Draft<Scenario>, s: Scenario, band: FaultBand, tMs: number, drop: Set<number>): void {
  // A later heal of this fault alone would now be a no-op; a heal of everything still serves the others.
  const end = band.end === null ? null : s.timeline[band.end]!;
  if (band.end !== null && end?.action === "heal" && end.id) drop.add(band.end);
  if (band.fromMs === tMs) {
    drop.add(band.start);
    return;
  }
  const a = d.timeline[band.start]!;
  if (a.action !== "partition" && a.action !== "cut") return;
  a.id ??= freshId(d, a.action === "partition" ? "part" : "cut");
  d.timeline.push({ atMs: tMs, action: "heal", id: a.id });
}

function removeIndices(d: Draft<Scenario>, drop: Set<number>): void {
  for (const i of [...drop].sort((a, b) => b - a)) d.timeline.splice(i, 1);
}

/** Cut one box off from every other box at t (drag a box out of its side onto empty space). */
export function isolateBox(atMs: number, box: string, kind: PartitionKind): Edit {
  return {
    label: `cut ${box} off at ${secondsText(atMs)}`,
    run: (d, s, fail) => {
      if (!boxesAt(s, atMs).includes(box)) return fail(`there is no box "${box}" at ${secondsText(atMs)}`);
      const side = partitionSidesAt(s, atMs).find((g) => g.includes(box))!;
      if (side.length === 1) return fail(`${box} is already cut off from every other box at ${secondsText(atMs)}`);
      d.timeline.push({ atMs, action: "partition", id: freshId(d, "part"), groups: [[box]], kind });
    },
  };
}

/**
 * Move a box to another side of the partition at t (or back to the others, which heals). The active
 * partitions end at t and one partition with the new sides replaces them; it keeps their latest heal time.
 */
export function moveBoxToSide(atMs: number, box: string, side: readonly string[], kind: PartitionKind): Edit {
  return {
    label: `move ${box} to the side of ${side.filter((b) => b !== box).join(", ")} at ${secondsText(atMs)}`,
    run: (d, s, fail) => {
      const bands = faultBands(s);
      const sides = partitionSidesAt(s, atMs, bands);
      const from = sides.find((g) => g.includes(box));
      const to = sides.find((g) => side.some((b) => g.includes(b) && b !== box));
      if (!from) return fail(`there is no box "${box}" at ${secondsText(atMs)}`);
      if (!to) return fail(`no side holds ${side.join(", ")} at ${secondsText(atMs)}`);
      if (to === from) return fail(`${box} is already on that side`);
      const next = sides.map((g) => (g === from ? g.filter((b) => b !== box) : g === to ? [...g, box] : g));
      const kept = next.filter((g) => g.length > 0);
      const active = activeBands(bands, atMs).filter((b) => b.kind === "partition");
      const drop = new Set<number>();
      for (const band of active) endNetworkFault(d, s, band, atMs, drop);
      if (kept.length > 1) {
        const largest = kept.reduce((a, b) => (b.length > a.length ? b : a));
        const id = freshId(d, "part");
        d.timeline.push({ atMs, action: "partition", id, groups: kept.filter((g) => g !== largest), kind });
        const ends = active.map((b) => b.toMs);
        if (ends.length && ends.every((t) => t !== null)) {
          const healMs = Math.max(...(ends as number[]));
          d.timeline.push({ atMs: healMs, action: "heal", id });
        }
      }
      removeIndices(d, drop);
    },
  };
}

/** Cut the direction from → to between two boxes at t. */
export function addCut(atMs: number, from: string, to: string, kind: PartitionKind): Edit {
  return {
    label: `cut ${from} → ${to} at ${secondsText(atMs)}`,
    run: (d, s, fail) => {
      const present = boxesAt(s, atMs);
      for (const b of [from, to])
        if (!present.includes(b)) return fail(`there is no box "${b}" at ${secondsText(atMs)}`);
      if (from === to) return fail("a box cannot be cut from itself");
      d.timeline.push({ atMs, action: "cut", id: freshId(d, "cut"), from, to, kind });
    },
  };
}

/** End the network fault that starts at timeline index `start`, at t. */
export function healFault(start: number, atMs: number): Edit {
  return {
    label: `heal at ${secondsText(atMs)}`,
    run: (d, s, fail) => {
      const band = faultBands(s).find((b) => b.start === start);
      if (!band || (band.kind !== "partition" && band.kind !== "cut")) return fail("there is no such partition or cut");
      if (band.fromMs > atMs || (band.toMs !== null && band.toMs <= atMs))
        return fail(`${band.label} is not active at ${secondsText(atMs)}`);
      const drop = new Set<number>();
      endNetworkFault(d, s, band, atMs, drop);
      removeIndices(d, drop);
    },
  };
}

export type ProcessFault = "crash" | "restart" | "pause" | "resume";

/** Crash, restart, pause or resume a box or a process at t. */
export function processFault(atMs: number, action: ProcessFault, target: string): Edit {
  return {
    label: `${action} ${target} at ${secondsText(atMs)}`,
    run: (d, s, fail) => {
      const box = boxOfProcess(s, target);
      if (!box || !boxesAt(s, atMs).includes(box.id))
        return fail(`there is no box or process "${target}" at ${secondsText(atMs)}`);
      const active = activeBands(faultBands(s), atMs);
      const down = (kind: "crash" | "pause") =>
        active.some((b) => b.kind === kind && (b.targets.includes(target) || b.targets.includes(box.id)));
      if (action === "crash" && down("crash")) return fail(`${target} is already down at ${secondsText(atMs)}`);
      if (action === "restart" && !down("crash")) return fail(`${target} is not down at ${secondsText(atMs)}`);
      if (action === "pause" && down("pause")) return fail(`${target} is already paused at ${secondsText(atMs)}`);
      if (action === "resume" && !down("pause")) return fail(`${target} is not paused at ${secondsText(atMs)}`);
      d.timeline.push({ atMs, action, target });
    },
  };
}

/** Any other timeline action (REPLICAOF, SENTINEL FAILOVER / RESET, VIP move, add or remove a box). */
export function addAction(action: Action, label: string): Edit {
  return {
    label: `${label} at ${secondsText(action.atMs)}`,
    run: (d) => {
      d.timeline.push(action);
    },
  };
}

function bandOf(s: Scenario, start: number): FaultBand | undefined {
  return faultBands(s).find((b) => b.start === start);
}

/** Shift a fault and its end by deltaMs, kept inside the run. */
export function moveFault(start: number, deltaMs: number): Edit {
  return {
    label: "move a fault",
    run: (d, s, fail) => {
      const band = bandOf(s, start);
      if (!band) return fail("there is no fault there");
      const last = band.toMs ?? band.fromMs;
      const delta = Math.max(-band.fromMs, Math.min(s.durationMs - last, Math.round(deltaMs)));
      d.timeline[band.start]!.atMs = band.fromMs + delta;
      if (band.end !== null) d.timeline[band.end]!.atMs = band.toMs! + delta;
    },
  };
}

/** Move the start or the end of a fault (stretch its band); an open-ended fault gets an end. */
export function setFaultEdge(start: number, edge: "start" | "end", atMs: number): Edit {
  return {
    label: `move the ${edge} of a fault to ${secondsText(atMs)}`,
    run: (d, s, fail) => {
      const band = bandOf(s, start);
      if (!band) return fail("there is no fault there");
      const t = Math.max(0, Math.min(s.durationMs, Math.round(atMs)));
      if (edge === "start") {
        if (band.toMs !== null && t >= band.toMs) return fail("a fault must start before it ends");
        d.timeline[band.start]!.atMs = t;
        return;
      }
      if (t <= band.fromMs) return fail("a fault must end after it starts");
      if (band.end !== null) {
        d.timeline[band.end]!.atMs = t;
        return;
      }
      const a = d.timeline[band.start]!;
      if (a.action === "partition" || a.action === "cut") {
        a.id ??= freshId(d, a.action === "partition" ? "part" : "cut");
        d.timeline.push({ atMs: t, action: "heal", id: a.id });
      } else if (a.action === "crash") d.timeline.push({ atMs: t, action: "restart", target: a.target });
      else if (a.action === "pause") d.timeline.push({ atMs: t, action: "resume", target: a.target });
    },
  };
}

/** Delete a fault together with the action that ends it (a heal of everything stays for the others). */
export function deleteFault(start: number): Edit {
  return {
    label: "delete a fault",
    run: (d, s, fail) => {
      const bands = faultBands(s);
      const band = bands.find((b) => b.start === start);
      if (!band) return fail("there is no fault there");
      const drop = new Set([band.start]);
      const shared = band.end !== null && bands.some((b) => b !== band && b.end === band.end);
      if (band.end !== null && !shared) drop.add(band.end);
      removeIndices(d, drop);
    },
  };
}

export function moveAction(index: number, atMs: number): Edit {
  return {
    label: `move an action to ${secondsText(atMs)}`,
    run: (d, s, fail) => {
      if (!s.timeline[index]) return fail("there is no action there");
      d.timeline[index]!.atMs = Math.max(0, Math.min(s.durationMs, Math.round(atMs)));
    },
  };
}

export function deleteAction(index: number): Edit {
  return {
    label: "delete an action",
    run: (d, s, fail) => {
      if (!s.timeline[index]) return fail("there is no action there");
      d.timeline.splice(index, 1);
    },
  };
}
