import { retransmitAtOrAfter } from "../model/network";
import type { Action, NetworkSpec, Scenario } from "../scenario/schema";
import { caseLabel, columnLabel, type SweepCase, type SweepColumn } from "./cases";
import type { SweepSettings } from "./settings";

// One cell of the matrix as an ordinary scenario: the topology and configs of the scenario on screen, the
// column's quorum (and min-replicas), and one fault from a steady state to the heal. The scenario's own
// timeline is left out: every case starts from the same quiet system.

const FAULT_ID = "explorer-fault";

export function healAtMs(settings: SweepSettings): number {
  return settings.cutAtMs + settings.durationMs;
}

/**
 * The longest data a silent cut of `durationMs` held back can still take to arrive after the heal (§1.0): a segment
 * is retransmitted at growing intervals, and the heal falls inside one of them (at most the RTO cap, 120 s); a
 * connect under way waits out the SYN back-off it is in.
 */
export function lateDeliveryMs(durationMs: number, net: NetworkSpec): number {
  // Past the 64th retransmission the interval has long reached the cap.
  const retransmitGap = retransmitAtOrAfter(net, durationMs)?.gapMs ?? net.rtoMaxMs;
  let syn = 0;
  let sent = 0;
  for (const delay of net.synRetryDelaysMs) {
    syn = delay;
    sent += delay;
    if (sent >= durationMs) break;
  }
  return Math.max(retransmitGap, syn);
}

/** What a late segment sets off (a reset, a stale command answered, a resync after Redis's diskless delay). */
const AFTER_LATE_DELIVERY_MS = 10_000;

/**
 * How long a case's run goes on after the heal: the settings' settle time, and at least until what the fault held
 * back has arrived and had its effect. A connection refused at once (a reject cut) holds nothing back; a crashed box
 * drops what is sent to it whatever the kind.
 */
export function settleAfterHealMs(c: SweepCase, settings: SweepSettings, net: NetworkSpec): number {
  const holds = c.kind === "crash" || settings.kind === "drop";
  const late = holds ? lateDeliveryMs(settings.durationMs, net) + AFTER_LATE_DELIVERY_MS : 0;
  return Math.max(settings.settleMs, late);
}

export function faultActions(c: SweepCase, settings: SweepSettings): Action[] {
  const atMs = settings.cutAtMs;
  const endMs = healAtMs(settings);
  switch (c.kind) {
    case "partition":
      if (c.groups.length === 1) return [];
      return [
        { atMs, action: "partition", id: FAULT_ID, groups: c.groups, kind: settings.kind },
        { atMs: endMs, action: "heal", id: FAULT_ID },
      ];
    case "cut":
      return [
        { atMs, action: "cut", id: FAULT_ID, from: c.from, to: c.to, kind: settings.kind },
        { atMs: endMs, action: "heal", id: FAULT_ID },
      ];
    case "crash":
      return [
        { atMs, action: "crash", target: c.box },
        { atMs: endMs, action: "restart", target: c.box },
      ];
    default: {
      const never: never = c;
      return never;
    }
  }
}

function withColumn(s: Scenario, col: SweepColumn): Pick<Scenario, "groups" | "boxes"> {
  const groups = s.groups.map((g) => ({
    ...g,
    sentinel: { ...g.sentinel, quorum: col.quorum },
    ...(col.minReplicas === null ? {} : { redis: { ...g.redis, "min-replicas-to-write": col.minReplicas } }),
  }));
  if (col.minReplicas === null) return { groups, boxes: s.boxes };
  const minReplicas = col.minReplicas;
  // A Redis's own config overrides its group's, so the column's value is set on each Redis too.
  const boxes = s.boxes.map((b) => ({
    ...b,
    processes: b.processes.map((p) =>
      p.kind === "redis" && p.config?.["min-replicas-to-write"] !== undefined
        ? { ...p, config: { ...p.config, "min-replicas-to-write": minReplicas } }
        : p,
    ),
  }));
  return { groups, boxes };
}

function slug(text: string, max: number): string {
  const out = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return out.slice(0, max).replace(/-+$/, "") || "scenario";
}

/** The scenario of one cell, run on `seed`. */
export function buildCaseScenario(
  base: Scenario,
  settings: SweepSettings,
  c: SweepCase,
  col: SweepColumn,
  seed: number = base.seed,
): Scenario {
  const label = caseLabel(c);
  const title = `Explorer: ${label}, ${columnLabel(col)}`;
  const { catalog: _catalog, ...rest } = base;
  return {
    ...rest,
    ...withColumn(base, col),
    id: `${slug(base.id, 40)}-explorer-${c.kind}`,
    title: title.length > 120 ? `${title.slice(0, 119)}…` : title,
    description:
      `A case from the quorum and partition explorer, built from "${base.title}". ` +
      `At ${settings.cutAtMs / 1000} s: ${label} (${c.kind === "crash" ? "restarted" : "healed"} ${settings.durationMs / 1000} s later); ` +
      `${columnLabel(col)}. The scenario's own timeline is left out.`,
    tags: [...base.tags.filter((t) => t !== "default"), "explorer"],
    seed,
    durationMs: healAtMs(settings) + settleAfterHealMs(c, settings, base.network),
    timeline: faultActions(c, settings),
    expect: [],
  };
}
