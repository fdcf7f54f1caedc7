import { lostWrites } from "../src/analysis/lostWrites";
import type { Trace, TraceEvent } from "../src/model/trace";
import type { Scenario } from "../src/scenario/schema";

// Comparable outcomes of one run, from any Trace: the model's or a real one recorded by the harness.
// Times are ms from the run's start unless the name says otherwise.

export interface GroupOutcomes {
  group: string;
  /** At least one configuration switch (+switch-master) happened. */
  failover: boolean;
  /** Distinct configuration switches: a switch that several Sentinels report counts once. */
  failovers: number;
  /** Time of the first fault of the timeline (partition, cut, crash, pause, remove-box), if any. */
  firstFaultMs: number | null;
  /** First +switch-master of the group, by any Sentinel. */
  firstSwitchMs: number | null;
  /** firstSwitchMs − firstFaultMs. */
  faultToSwitchMs: number | null;
  /** The new master of the first switch. */
  promoted: string | null;
  finalMaster: string | null;
  /** Time of the first recovery after the first fault (heal, restart, resume). */
  healMs: number | null;
  /** First +convert-to-slave of the old master (the first switch's) at or after the heal, minus the heal time. */
  demotionAfterHealMs: number | null;
}

export interface ClientOutcomes {
  client: string;
  group: string | null;
  acked: number;
  refused: number;
  /** Refusals by error code word (NOREPLICAS, READONLY, CONNECTION, …). */
  refusedBy: Record<string, number>;
  unknown: number;
  lost: number;
  firstNoreplicasMs: number | null;
  firstReadonlyMs: number | null;
}

export interface Outcomes {
  scenarioId: string;
  groups: GroupOutcomes[];
  clients: ClientOutcomes[];
  /** Sentinel event names that occurred at least once from the first timeline action on, sorted. */
  events: string[];
}

export const FAULT_ACTIONS: ReadonlySet<string> = new Set(["partition", "cut", "crash", "pause", "remove-box"]);
export const RECOVERY_ACTIONS: ReadonlySet<string> = new Set(["heal", "restart", "resume"]);

function eventGroup(e: TraceEvent): string | undefined {
  if (e.group) return e.group;
  const w = e.text.split(" ");
  if (e.name === "+switch-master") return w[0];
  const at = w.indexOf("@");
  if (at >= 0) return w[at + 1];
  return w[0] === "master" ? w[1] : undefined;
}

/** The instance a details event is about: its `subject`, or the `<ip> <port>` after `<type> <name>`. */
function subjectOf(e: TraceEvent, byAddress: ReadonlyMap<string, string>): string | undefined {
  if (e.subject) return e.subject;
  const w = e.text.split(" ");
  return byAddress.get(`${w[2]}:${w[3]}`);
}

export function outcomes(trace: Trace, scenario: Scenario): Outcomes {
  const byAddress = new Map(trace.processes.map((p) => [`${p.ip}:${p.port}`, p.id]));
  const kindOf = new Map(trace.processes.map((p) => [p.id, p.kind]));
  const sorted = [...trace.events].sort((a, b) => a.tMs - b.tMs);
  const actions = [...trace.actions].sort((a, b) => a.tMs - b.tMs);
  const firstFaultMs = actions.find((a) => FAULT_ACTIONS.has(a.action))?.tMs ?? null;
  const healMs =
    firstFaultMs === null
      ? null
      : (actions.find((a) => RECOVERY_ACTIONS.has(a.action) && a.tMs >= firstFaultMs)?.tMs ?? null);

  const groups: GroupOutcomes[] = scenario.groups.map(({ name }) => {
    const switches = sorted.filter((e) => e.name === "+switch-master" && eventGroup(e) === name);
    const distinct = new Set(switches.map((e) => e.text.split(" ").slice(1, 5).join(" ")));
    const first = switches[0];
    let promoted: string | null = null;
    if (first) {
      const w = first.text.split(" ");
      promoted = first.subject ?? byAddress.get(`${w[3]}:${w[4]}`) ?? null;
    }
    // The old master is the one the first switch moved away from; its demotion is the first
    // +convert-to-slave about it at or after the heal.
    const oldMaster = first ? byAddress.get(first.text.split(" ").slice(1, 3).join(":")) : undefined;
    const demotion =
      healMs === null
        ? undefined
        : sorted.find(
            (e) =>
              e.name === "+convert-to-slave" &&
              e.tMs >= healMs &&
              eventGroup(e) === name &&
              (oldMaster === undefined || subjectOf(e, byAddress) === oldMaster),
          );
    const firstSwitchMs = first?.tMs ?? null;
    return {
      group: name,
      failover: switches.length > 0,
      failovers: distinct.size,
      firstFaultMs,
      firstSwitchMs,
      faultToSwitchMs: firstSwitchMs !== null && firstFaultMs !== null ? firstSwitchMs - firstFaultMs : null,
      promoted,
      finalMaster: trace.groups.find((g) => g.group === name)?.finalMaster ?? null,
      healMs,
      demotionAfterHealMs: demotion && healMs !== null ? demotion.tMs - healMs : null,
    };
  });

  const clientGroup = new Map<string, string>();
  for (const b of scenario.boxes) for (const p of b.processes) if (p.kind === "client") clientGroup.set(p.id, p.group);
  for (const a of scenario.timeline)
    if (a.action === "add-box")
      for (const p of a.box.processes) if (p.kind === "client") clientGroup.set(p.id, p.group);
  for (const p of trace.processes) if (p.kind === "client" && p.group) clientGroup.set(p.id, p.group);
  for (const op of trace.history) if (!clientGroup.has(op.process)) clientGroup.set(op.process, "");

  const clients: ClientOutcomes[] = [...clientGroup.keys()].sort().map((client) => {
    const group = clientGroup.get(client) || null;
    const mine = trace.history.filter((o) => o.process === client);
    const refusedBy: Record<string, number> = {};
    let acked = 0;
    let refused = 0;
    let unknown = 0;
    let firstNoreplicasMs: number | null = null;
    let firstReadonlyMs: number | null = null;
    for (const o of mine) {
      if (o.type === "ok") acked++;
      else if (o.type === "info") unknown++;
      else if (o.type === "fail") {
        refused++;
        const code = o.error ?? "UNKNOWN";
        refusedBy[code] = (refusedBy[code] ?? 0) + 1;
        if (code === "NOREPLICAS" && firstNoreplicasMs === null) firstNoreplicasMs = o.timeMs;
        if (code === "READONLY" && firstReadonlyMs === null) firstReadonlyMs = o.timeMs;
      }
    }
    const finalValues = trace.groups.find((g) => g.group === group)?.finalValues ?? [];
    return {
      client,
      group,
      acked,
      refused,
      refusedBy,
      unknown,
      lost: lostWrites(mine, finalValues).length,
      firstNoreplicasMs,
      firstReadonlyMs,
    };
  });

  // Sentinel events (names start with + or -, emitted by a Sentinel) from the first timeline action on: what
  // happens before it is the deployment settling (+monitor, +sentinel, +slave discovery), which the harness
  // does during its warm-up, before its t0.
  const fromMs = actions[0]?.tMs ?? 0;
  const events = [
    ...new Set(
      sorted
        .filter((e) => e.tMs >= fromMs && kindOf.get(e.process) === "sentinel" && /^[+-]/.test(e.name))
        .map((e) => e.name),
    ),
  ].sort();
  return { scenarioId: trace.scenarioId, groups, clients, events };
}
