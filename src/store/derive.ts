import type { ExpectationResult } from "../analysis/expectations";
import { lostWrites } from "../analysis/lostWrites";
import { acceptingIntervals, type ClientWrites, type Interval } from "../analysis/outcomes";
import { type GroupSummary, summarize } from "../analysis/summary";
import type { LostWrite, Op, Trace } from "../model/trace";
import type { Scenario } from "../scenario/schema";

// Everything the views need from a trace that does not depend on the playhead, computed once per run
// (in the worker, next to the simulation) so that drawing a frame only looks things up.

export type RoleState = "master" | "replica" | "down" | "paused";

export interface RoleSpan {
  fromMs: number;
  toMs: number;
  state: RoleState;
  /** A master that would accept a write (min-replicas satisfied). */
  accepting: boolean;
}

export interface WriteBin {
  /** Acknowledged and still in the final data. */
  kept: number;
  lost: number;
  refused: number;
  unknown: number;
}

export interface ClientSeries {
  client: string;
  binMs: number;
  bins: WriteBin[];
}

export interface Derived {
  groups: GroupSummary[];
  clients: ClientWrites[];
  expectations: ExpectationResult[];
  /** Per Redis: spans of role and state over the run, for the role lanes. */
  roles: Record<string, RoleSpan[]>;
  /** Per Redis: when it was a master accepting writes (split brain, lost-write context). */
  accepting: Record<string, Interval[]>;
  series: ClientSeries[];
  /** Per client: every acknowledged write the final master does not hold. */
  lost: Record<string, LostWrite[]>;
  /** Indices into trace.events of the events worth a marker on the timeline, in time order. */
  markers: number[];
  /** Entries in the run's history (the history itself stays in the worker). */
  historyLength: number;
}

/** Events that change what a user should look at: detection, election, promotion, demotion, operator actions. */
export const MARKER_EVENTS = new Set([
  "+sdown",
  "+odown",
  "+try-failover",
  "+elected-leader",
  "-failover-abort-not-elected",
  "-failover-abort-no-good-slave",
  "-failover-abort-slave-timeout",
  "+promoted-slave",
  "+switch-master",
  "+convert-to-slave",
  "+tilt",
]);

export function isMarker(name: string, text: string): boolean {
  if (name.startsWith("!")) return true;
  if (!MARKER_EVENTS.has(name)) return false;
  return name !== "+sdown" || text.startsWith("master");
}

function roleSpans(trace: Trace, id: string): RoleSpan[] {
  const snaps = trace.timelines.redis[id] ?? [];
  const out: RoleSpan[] = [];
  snaps.forEach((s, i) => {
    const state: RoleState = !s.alive ? "down" : s.paused ? "paused" : s.role;
    const toMs = snaps[i + 1]?.tMs ?? trace.endMs;
    const last = out.at(-1);
    if (last && last.state === state && last.accepting === s.accepting) last.toMs = toMs;
    else if (toMs > s.tMs || i === snaps.length - 1) out.push({ fromMs: s.tMs, toMs, state, accepting: s.accepting });
  });
  return out;
}

function writeSeries(trace: Trace, client: string, ops: readonly Op[], lost: ReadonlySet<number>): ClientSeries {
  const binMs = Math.max(500, Math.ceil(trace.endMs / 300 / 500) * 500);
  const bins: WriteBin[] = Array.from({ length: Math.ceil(trace.endMs / binMs) + 1 }, () => ({
    kept: 0,
    lost: 0,
    refused: 0,
    unknown: 0,
  }));
  for (const op of ops) {
    if (op.type === "invoke") continue;
    const b = bins[Math.floor(op.timeMs / binMs)]!;
    if (op.type === "ok") lost.has(op.index) ? b.lost++ : b.kept++;
    else if (op.type === "fail") b.refused++;
    else b.unknown++;
  }
  return { client, binMs, bins };
}

export function derive(trace: Trace, scenario: Scenario): Derived {
  const summary = summarize(scenario, trace);
  const finals = new Map(trace.groups.map((g) => [g.group, new Set(g.finalValues)]));
  // One pass over the history, not one per client: large runs have tens of thousands of operations.
  const opsOf = new Map<string, Op[]>();
  for (const op of trace.history) {
    const list = opsOf.get(op.process);
    if (list) list.push(op);
    else opsOf.set(op.process, [op]);
  }
  const roles: Record<string, RoleSpan[]> = {};
  const accepting: Record<string, Interval[]> = {};
  const lost: Record<string, LostWrite[]> = {};
  for (const g of scenario.groups) for (const [id, ivs] of acceptingIntervals(trace, g.name)) accepting[id] = ivs;
  const series: ClientSeries[] = [];
  for (const p of trace.processes) {
    if (p.kind === "redis") roles[p.id] = roleSpans(trace, p.id);
    if (p.kind !== "client") continue;
    const ops = opsOf.get(p.id) ?? [];
    lost[p.id] = lostWrites(ops, finals.get(p.group ?? "") ?? new Set());
    series.push(writeSeries(trace, p.id, ops, new Set(lost[p.id]!.map((w) => w.index))));
  }
  const markers: number[] = [];
  trace.events.forEach((e, i) => {
    if (isMarker(e.name, e.text)) markers.push(i);
  });
  return {
    groups: summary.groups,
    clients: summary.clients,
    expectations: summary.expectations,
    roles,
    accepting,
    series,
    lost,
    markers,
    historyLength: trace.history.length,
  };
}
