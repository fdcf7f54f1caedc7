import type { Scenario } from "../src/scenario/schema";

/** Sentinel timers every conformance run uses, on every group, for the real run and the model alike (issue 5). */
export const CONFORMANCE_TIMERS = {
  "down-after-milliseconds": 2000,
  "failover-timeout": 6000,
} as const;

/** How long a run goes on after the last timeline action, so that heal → demotion → resync can play out. */
export const SETTLE_AFTER_LAST_ACTION_MS = 30_000;
/** A run with no timeline action still lasts this long. */
export const MIN_RUN_MS = 20_000;

/**
 * The scenario as conformance runs it. Only two things change:
 * - every group gets `down-after-milliseconds` 2000 and `failover-timeout` 6000;
 * - `durationMs` is cut to the last action + 30 s (never below 20 s, never above the original).
 * Action times are NOT scaled: much of what happens after a fault is timed by constants that do not follow
 * the two timers (1 s PING/INFO periods, 2 s hello, the 10 s wait before +convert-to-slave, TCP SYN back-off,
 * the 5 s diskless-sync delay), so a proportional shrink would change the story rather than shorten it.
 * Scenario authors write conformance-worthy timelines for these timers; `variantWarnings` points out faults
 * whose length straddles the new down-after.
 */
export function conformanceVariant(s: Scenario): Scenario {
  const lastActionMs = s.timeline.reduce((m, a) => Math.max(m, a.atMs), 0);
  const durationMs = Math.min(s.durationMs, Math.max(MIN_RUN_MS, lastActionMs + SETTLE_AFTER_LAST_ACTION_MS));
  return {
    ...s,
    durationMs,
    groups: s.groups.map((g) => ({ ...g, sentinel: { ...g.sentinel, ...CONFORMANCE_TIMERS } })),
  };
}

/** Faults that were shorter than the scenario's own down-after but are not shorter than the variant's. */
export function variantWarnings(original: Scenario): string[] {
  const out: string[] = [];
  const downAfter = Math.min(...original.groups.map((g) => g.sentinel?.["down-after-milliseconds"] ?? 5000));
  const newDownAfter = CONFORMANCE_TIMERS["down-after-milliseconds"];
  original.timeline.forEach((a, i) => {
    if (a.action !== "partition" && a.action !== "cut") return;
    const heal = original.timeline.find(
      (h, j) => j > i && h.action === "heal" && (h.id === undefined || h.id === a.id) && h.atMs >= a.atMs,
    );
    if (!heal) return;
    const len = heal.atMs - a.atMs;
    if (len < downAfter && len >= newDownAfter)
      out.push(
        `timeline[${i}] (${a.action}) lasts ${len} ms: shorter than the scenario's down-after (${downAfter} ms) but not than the conformance one (${newDownAfter} ms)`,
      );
  });
  const last = original.timeline.reduce((m, a) => Math.max(m, a.atMs), 0);
  if (last + SETTLE_AFTER_LAST_ACTION_MS < original.durationMs)
    out.push(`durationMs cut from ${original.durationMs} to ${conformanceVariant(original).durationMs} ms`);
  return out;
}
