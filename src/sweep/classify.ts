import { clientWrites, failovers, splitBrains } from "../analysis/outcomes";
import type { Trace } from "../model/trace";

// What one run of a case did, reduced to one outcome kind plus the figures the matrix shows.

export const OUTCOME_KINDS = [
  "nothing",
  "failover",
  "unavailable",
  "late-failover",
  "failover-lost",
  "lost",
  "split-brain",
] as const;
/** In order of severity: a cell's seeds that tie are shown as the worse outcome. */
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_LABELS: Record<OutcomeKind, string> = {
  nothing: "nothing happens",
  failover: "failover without loss",
  unavailable: "writes unavailable",
  "late-failover": "failover after the heal",
  "failover-lost": "failover with lost writes",
  lost: "writes lost without failover",
  "split-brain": "split brain at the end",
};

/** A client that cannot write for at least this long counts as unavailable (a write is tried every 100 ms). */
export const UNAVAILABLE_MIN_MS = 2000;

export interface SeedOutcome {
  seed: number;
  kind: OutcomeKind;
  /** First configuration switch after the fault started, in ms after the fault started. */
  failoverAfterMs: number | null;
  /** Acknowledged writes missing from the final master, per client (only clients that lost some). */
  lostByClient: Record<string, number>;
  lost: number;
  /** How long two or more masters of one group took writes at the same time (the worst group). */
  splitBrainMs: number;
  /** The longest time some client went without an acknowledged write, from the fault on. */
  unavailableMs: number;
  unavailableClient: string | null;
}

export interface FaultWindow {
  cutAtMs: number;
  healAtMs: number;
  /** The box that crashed, whose own clients were down with it until the restart. */
  crashedBox: string | null;
}

/** Longest stretch without an `ok` that overlaps [fromMs, endMs]; acks sorted by time. */
function longestGap(acks: readonly number[], fromMs: number, endMs: number): number {
  let longest = 0;
  let prev = Number.NEGATIVE_INFINITY;
  for (const t of [...acks, endMs]) {
    const gap = Math.min(t, endMs) - Math.max(prev, fromMs);
    if (gap > longest) longest = gap;
    prev = t;
  }
  return longest;
}

function unavailability(trace: Trace, w: FaultWindow): { ms: number; client: string | null } {
  const acks = new Map<string, number[]>();
  for (const op of trace.history)
    if (op.type === "ok") (acks.get(op.process) ?? acks.set(op.process, []).get(op.process)!).push(op.timeMs);
  let best = { ms: 0, client: null as string | null };
  for (const p of trace.processes) {
    if (p.kind !== "client") continue;
    const from = p.box === w.crashedBox ? w.healAtMs : w.cutAtMs;
    const ms = longestGap(acks.get(p.id) ?? [], from, trace.endMs);
    if (ms > best.ms) best = { ms, client: p.id };
  }
  return best;
}

export function classifySeed(trace: Trace, w: FaultWindow): SeedOutcome {
  const switches = failovers(trace).filter((f) => f.tMs >= w.cutAtMs);
  const during = switches.some((f) => f.tMs < w.healAtMs);
  const lostByClient: Record<string, number> = {};
  let lost = 0;
  for (const c of clientWrites(trace))
    if (c.lost > 0) {
      lostByClient[c.client] = c.lost;
      lost += c.lost;
    }
  let splitBrainMs = 0;
  let unresolved = false;
  for (const g of trace.groups) {
    let groupMs = 0;
    for (const sb of splitBrains(trace, g.group)) {
      if (Object.values(sb.acked).filter((n) => n > 0).length < 2) continue;
      groupMs += sb.toMs - sb.fromMs;
      if (sb.toMs >= trace.endMs) unresolved = true;
    }
    splitBrainMs = Math.max(splitBrainMs, groupMs);
  }
  const gap = unavailability(trace, w);
  const kind: OutcomeKind = unresolved
    ? "split-brain"
    : during
      ? lost > 0
        ? "failover-lost"
        : "failover"
      : switches.length > 0
        ? "late-failover"
        : lost > 0
          ? "lost"
          : gap.ms >= UNAVAILABLE_MIN_MS
            ? "unavailable"
            : "nothing";
  return {
    seed: trace.seed,
    kind,
    failoverAfterMs: switches.length ? switches[0]!.tMs - w.cutAtMs : null,
    lostByClient,
    lost,
    splitBrainMs,
    unavailableMs: gap.ms,
    unavailableClient: gap.client,
  };
}
