import { type Action, type Scenario, sentinelConfig } from "../src/scenario/schema";
import { median } from "./events";

/** Sentinel timers every conformance run uses, on every group, for the real run and the model alike (issue 5). */
export const CONFORMANCE_TIMERS = {
  "down-after-milliseconds": 2000,
  "failover-timeout": 6000,
} as const;

/** The first timeline action happens at most this long after the start (the steady state before it is cut). */
export const LEAD_IN_MS = 10_000;
/** A quiet stretch between two timeline actions is cut to at most this long. */
export const MAX_GAP_MS = 25_000;
/** How long a run goes on after the last timeline action, so that heal → demotion → resync can play out. */
export const SETTLE_AFTER_LAST_ACTION_MS = 30_000;
/** A run never lasts less than this (unless the scenario itself is shorter). */
export const MIN_RUN_MS = 20_000;

/** Stretches of scenario time the variant leaves out: the lead-in beyond LEAD_IN_MS and gaps beyond MAX_GAP_MS. */
export function removedIntervals(s: Scenario): [number, number][] {
  const times = [...new Set(s.timeline.map((a) => a.atMs))].sort((a, b) => a - b);
  const out: [number, number][] = [];
  if (times.length && times[0]! > LEAD_IN_MS) out.push([0, times[0]! - LEAD_IN_MS]);
  for (let i = 1; i < times.length; i++)
    if (times[i]! - times[i - 1]! > MAX_GAP_MS) out.push([times[i - 1]! + MAX_GAP_MS, times[i]!]);
  return out;
}

/** Scenario time → variant time: monotone; a time inside a removed stretch maps to where the stretch was. */
export function compressTime(intervals: readonly [number, number][], t: number): number {
  let cut = 0;
  for (const [a, b] of intervals) {
    if (t >= b) cut += b - a;
    else if (t > a) cut += t - a;
  }
  return t - cut;
}

/** The smallest down-after-milliseconds of the scenario's groups (Sentinel's default where a group sets none). */
export function scenarioDownAfter(s: Scenario): number {
  return Math.min(...s.groups.map((g) => sentinelConfig(g.sentinel)["down-after-milliseconds"]));
}

export interface ShortFault {
  /** Timeline index of the recovery (heal, resume, restart) that ends the fault(s). */
  recovery: number;
  /** Timeline indexes of the faults it ends. */
  faults: number[];
  /** Scenario time of the earliest of those faults. */
  fromMs: number;
  /** Length in the scenario, and in the variant (scaled by 2000 / the scenario's down-after). */
  lenMs: number;
  scaledMs: number;
}

const ENDS: Partial<Record<Action["action"], Action["action"][]>> = {
  heal: ["partition", "cut"],
  resume: ["pause"],
  restart: ["crash"],
};

/**
 * Faults shorter than the scenario's down-after: a "short partition" (C13) is short because it ends before
 * any Sentinel can mark the master down. Under the conformance down-after of 2000 ms a 2 s cut would no
 * longer be short, so the variant scales such a fault's length by 2000 / down-after (a 2 s cut under 5 s
 * becomes 800 ms): it stays as much shorter than down-after as it was. Faults at least as long as down-after
 * are left alone (their quiet time is cut instead, see removedIntervals).
 */
export function shortFaults(s: Scenario): ShortFault[] {
  const downAfter = scenarioDownAfter(s);
  const ratio = CONFORMANCE_TIMERS["down-after-milliseconds"] / downAfter;
  if (ratio >= 1) return [];
  const order = s.timeline.map((a, i) => ({ a, i })).sort((x, y) => x.a.atMs - y.a.atMs || x.i - y.i);
  const out: ShortFault[] = [];
  const open: { a: Action; i: number }[] = [];
  for (const { a, i } of order) {
    const ends = ENDS[a.action];
    if (!ends) {
      if (Object.values(ENDS).some((k) => k?.includes(a.action))) open.push({ a, i });
      continue;
    }
    const ended = open.filter(({ a: f }) => {
      if (!ends.includes(f.action)) return false;
      if (a.action === "heal") return a.id === undefined || ("id" in f && f.id === a.id);
      return "target" in f && "target" in a && f.target === a.target;
    });
    // A resume/restart ends the latest pause/crash of its target; a heal ends what it names.
    const mine = a.action === "heal" ? ended : ended.slice(-1);
    for (const f of mine) open.splice(open.indexOf(f), 1);
    if (!mine.length) continue;
    const fromMs = Math.min(...mine.map((f) => f.a.atMs));
    const lenMs = a.atMs - fromMs;
    if (lenMs > 0 && lenMs < downAfter)
      out.push({ recovery: i, faults: mine.map((f) => f.i), fromMs, lenMs, scaledMs: Math.round(lenMs * ratio) });
  }
  return out;
}

/**
 * The scenario as conformance runs it (the model is run on the same variant):
 * - every group gets `down-after-milliseconds` 2000 and `failover-timeout` 6000;
 * - quiet time is cut, not scaled: the first action moves to 10 s at the latest, a stretch of more than 25 s
 *   between two actions shrinks to 25 s, and the run ends 30 s after the last action (at least 20 s, never
 *   after the original end). Action times and client start times move by the same map.
 * - a fault shorter than the scenario's down-after is scaled so that it stays shorter than the new
 *   down-after (see shortFaults): its recovery moves to fault + length × 2000 / down-after.
 * Nothing else is scaled proportionally: much of what follows a fault is timed by constants that do not follow
 * the two timers (1 s PING/INFO periods, 2 s hello, the 10 s wait before +convert-to-slave, TCP SYN back-off,
 * the 5 s diskless-sync delay), so a shrink would change the story rather than shorten it.
 * `variantWarnings` names what was cut and scaled.
 */
export interface VariantOptions {
  /**
   * How long a sentinel.conf rewrite blocks a Sentinel on the machine of the real runs (their median
   * sentinelFlushMs); the model is run with it (network.configFsyncMs). Left at the scenario's when absent.
   */
  configFsyncMs?: number | null;
}

export function conformanceVariant(s: Scenario, opts: VariantOptions = {}): Scenario {
  const cut = removedIntervals(s);
  const f = (t: number) => compressTime(cut, t);
  const scaled = new Map(shortFaults(s).map((x) => [x.recovery, x]));
  const timeline = s.timeline.map((a, i) => {
    const short = scaled.get(i);
    const moved = { ...a, atMs: short ? f(short.fromMs) + short.scaledMs : f(a.atMs) };
    if (moved.action === "add-box")
      return {
        ...moved,
        box: {
          ...moved.box,
          processes: moved.box.processes.map((p) => (p.kind === "client" ? { ...p, startMs: f(p.startMs) } : p)),
        },
      };
    return moved;
  });
  const boxes = s.boxes.map((b) => ({
    ...b,
    processes: b.processes.map((p) => (p.kind === "client" ? { ...p, startMs: f(p.startMs) } : p)),
  }));
  const lastActionMs = timeline.reduce((m, a) => Math.max(m, a.atMs), 0);
  const durationMs = Math.min(f(s.durationMs), Math.max(MIN_RUN_MS, lastActionMs + SETTLE_AFTER_LAST_ACTION_MS));
  const fsync = opts.configFsyncMs;
  return {
    ...s,
    durationMs,
    boxes,
    timeline,
    ...(fsync != null ? { network: { ...s.network, configFsyncMs: Math.round(fsync) } } : {}),
    groups: s.groups.map((g) => ({ ...g, sentinel: { ...g.sentinel, ...CONFORMANCE_TIMERS } })),
  };
}

/** What the variant changed that a reader of the results should know. */
export function variantWarnings(original: Scenario): string[] {
  const out: string[] = [];
  const downAfter = scenarioDownAfter(original);
  const newDownAfter = CONFORMANCE_TIMERS["down-after-milliseconds"];
  for (const x of shortFaults(original))
    out.push(
      `timeline[${x.faults.join(",")}] (${x.faults.map((i) => original.timeline[i]!.action).join(", ")}) lasts ${x.lenMs} ms, shorter than the scenario's down-after (${downAfter} ms): scaled to ${x.scaledMs} ms so that it stays shorter than the conformance down-after (${newDownAfter} ms); timeline[${x.recovery}] (${original.timeline[x.recovery]!.action}) moves accordingly`,
    );
  for (const [a, b] of removedIntervals(original))
    out.push(`quiet time ${(a / 1000).toFixed(1)}–${(b / 1000).toFixed(1)} s of the scenario is left out`);
  const v = conformanceVariant(original);
  if (v.durationMs !== original.durationMs)
    out.push(`run length ${v.durationMs} ms instead of ${original.durationMs} ms`);
  return out;
}

/** The sentinel.conf rewrite time to run the model with: the median of the real runs' (see VariantOptions). */
export function runsFsyncMs(runs: readonly { real?: { harness?: { sentinelFlushMs?: number | null } } }[]) {
  return median(runs.map((r) => r.real?.harness?.sentinelFlushMs).filter((x): x is number => typeof x === "number"));
}

/** Largest one-way latency the loopback stands for: real runs add no delay (tc netem is not in this kernel). */
export const MAX_RUNNABLE_LATENCY_MS = 2;

/** Why a scenario cannot be run faithfully on real Redis here, or null. */
export function cannotRun(s: Scenario): string | null {
  if (s.whatIf?.failoverWithoutMajority) return "it switches on a teaching option that real Sentinel does not have";
  if (s.timeline.some((a) => a.action === "clock-jump"))
    return "it jumps a clock, which the harness cannot do to a real process (it would need libfaketime)";
  const latency = s.network.latencyMs + s.network.jitterMs;
  if (latency > MAX_RUNNABLE_LATENCY_MS)
    return `its network takes up to ${latency} ms each way, and the harness cannot delay loopback traffic (tc netem is not available in this kernel)`;
  return null;
}
