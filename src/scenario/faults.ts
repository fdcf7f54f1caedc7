import { describeAction } from "./describe";
import type { Action, BoxSpec, Scenario } from "./schema";

// Read-only questions about a scenario's timeline that the editor and the views share: which faults span
// which time (a band from the fault to its heal, restart or resume), which boxes exist at a time, and which
// sides the active partitions split the boxes into.

export type BandKind = "partition" | "cut" | "crash" | "pause";

export interface FaultBand {
  kind: BandKind;
  /** Timeline index of the action that starts the fault. */
  start: number;
  /** Timeline index of the heal / restart / resume that ends it; null when it lasts to the end of the run. */
  end: number | null;
  fromMs: number;
  toMs: number | null;
  /** Box or process the fault is on (crash, pause), or the boxes it separates (partition, cut). */
  targets: string[];
  label: string;
}

/** Timeline indices in the order the simulator applies them: by time, then by position. */
export function timelineOrder(s: Scenario): number[] {
  return s.timeline.map((_, i) => i).sort((a, b) => s.timeline[a]!.atMs - s.timeline[b]!.atMs || a - b);
}

export function faultId(a: Action, index: number): string {
  if (a.action === "partition") return a.id ?? `partition@${index}`;
  if (a.action === "cut") return a.id ?? `cut@${index}`;
  return `${a.action}@${index}`;
}

export function boxOfProcess(s: Scenario, id: string): BoxSpec | undefined {
  for (const b of everyBox(s)) if (b.id === id || b.processes.some((p) => p.id === id)) return b;
  return undefined;
}

/** Initial boxes, then the ones `add-box` brings, in timeline order. */
export function everyBox(s: Scenario): BoxSpec[] {
  const out = [...s.boxes];
  for (const a of s.timeline) if (a.action === "add-box") out.push(a.box);
  return out;
}

function bandLabel(s: Scenario, a: Action): string {
  switch (a.action) {
    case "partition":
    case "cut":
    case "crash":
    case "pause":
      return describeAction(a, (id) => everyBox(s).find((b) => b.id === id)?.label ?? id);
    default:
      return a.action;
  }
}

/** Every fault as a band from its start to the action that ends it; the rest of the timeline is instants. */
export function faultBands(s: Scenario): FaultBand[] {
  const open = new Map<string, FaultBand>();
  const bands: FaultBand[] = [];
  const close = (key: string, index: number) => {
    const b = open.get(key);
    if (!b) return false;
    b.end = index;
    b.toMs = s.timeline[index]!.atMs;
    open.delete(key);
    return true;
  };
  const members = (target: string) => {
    const box = everyBox(s).find((b) => b.id === target);
    return box ? [target, ...box.processes.map((p) => p.id)] : [target];
  };
  for (const i of timelineOrder(s)) {
    const a = s.timeline[i]!;
    const base = { start: i, end: null, fromMs: a.atMs, toMs: null, label: bandLabel(s, a) };
    switch (a.action) {
      case "partition":
      case "cut": {
        const key = `net:${faultId(a, i)}`;
        if (open.has(key)) break;
        const targets = a.action === "partition" ? a.groups.flat() : [a.from, a.to];
        const band: FaultBand = { ...base, kind: a.action, targets };
        open.set(key, band);
        bands.push(band);
        break;
      }
      case "heal":
        if (a.id) close(`net:${a.id}`, i);
        else for (const key of [...open.keys()]) if (key.startsWith("net:")) close(key, i);
        break;
      case "crash":
      case "pause": {
        const key = `${a.action}:${a.target}`;
        if (open.has(key)) break;
        const band: FaultBand = { ...base, kind: a.action, targets: [a.target] };
        open.set(key, band);
        bands.push(band);
        break;
      }
      case "restart":
        for (const t of members(a.target)) close(`crash:${t}`, i);
        break;
      case "resume":
        for (const t of members(a.target)) close(`pause:${t}`, i);
        break;
      default:
        break;
    }
  }
  return bands;
}

/** Timeline indices that are no band's start or end: operator actions and lone heals, restarts, resumes. */
export function instantActions(s: Scenario, bands: FaultBand[] = faultBands(s)): number[] {
  const used = new Set<number>();
  for (const b of bands) {
    used.add(b.start);
    if (b.end !== null) used.add(b.end);
  }
  return s.timeline.map((_, i) => i).filter((i) => !used.has(i));
}

/** A band is active at t from its start (inclusive) until the action that ends it (exclusive). */
export function activeBands(bands: FaultBand[], tMs: number): FaultBand[] {
  return bands.filter((b) => b.fromMs <= tMs && (b.toMs === null || b.toMs > tMs));
}

/** Boxes that exist at t: the initial ones and those added by then. */
export function boxesAt(s: Scenario, tMs: number): string[] {
  const out = s.boxes.map((b) => b.id);
  for (const a of s.timeline) if (a.action === "add-box" && a.atMs <= tMs) out.push(a.box.id);
  return out;
}

/**
 * The sides the active partitions split the boxes into at t. Two boxes share a side when every active
 * partition puts them in the same group (boxes a partition does not list form its "rest" group).
 * Sides come in the order of their first box; one-way cuts do not split sides.
 */
export function partitionSidesAt(s: Scenario, tMs: number, bands: FaultBand[] = faultBands(s)): string[][] {
  const partitions = activeBands(bands, tMs)
    .filter((b) => b.kind === "partition")
    .map((b) => s.timeline[b.start]!)
    .filter((a): a is Extract<Action, { action: "partition" }> => a.action === "partition");
  const sides = new Map<string, string[]>();
  for (const box of boxesAt(s, tMs)) {
    const key = partitions.map((p) => p.groups.findIndex((g) => g.includes(box))).join(",");
    const side = sides.get(key);
    if (side) side.push(box);
    else sides.set(key, [box]);
  }
  return [...sides.values()];
}

/** The Redis each virtual IP points at, at t: its initial address, then the last `vip-move` by then. */
export function vipsAt(s: Scenario, tMs: number): Map<string, string> {
  const out = new Map(s.vips.map((v) => [v.id, v.redis]));
  for (const i of timelineOrder(s)) {
    const a = s.timeline[i]!;
    if (a.atMs > tMs) break;
    if (a.action === "vip-move") out.set(a.vip, a.to);
  }
  return out;
}
