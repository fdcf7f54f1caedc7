import type { Scenario } from "../scenario/schema";
import type { Footprint } from "./footprint";
import { applyAction } from "./operator";
import type { DataNode } from "./protocol";
import type { RedisServer } from "./redis";
import type { GroupOutcome, Trace } from "./trace";
import { World } from "./world";

export interface SimulateOptions {
  /** Defaults to the scenario's seed. */
  seed?: number;
  /** Virtual time to stop at; defaults to the scenario's durationMs. */
  untilMs?: number;
  /** A bound on work, so a run always ends with a named reason instead of spinning. */
  maxEvents?: number;
  /** Filled with what the run read of its quorum and its cut matrix. */
  footprint?: Footprint;
}

export const DEFAULT_MAX_EVENTS = 50_000_000;

/**
 * The scenario's world at time 0: processes started, faults applied, the timeline scheduled; `footprint` records
 * what the run reads from then on. simulate runs it; tests drive it step by step.
 */
export function startWorld(scenario: Scenario, seed: number, footprint?: Footprint): World {
  const w = new World(scenario, seed);
  if (footprint) {
    w.rec.quorumSpan = footprint.quorum;
    footprint.paths = new Uint8Array(w.net.boxes.length ** 2);
    w.net.pathsRead = footprint.paths;
  }
  for (const p of w.startOrder()) w.startProcess(p, true);
  w.applyFaults();
  const order = scenario.timeline.map((a, i) => ({ a, i })).sort((x, y) => x.a.atMs - y.a.atMs || x.i - y.i);
  for (const { a, i } of order) w.sim.at(a.atMs, () => applyAction(w, a, i));
  return w;
}

/** simulate(scenario) → Trace: deterministic for a given scenario and seed. */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): Trace {
  const seed = options.seed ?? scenario.seed;
  const untilMs = options.untilMs ?? scenario.durationMs;
  const w = startWorld(scenario, seed, options.footprint);
  const finished = w.sim.run(untilMs, options.maxEvents ?? DEFAULT_MAX_EVENTS);
  for (const r of w.redis.values()) r.snap(true);
  for (const s of w.sentinels.values()) s.snap();
  for (const a of w.rec.processes) if (a.bornMs < 0) a.bornMs = bornAt(scenario, a.id);
  return {
    scenarioId: scenario.id,
    seed,
    endMs: w.sim.nowMs,
    endReason: finished ? "duration" : "event-limit",
    eventsProcessed: w.sim.processed,
    processes: w.rec.processes,
    events: w.rec.events,
    history: w.rec.history,
    actions: w.rec.actions,
    timelines: { redis: w.rec.redis, sentinel: w.rec.sentinel, client: w.rec.client, net: w.rec.net },
    groups: scenario.groups.map((g) => groupOutcome(w, g.name)),
  };
}

function bornAt(s: Scenario, id: string): number {
  for (const a of s.timeline) if (a.action === "add-box" && a.box.processes.some((p) => p.id === id)) return a.atMs;
  return 0;
}

function values(head: DataNode | null): string[] {
  const out: string[] = [];
  for (let n = head; n; n = n.prev) if (n.value !== null) out.push(n.value);
  return out.reverse();
}

/**
 * The group's master at the end: the address in the highest-epoch configuration the Sentinels hold; without
 * Sentinels, the master a virtual IP points at, else the most recently promoted master.
 */
function groupOutcome(w: World, group: string): GroupOutcome {
  let best: { epoch: number; addr: string; votes: number } | null = null;
  const tally = new Map<string, { epoch: number; votes: number }>();
  for (const s of w.sentinels.values()) {
    const m = s.masters.get(group);
    if (!m) continue;
    const addr = `${m.ip}:${m.port}`;
    const t = tally.get(addr) ?? { epoch: m.configEpoch, votes: 0 };
    t.epoch = Math.max(t.epoch, m.configEpoch);
    t.votes++;
    tally.set(addr, t);
  }
  for (const [addr, t] of tally)
    if (!best || t.epoch > best.epoch || (t.epoch === best.epoch && t.votes > best.votes)) best = { addr, ...t };
  let master: RedisServer | undefined;
  if (best) {
    const id = w.rec.procAt(best.addr);
    master = w.redis.get(id);
  }
  if (!master)
    for (const [, target] of w.vips) {
      const r = w.redis.get(target);
      if (r && r.group === group && r.role === "master") master = r;
    }
  if (!master) {
    let latest = Number.NEGATIVE_INFINITY;
    for (const r of w.redis.values())
      if (r.group === group && r.role === "master" && (w.promotedAt.get(r.id) ?? 0) >= latest) {
        latest = w.promotedAt.get(r.id) ?? 0;
        master = r;
      }
  }
  return { group, finalMaster: master?.id ?? null, finalValues: master ? values(master.head) : [] };
}
