import type { Client } from "./client";
import type { Proc } from "./network";
import type { DataNode } from "./protocol";
import { QuorumSpan } from "./quorumSpan";
import type { RedisServer } from "./redis";
import { F, FAILOVER_STATE_NAMES, type Instance, type MasterInstance } from "./sentinel/instance";
import type { Sentinel } from "./sentinel/sentinel";
import { objectArray } from "./sim";
import type {
  AppliedAction,
  ClientSnap,
  EventLevel,
  NetSnap,
  Op,
  OpType,
  ProcessInfo,
  RedisSnap,
  SentinelGroupView,
  SentinelSnap,
  TraceEvent,
} from "./trace";

/** Everything of a Redis snapshot but its time and offset. */
function sameRedisState(a: RedisSnap, b: RedisSnap): boolean {
  return (
    a.alive === b.alive &&
    a.paused === b.paused &&
    a.role === b.role &&
    a.master === b.master &&
    a.linkUp === b.linkUp &&
    a.replid === b.replid &&
    a.accepting === b.accepting &&
    a.goodReplicas === b.goodReplicas &&
    a.loading === b.loading
  );
}

/** Everything of a Sentinel snapshot but its time. */
function sameSentinelState(a: SentinelSnap, b: SentinelSnap): boolean {
  if (a.alive !== b.alive || a.paused !== b.paused || a.tilt !== b.tilt || a.currentEpoch !== b.currentEpoch)
    return false;
  if (a.reachablePeers.join(",") !== b.reachablePeers.join(",")) return false;
  const names = Object.keys(a.groups);
  if (names.join("|") !== Object.keys(b.groups).join("|")) return false;
  return names.every((n) => {
    const x = a.groups[n]!;
    const y = b.groups[n]!;
    return (
      x.masterAddr === y.masterAddr &&
      x.configEpoch === y.configEpoch &&
      x.flags.join(",") === y.flags.join(",") &&
      x.failoverState === y.failoverState &&
      x.leader === y.leader &&
      x.leaderEpoch === y.leaderEpoch &&
      x.knownSentinels === y.knownSentinels &&
      x.knownReplicas === y.knownReplicas
    );
  });
}

/** A broken invariant is a bug in the model: it names the scenario and seed so the run can be replayed. */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvariantViolation";
  }
}

const WARNING_EVENTS = new Set([
  "+monitor",
  "-monitor",
  "+reset-master",
  "+sdown",
  "-sdown",
  "+odown",
  "-odown",
  "+new-epoch",
  "+try-failover",
  "+vote-for-leader",
  "+elected-leader",
  "+failover-state-select-slave",
  "-failover-abort-not-elected",
  "-failover-abort-no-good-slave",
  "+selected-slave",
  "-failover-abort-slave-timeout",
  "+promoted-slave",
  "+failover-state-reconf-slaves",
  "+failover-end-for-timeout",
  "+failover-end",
  "+switch-master",
  "+config-update-from",
  "+tilt",
  "-tilt",
  "+set",
]);
const VERBOSE_EVENTS = new Set(["+role-change", "-role-change"]);

export class Recorder {
  readonly events: TraceEvent[] = objectArray();
  readonly history: Op[] = objectArray();
  readonly actions: AppliedAction[] = objectArray();
  readonly processes: ProcessInfo[] = objectArray();
  readonly redis: Record<string, RedisSnap[]> = {};
  readonly sentinel: Record<string, SentinelSnap[]> = {};
  readonly client: Record<string, ClientSnap[]> = {};
  readonly net: NetSnap[] = objectArray();
  private readonly byAddr = new Map<string, string>();
  private readonly byRunid = new Map<string, string>();
  /** group → epoch → voter runid → candidate: the ground truth the election invariant is checked against. */
  private readonly votes = new Map<string, Map<number, Map<string, string>>>();
  /** Where the time comes from (the run's Sim). A method reading it, not a closure per run: V8 compiles calls to
   * it once for every run instead of dropping that code when a new run brings a new closure. */
  clock: { readonly nowMs: number } = { nowMs: 0 };

  nowMs(): number {
    return this.clock.nowMs;
  }
  /** Which other quorums would have run the same: the explorer reuses this run for them. */
  quorumSpan = new QuorumSpan();

  constructor(
    readonly scenarioId: string,
    readonly seed: number,
  ) {}

  registerProcess(info: ProcessInfo): void {
    this.processes.push(info);
    if (info.kind !== "client") this.byAddr.set(`${info.ip}:${info.port}`, info.id);
    if (info.runid) this.byRunid.set(info.runid, info.id);
  }

  /** The process listening at ip:port, or the address itself when it is none of ours. */
  procAt(addr: string): string {
    return this.byAddr.get(addr) ?? addr;
  }

  procOf(ip: string, port: number): string | undefined {
    return this.byAddr.get(`${ip}:${port}`);
  }

  sentinelIdOf(runid: string): string | undefined {
    return this.byRunid.get(runid);
  }

  fail(message: string): never {
    throw new InvariantViolation(
      `invariant violated in scenario "${this.scenarioId}" seed ${this.seed} at ${this.nowMs()} ms: ${message}`,
    );
  }

  // ---- events ---------------------------------------------------------------------------------------

  private push(e: TraceEvent): void {
    this.events.push(e);
  }

  sentinelEvent(s: Sentinel, name: string, text: string, m?: MasterInstance, subject?: Instance): void {
    const level: EventLevel = WARNING_EVENTS.has(name) ? "W" : VERBOSE_EVENTS.has(name) ? "V" : "N";
    const e: TraceEvent = { tMs: this.nowMs(), process: s.id, name, level, text };
    if (m) e.group = m.name;
    if (subject) {
      const id = subject.flags & F.SENTINEL ? this.byRunid.get(subject.name) : this.procOf(subject.ip, subject.port);
      if (id) e.subject = id;
    }
    if (name === "+new-epoch" || name === "+try-failover" || name === "+elected-leader") e.epoch = s.currentEpoch;
    if (name === "+switch-master") {
      const parts = text.split(" ");
      const to = this.procOf(parts[3] ?? "", Number(parts[4]));
      if (to) e.subject = to;
      if (m) e.epoch = m.configEpoch;
    }
    this.push(e);
  }

  event(p: Proc, name: string, text: string): void {
    const e: TraceEvent = { tMs: this.nowMs(), process: p.id, name, level: "N", text };
    if ("group" in p && typeof p.group === "string") e.group = p.group;
    this.push(e);
  }

  clientEvent(c: Client, name: string, text: string): void {
    this.push({ tMs: this.nowMs(), process: c.id, name: `client-${name}`, level: "N", text, group: c.group });
  }

  note(s: Sentinel, text: string, group: string): void {
    this.push({ tMs: this.nowMs(), process: s.id, name: "#note", level: "N", text, group });
  }

  action(index: number, action: string, summary: string): void {
    this.actions.push({ tMs: this.nowMs(), index, action, summary });
    this.push({ tMs: this.nowMs(), process: "operator", name: `!${action}`, level: "W", text: summary });
  }

  // ---- history --------------------------------------------------------------------------------------

  // Every entry is one object shape, node and error included: a property added after the literal would need a
  // separate backing store, allocated for every completed write.
  invoke(process: string, value: string): number {
    const index = this.history.length;
    this.history.push({
      index,
      type: "invoke",
      f: "write",
      value,
      process,
      timeMs: this.nowMs(),
      node: undefined,
      error: undefined,
    });
    return index;
  }

  complete(invokeIndex: number, type: OpType, node?: string, error?: string): void {
    const inv = this.history[invokeIndex]!;
    this.history.push({
      index: this.history.length,
      type,
      f: "write",
      value: inv.value,
      process: inv.process,
      timeMs: this.nowMs(),
      node: node || undefined,
      error: error || undefined,
    });
  }

  // ---- invariants -----------------------------------------------------------------------------------

  recordVote(s: Sentinel, group: string, epoch: number, candidate: string): void {
    let byEpoch = this.votes.get(group);
    if (!byEpoch) {
      byEpoch = new Map();
      this.votes.set(group, byEpoch);
    }
    let voters = byEpoch.get(epoch);
    if (!voters) {
      voters = new Map();
      byEpoch.set(epoch, voters);
    }
    const prior = voters.get(s.myid);
    if (prior !== undefined && prior !== candidate)
      this.fail(`${s.id} voted twice in epoch ${epoch} of ${group}: for ${prior} and for ${candidate}`);
    voters.set(s.myid, candidate);
  }

  /** Second path for the election rule: count the votes actually cast, not the ones the leader heard of. */
  checkElected(s: Sentinel, group: string, epoch: number, needed: number): void {
    const voters = this.votes.get(group)?.get(epoch);
    let n = 0;
    if (voters) for (const c of voters.values()) if (c === s.myid) n++;
    if (n < needed)
      this.fail(`${s.id} elected in epoch ${epoch} of ${group} with ${n} votes cast for it, needs ${needed}`);
  }

  electionFailed(s: Sentinel, group: string, epoch: number, votes: number, needed: number, voters: number): void {
    this.push({
      tMs: this.nowMs(),
      process: s.id,
      name: "#election",
      level: "N",
      text: `epoch ${epoch}: ${votes} vote${votes === 1 ? "" : "s"} of ${needed} needed (${voters} Sentinels known)`,
      group,
      epoch,
    });
  }

  checkConfigEpoch(s: Sentinel, group: string, before: number, after: number): void {
    if (after < before) this.fail(`${s.id} config epoch of ${group} went back from ${before} to ${after}`);
  }

  checkCurrentEpoch(s: Sentinel, before: number, after: number): void {
    if (after < before) this.fail(`${s.id} current epoch went back from ${before} to ${after}`);
  }

  checkOffset(r: RedisServer, before: number): void {
    const prev = r.offsetCheckedReplid;
    if (prev === r.replid && r.offset < before)
      this.fail(`${r.id} offset went back from ${before} to ${r.offset} within replid ${r.replid.slice(0, 8)}`);
    r.offsetCheckedReplid = r.replid;
  }

  resetOffsetCheck(r: RedisServer): void {
    r.offsetCheckedReplid = r.replid;
  }

  /** A partial resync is only sound if our dataset is a prefix of the master's. */
  checkPrefix(r: RedisServer, masterHead: DataNode | null): void {
    let n = masterHead;
    while (n && n.offset > r.offset) n = n.prev;
    const mine = r.head;
    const ok =
      mine === null ? n === null || n.offset === 0 : n !== null && n.offset === mine.offset && n.value === mine.value;
    if (!ok)
      this.fail(`${r.id} continued a partial resync at offset ${r.offset} but its data differs from the master's`);
  }

  // ---- timelines ------------------------------------------------------------------------------------

  private listFor<T>(table: Record<string, T[]>, id: string): T[] {
    let list = table[id];
    if (!list) {
      list = objectArray();
      table[id] = list;
    }
    return list;
  }

  redisSnap(r: RedisServer, periodic: boolean): void {
    const list = this.listFor(this.redis, r.id);
    const s: RedisSnap = {
      tMs: this.nowMs(),
      alive: r.alive,
      paused: r.paused,
      role: r.role,
      master: r.role === "replica" && r.masterHost ? this.procAt(`${r.masterHost}:${r.masterPort}`) : null,
      linkUp: r.replState === "connected",
      replid: r.replid,
      offset: r.offset,
      accepting: r.alive && r.role === "master" && r.writeRefusal() === null,
      goodReplicas: r.goodReplicas,
      loading: r.loading,
    };
    const last = list[list.length - 1];
    if (last && sameRedisState(last, s) && (!periodic || last.offset === s.offset)) return;
    if (last && last.tMs === s.tMs) list[list.length - 1] = s;
    else list.push(s);
  }

  sentinelSnap(sn: Sentinel): void {
    const list = this.listFor(this.sentinel, sn.id);
    const groups: Record<string, SentinelGroupView> = {};
    for (const m of sn.masters.values()) {
      const flags: string[] = objectArray();
      if (m.flags & F.S_DOWN) flags.push("s_down");
      if (m.flags & F.O_DOWN) flags.push("o_down");
      if (m.flags & F.FAILOVER_IN_PROGRESS) flags.push("failover_in_progress");
      groups[m.name] = {
        masterAddr: `${m.ip}:${m.port}`,
        master: this.procOf(m.ip, m.port) ?? null,
        configEpoch: m.configEpoch,
        flags,
        failoverState: FAILOVER_STATE_NAMES[m.failoverState],
        leader: m.leader ? (this.byRunid.get(m.leader) ?? m.leader) : null,
        leaderEpoch: m.leaderEpoch,
        knownSentinels: m.sentinels.size,
        knownReplicas: m.replicas.size,
      };
    }
    const peers: string[] = objectArray();
    for (const r of sn.peerLinkState()) peers.push(this.byRunid.get(r) ?? r);
    peers.sort();
    const s: SentinelSnap = {
      tMs: this.nowMs(),
      alive: sn.alive,
      paused: sn.paused,
      tilt: sn.tilt,
      currentEpoch: sn.currentEpoch,
      groups,
      reachablePeers: peers,
    };
    const last = list[list.length - 1];
    if (last && sameSentinelState(last, s)) return;
    if (last && last.tMs === s.tMs) list[list.length - 1] = s;
    else list.push(s);
  }

  clientSnap(c: Client, state: ClientSnap["state"], target: string | null): void {
    const list = this.listFor(this.client, c.id);
    const s: ClientSnap = { tMs: this.nowMs(), alive: c.alive, target, state };
    const last = list[list.length - 1];
    if (last && last.tMs === s.tMs) list[list.length - 1] = s;
    else list.push(s);
  }

  netSnap(s: NetSnap): void {
    const last = this.net[this.net.length - 1];
    if (last && last.tMs === s.tMs) this.net[this.net.length - 1] = s;
    else this.net.push(s);
  }
}
