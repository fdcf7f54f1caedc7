import type { Scenario } from "../src/scenario/schema";

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

/**
 * The scenario as conformance runs it (the model is run on the same variant):
 * - every group gets `down-after-milliseconds` 2000 and `failover-timeout` 6000;
 * - quiet time is cut, not scaled: the first action moves to 10 s at the latest, a stretch of more than 25 s
 *   between two actions shrinks to 25 s, and the run ends 30 s after the last action (at least 20 s, never
 *   after the original end). Action times and client start times move by the same map.
 * Nothing is scaled proportionally: much of what follows a fault is timed by constants that do not follow the
 * two timers (1 s PING/INFO periods, 2 s hello, the 10 s wait before +convert-to-slave, TCP SYN back-off, the
 * 5 s diskless-sync delay), so a shrink would change the story rather than shorten it. `variantWarnings`
 * names what was cut and the faults whose length straddles the new down-after.
 */
export function conformanceVariant(s: Scenario): Scenario {
  const cut = removedIntervals(s);
  const f = (t: number) => compressTime(cut, t);
  const timeline = s.timeline.map((a) => {
    const moved = { ...a, atMs: f(a.atMs) };
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
  return {
    ...s,
    durationMs,
    boxes,
    timeline,
    groups: s.groups.map((g) => ({ ...g, sentinel: { ...g.sentinel, ...CONFORMANCE_TIMERS } })),
  };
}

/** What the variant changed that a reader of the results should know. */
export function variantWarnings(original: Scenario): string[] {
  const out: string[] = [];
  const downAfter = Math.min(...original.groups.map((g) => g.sentinel?.["down-after-milliseconds"] ?? 5000));
  const newDownAfter = CONFORMANCE_TIMERS["down-after-milliseconds"];
  original.timeline.forEach((a, i) => {
    if (a.action !== "partition" && a.action !== "cut") return;
    const heal = original.timeline.find(
      (h) => h.action === "heal" && (h.id === undefined || h.id === a.id) && h.atMs >= a.atMs,
    );
    if (!heal) return;
    const len = heal.atMs - a.atMs;
    if (len < downAfter && len >= newDownAfter)
      out.push(
        `timeline[${i}] (${a.action}) lasts ${len} ms: shorter than the scenario's down-after (${downAfter} ms) but not than the conformance one (${newDownAfter} ms)`,
      );
  });
  for (const [a, b] of removedIntervals(original))
    out.push(`quiet time ${(a / 1000).toFixed(1)}–${(b / 1000).toFixed(1)} s of the scenario is left out`);
  const v = conformanceVariant(original);
  if (v.durationMs !== original.durationMs)
    out.push(`run length ${v.durationMs} ms instead of ${original.durationMs} ms`);
  return out;
}
