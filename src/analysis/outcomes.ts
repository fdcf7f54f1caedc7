import type { Op, Trace, TraceEvent } from "../model/trace";
import { type LossWindow, lossWindows, lostWrites } from "./lostWrites";

// Answers to the user's questions, read from a trace: failovers, split brain, writes per client.

export interface Failover {
  group: string;
  /** First +switch-master of this configuration by any Sentinel. */
  tMs: number;
  epoch: number;
  from: string;
  to: string;
  leader: string | null;
  /** +promoted-slave time at the leader, when the failover had one. */
  promotedMs: number | null;
}

function idAt(trace: Trace, ip: string, port: number): string {
  return trace.processes.find((p) => p.ip === ip && p.port === port && p.kind === "redis")?.id ?? `${ip}:${port}`;
}

/** Configuration switches: one per (group, new address, epoch), however many Sentinels log it. */
export function failovers(trace: Trace, group?: string): Failover[] {
  const out: Failover[] = [];
  const seen = new Set<string>();
  for (const e of trace.events) {
    if (e.name !== "+switch-master" || (group && e.group !== group)) continue;
    const [name, oldIp, oldPort, newIp, newPort] = e.text.split(" ");
    const key = `${name}|${newIp}:${newPort}|${e.epoch ?? 0}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const epoch = e.epoch ?? 0;
    const elected = trace.events.find((x) => x.name === "+elected-leader" && x.group === name && x.epoch === epoch);
    const promoted = trace.events.find(
      (x) =>
        x.name === "+promoted-slave" &&
        x.group === name &&
        elected &&
        x.process === elected.process &&
        x.tMs >= elected.tMs,
    );
    out.push({
      group: name ?? "",
      tMs: e.tMs,
      epoch,
      from: idAt(trace, oldIp ?? "", Number(oldPort)),
      to: idAt(trace, newIp ?? "", Number(newPort)),
      leader: elected?.process ?? null,
      promotedMs: promoted?.tMs ?? null,
    });
  }
  return out;
}

export interface Interval {
  fromMs: number;
  toMs: number;
}

/** Per Redis of the group, the intervals in which it was a master that would accept a write. */
export function acceptingIntervals(trace: Trace, group: string): Map<string, Interval[]> {
  const out = new Map<string, Interval[]>();
  for (const p of trace.processes) {
    if (p.kind !== "redis" || p.group !== group) continue;
    const list = trace.timelines.redis[p.id] ?? [];
    const ivs: Interval[] = [];
    let open: number | null = null;
    for (const s of list) {
      const on = s.accepting && !s.paused;
      if (on && open === null) open = s.tMs;
      else if (!on && open !== null) {
        ivs.push({ fromMs: open, toMs: s.tMs });
        open = null;
      }
    }
    if (open !== null) ivs.push({ fromMs: open, toMs: trace.endMs });
    out.set(p.id, ivs);
  }
  return out;
}

export interface SplitBrain extends Interval {
  masters: string[];
  /** Writes acknowledged by each master inside the interval. */
  acked: Record<string, number>;
}

/** Intervals where two or more masters of one group accepted writes at the same time. */
export function splitBrains(trace: Trace, group: string): SplitBrain[] {
  const ivs = acceptingIntervals(trace, group);
  const points: Array<{ t: number; id: string; d: 1 | -1 }> = [];
  for (const [id, list] of ivs)
    for (const iv of list) {
      points.push({ t: iv.fromMs, id, d: 1 });
      points.push({ t: iv.toMs, id, d: -1 });
    }
  points.sort((a, b) => a.t - b.t || a.d - b.d);
  const active = new Set<string>();
  const out: SplitBrain[] = [];
  let cur: SplitBrain | null = null;
  for (const p of points) {
    if (p.d === 1) active.add(p.id);
    else active.delete(p.id);
    if (active.size >= 2) {
      if (!cur) cur = { fromMs: p.t, toMs: p.t, masters: [...active], acked: {} };
      for (const id of active) if (!cur.masters.includes(id)) cur.masters.push(id);
    } else if (cur) {
      cur.toMs = p.t;
      if (cur.toMs > cur.fromMs) out.push(cur);
      cur = null;
    }
  }
  if (cur) {
    cur.toMs = trace.endMs;
    out.push(cur);
  }
  for (const sb of out)
    for (const op of trace.history)
      if (op.type === "ok" && op.node && sb.masters.includes(op.node) && op.timeMs >= sb.fromMs && op.timeMs <= sb.toMs)
        sb.acked[op.node] = (sb.acked[op.node] ?? 0) + 1;
  return out;
}

export interface ClientWrites {
  client: string;
  group: string;
  invoked: number;
  acked: number;
  failed: Record<string, number>;
  unknown: number;
  lost: number;
  lossWindows: LossWindow[];
  /** First refusal time per error code. */
  firstRefusalMs: Record<string, number>;
  /** Longest stretch without an acknowledged write, after the first one. */
  longestGapMs: number;
}

const clientWritesCache = new WeakMap<Trace, ClientWrites[]>();

/** Per client: writes by outcome and the lost ones. A trace is immutable, so the answer is kept per trace. */
export function clientWrites(trace: Trace): ClientWrites[] {
  const cached = clientWritesCache.get(trace);
  if (cached) return cached;
  const finals = new Map(trace.groups.map((g) => [g.group, new Set(g.finalValues)]));
  const byClient = new Map<string, Op[]>();
  for (const o of trace.history) {
    let list = byClient.get(o.process);
    if (!list) {
      list = [];
      byClient.set(o.process, list);
    }
    list.push(o);
  }
  const out: ClientWrites[] = [];
  for (const p of trace.processes) {
    if (p.kind !== "client") continue;
    const ops = byClient.get(p.id) ?? [];
    const lost = lostWrites(ops, finals.get(p.group ?? "") ?? new Set());
    const w: ClientWrites = {
      client: p.id,
      group: p.group ?? "",
      invoked: 0,
      acked: 0,
      failed: {},
      unknown: 0,
      lost: lost.length,
      lossWindows: lossWindows(lost),
      firstRefusalMs: {},
      longestGapMs: 0,
    };
    let lastOk: number | null = null;
    for (const o of ops) {
      if (o.type === "invoke") w.invoked++;
      else if (o.type === "ok") {
        w.acked++;
        if (lastOk !== null) w.longestGapMs = Math.max(w.longestGapMs, o.timeMs - lastOk);
        lastOk = o.timeMs;
      } else if (o.type === "fail") {
        const code = o.error ?? "ERR";
        w.failed[code] = (w.failed[code] ?? 0) + 1;
        if (w.firstRefusalMs[code] === undefined) w.firstRefusalMs[code] = o.timeMs;
      } else w.unknown++;
    }
    if (lastOk !== null) w.longestGapMs = Math.max(w.longestGapMs, trace.endMs - lastOk);
    out.push(w);
  }
  clientWritesCache.set(trace, out);
  return out;
}

export function eventsNamed(trace: Trace, name: string, process?: string): TraceEvent[] {
  return trace.events.filter((e) => e.name === name && (!process || e.process === process));
}

export function completions(history: readonly Op[]): Op[] {
  return history.filter((o) => o.type !== "invoke");
}
