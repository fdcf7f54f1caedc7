import { redisConfig, type Scenario, type SentinelConfig, sentinelConfig } from "../scenario/schema";
import { type AddressBook, Client } from "./client";
import { type Box, type Conn, Network, type Proc } from "./network";
import { Recorder } from "./recorder";
import { RedisServer } from "./redis";
import { type InitialMonitor, Sentinel } from "./sentinel/sentinel";
import { Rng, Sim } from "./sim";

// Builds the processes of a scenario on a simulated network and keeps the lookups the operator needs.

export interface Fault {
  id: string;
  cuts: Array<{ from: number; to: number; kind: 1 | 2 }>;
}

export class World implements AddressBook {
  readonly sim = new Sim();
  readonly net: Network;
  readonly rec: Recorder;
  readonly boxes = new Map<string, Box>();
  readonly procs = new Map<string, Proc>();
  readonly redis = new Map<string, RedisServer>();
  readonly sentinels = new Map<string, Sentinel>();
  readonly clients = new Map<string, Client>();
  readonly vips = new Map<string, string>();
  readonly faults: Fault[] = [];
  /** Boxes that a later add-box creates: they exist on the network but are down until then. */
  readonly pendingBoxes = new Set<string>();
  /** When each Redis last became master, to pick a group's master when no Sentinel watches it. */
  readonly promotedAt = new Map<string, number>();

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
  ) {
    this.net = new Network(this.sim, scenario.network);
    this.rec = new Recorder(scenario.id, seed);
    this.rec.clock = this.sim;
    for (const v of scenario.vips) this.vips.set(v.id, v.redis);
    const boxes = [...scenario.boxes];
    const later = new Set<string>();
    for (const a of scenario.timeline)
      if (a.action === "add-box") {
        boxes.push(a.box);
        later.add(a.box.id);
      }
    const usedIps = new Set(boxes.flatMap((b) => (b.ip ? [b.ip] : [])));
    let nextIp = 1;
    const freshIp = () => {
      while (usedIps.has(`10.0.0.${nextIp}`)) nextIp++;
      usedIps.add(`10.0.0.${nextIp}`);
      return `10.0.0.${nextIp}`;
    };
    for (const b of boxes) {
      const box = this.net.addBox(b.id, b.ip ?? freshIp(), !later.has(b.id));
      this.boxes.set(b.id, box);
      if (later.has(b.id)) this.pendingBoxes.add(b.id);
      let redisPort = 6379;
      let sentinelPort = 26379;
      for (const p of b.processes) {
        const rng = new Rng(seed, p.id);
        const born = later.has(b.id) ? -1 : 0;
        let proc: Proc;
        if (p.kind === "redis") {
          const group = scenario.groups.find((g) => g.name === p.group);
          const cfg = redisConfig(group?.redis, p.config);
          proc = new RedisServer(this.net, p.id, box, p.port ?? redisPort++, rng, p.group, cfg, this.rec);
          this.redis.set(p.id, proc as RedisServer);
        } else if (p.kind === "sentinel") {
          proc = new Sentinel(this.net, p.id, box, p.port ?? sentinelPort++, rng, this.rec, {
            failoverWithoutMajority: scenario.whatIf?.failoverWithoutMajority ?? false,
          });
          this.sentinels.set(p.id, proc as Sentinel);
        } else {
          proc = new Client(
            this.net,
            p.id,
            box,
            rng,
            p.group,
            p.target,
            p.rateHz,
            p.timeoutMs,
            p.startMs,
            this,
            this.rec,
          );
          this.clients.set(p.id, proc as Client);
        }
        box.procs.push(proc);
        this.procs.set(p.id, proc);
        this.rec.registerProcess({
          id: p.id,
          kind: p.kind,
          box: b.id,
          ip: box.ip,
          port: proc.port,
          ...(p.kind === "client" || p.kind === "redis" ? { group: p.group } : {}),
          ...(proc instanceof Sentinel ? { runid: proc.myid } : {}),
          bornMs: born,
        });
      }
    }
  }

  sentinelConfig(group: string): SentinelConfig {
    return sentinelConfig(this.scenario.groups.find((g) => g.name === group)?.sentinel);
  }

  /** The address a Redis of `group` had as master in the scenario's initial topology. */
  initialMaster(group: string): RedisServer | undefined {
    for (const b of this.scenario.boxes)
      for (const p of b.processes)
        if (p.kind === "redis" && p.group === group && p.replicaof === undefined) return this.redis.get(p.id);
    return undefined;
  }

  startProcess(p: Proc, firstStart: boolean): void {
    p.alive = true;
    if (p instanceof RedisServer) {
      let master: { host: string; port: number } | null = null;
      if (firstStart) {
        const spec = this.specOf(p.id);
        if (spec?.kind === "redis" && spec.replicaof) {
          const m = this.redis.get(spec.replicaof)!;
          master = { host: m.box.ip, port: m.port };
        }
      } else master = p.confMaster;
      p.start(master, !firstStart && p.persistent);
      if (!master) this.promotedAt.set(p.id, this.sim.nowMs);
      const spec = this.specOf(p.id);
      if (this.warmStart(firstStart) && spec?.kind === "redis" && spec.replicaof) {
        // Already in sync with its master before the story starts: same history, so PSYNC continues at once.
        const m = this.redis.get(spec.replicaof)!;
        p.replid = m.replid;
        p.offset = m.offset;
        p.head = m.head;
        p.backlogFloor = m.offset;
        p.offsetCheckedReplid = m.replid;
        // Its initial full sync left the RDB it received on disk, and a disk-based one also the master's.
        p.syncRdb = { replid: m.replid, offset: m.offset, head: m.head };
        if (m.cfg["repl-diskless-sync"] === "no") m.syncRdb = p.syncRdb;
      }
    } else if (p instanceof Sentinel) {
      const spec = this.specOf(p.id);
      const groups =
        spec?.kind === "sentinel" && spec.monitors ? spec.monitors : this.scenario.groups.map((g) => g.name);
      const warm = this.warmStart(firstStart);
      const initial = groups.flatMap((g): InitialMonitor[] => {
        const m = this.initialMaster(g);
        if (!m) return [];
        const base = { name: g, ip: m.box.ip, port: m.port, cfg: this.sentinelConfig(g) };
        if (!warm) return [base];
        const replicas = [...this.redis.values()]
          .filter((r) => r.group === g && r !== m && !this.pendingBoxes.has(r.box.id))
          .map((r) => ({ ip: r.box.ip, port: r.port }));
        const sentinels = [...this.sentinels.values()]
          .filter((s) => s !== p && !this.pendingBoxes.has(s.box.id) && this.monitorsGroup(s, g))
          .map((s) => ({ runid: s.myid, ip: s.box.ip, port: s.port }));
        return [{ ...base, replicas, sentinels }];
      });
      p.start(initial, warm);
    } else if (p instanceof Client) {
      p.start();
    }
  }

  /** Processes present from t = 0 start as a deployment that has been running for a while (the default). */
  private warmStart(firstStart: boolean): boolean {
    return firstStart && this.sim.nowMs === 0 && this.scenario.start === "warm";
  }

  private monitorsGroup(s: Sentinel, group: string): boolean {
    const spec = this.specOf(s.id);
    return spec?.kind !== "sentinel" || !spec.monitors || spec.monitors.includes(group);
  }

  /** Redis first, masters before their replicas (a warm replica copies its master's history), then the rest. */
  startOrder(): Proc[] {
    const out: Proc[] = [];
    const started = new Set<string>();
    const redis = [...this.redis.values()].filter((r) => !this.pendingBoxes.has(r.box.id));
    for (let pass = 0; pass < redis.length && started.size < redis.length; pass++)
      for (const r of redis) {
        if (started.has(r.id)) continue;
        const spec = this.specOf(r.id);
        const master = spec?.kind === "redis" ? spec.replicaof : undefined;
        if (master && !started.has(master)) continue;
        started.add(r.id);
        out.push(r);
      }
    for (const r of redis) if (!started.has(r.id)) out.push(r);
    for (const p of this.procs.values())
      if (!(p instanceof RedisServer) && !this.pendingBoxes.has(p.box.id)) out.push(p);
    return out;
  }

  specOf(id: string) {
    for (const b of this.allBoxSpecs()) for (const p of b.processes) if (p.id === id) return p;
    return undefined;
  }

  private allBoxSpecs() {
    const out = [...this.scenario.boxes];
    for (const a of this.scenario.timeline) if (a.action === "add-box") out.push(a.box);
    return out;
  }

  /** kill -9 of one process; `vanish` when its whole box disappears (no FIN reaches anyone). */
  killProcess(p: Proc, vanish: boolean): void {
    if (!p.alive) return;
    if (vanish) for (const c of [...p.conns]) this.forget(c, p);
    else p.killSockets();
    p.alive = false;
    p.paused = false;
    p.deferred = [];
    p.busyUntilMs = 0;
    p.incarnation++;
    this.snapProcess(p);
  }

  private forget(c: Conn, p: Proc): void {
    if (p === c.a) {
      c.aOpen = false;
      c.connecting = false;
    } else c.bOpen = false;
    p.conns.delete(c);
  }

  pause(p: Proc): void {
    if (!p.alive || p.paused) return;
    p.paused = true;
    this.snapProcess(p);
  }

  resume(p: Proc): void {
    if (!p.paused) return;
    p.paused = false;
    const deferred = p.deferred;
    p.deferred = [];
    for (const d of deferred) if (d.inc === p.incarnation) this.sim.at(this.sim.nowMs, d.fn, p);
    this.snapProcess(p);
  }

  snapProcess(p: Proc): void {
    if (p instanceof RedisServer) p.snap();
    else if (p instanceof Sentinel) p.snap();
    else if (p instanceof Client) this.rec.clientSnap(p, p.alive ? "waiting" : "down", null);
  }

  applyFaults(): void {
    this.net.setCuts(this.faults.flatMap((f) => f.cuts));
    const n = this.net.boxes;
    const cuts = this.faults.flatMap((f) =>
      f.cuts.map((c) => ({
        from: n[c.from]!.id,
        to: n[c.to]!.id,
        kind: c.kind === 2 ? ("reject" as const) : ("drop" as const),
      })),
    );
    const downBoxes = n.filter((b) => !b.up && !this.pendingBoxes.has(b.id)).map((b) => b.id);
    this.rec.netSnap({ tMs: this.sim.nowMs, cuts, downBoxes });
  }

  // ---- the address book clients use --------------------------------------------------------------------

  sentinelAddr(id: string): { ip: string; port: number } | null {
    const s = this.sentinels.get(id);
    return s ? { ip: s.box.ip, port: s.port } : null;
  }

  redisAddr(id: string): { ip: string; port: number } | null {
    const r = this.redis.get(id);
    return r ? { ip: r.box.ip, port: r.port } : null;
  }

  vipAddr(vip: string): { ip: string; port: number } | null {
    const id = this.vips.get(vip);
    return id ? this.redisAddr(id) : null;
  }
}
