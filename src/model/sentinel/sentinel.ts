import type { SentinelConfig } from "../../scenario/schema";
import { fastPaths } from "../fastPaths";
import type { Box, Conn, ConnHandler, Network } from "../network";
import { Proc } from "../network";
import { type Cmd, INFO_CMD, type Msg, OK, PING_CMD, PONG, type Reply, type ReplyCb } from "../protocol";
import { publish, type Subscriptions, subscribe } from "../pubsub";
import type { Recorder } from "../recorder";
import { hashString, objectArray, type Rng } from "../sim";
import { voteLeader } from "./election";
import { failoverStateMachine, startFailoverIfNeeded, switchToPromoted } from "./failover";
import { HELLO_CHANNEL, processHello, sendHello } from "./hello";
import { refreshInstanceInfo } from "./info";
import {
  addrOf,
  F,
  FailoverState,
  type Instance,
  type Link,
  type MasterInstance,
  newInstance,
  newMaster,
} from "./instance";

// A Sentinel process (semantics §1, §3–§5, §11). Election, failover, INFO and hello handling live beside it.

const ignoreReply: ReplyCb = () => {};
export const PING_PERIOD = 1000;
export const INFO_PERIOD = 10000;
export const ASK_PERIOD = 1000;
export const PUBLISH_PERIOD = 2000;
export const TILT_TRIGGER = 2000;
export const TILT_PERIOD = 30000;
export const MAX_PENDING_COMMANDS = 100;
export const MIN_LINK_RECONNECT_PERIOD = 15000;
export const ELECTION_TIMEOUT = 10000;
export const SLAVE_RECONF_TIMEOUT = 10000;
export const MAX_DESYNC = 1000;

/** What a sentinel.conf rewrite keeps across a restart (§1 "Persistence"). */
interface Persisted {
  currentEpoch: number;
  masters: Array<{
    name: string;
    ip: string;
    port: number;
    cfg: SentinelConfig;
    configEpoch: number;
    leaderEpoch: number;
    replicas: string[];
    sentinels: Array<{ runid: string; ip: string; port: number }>;
  }>;
}

/** Commands written by this entry point, in order; slots are reused, so a steady run allocates nothing here. */
class Outbox {
  readonly conns: Conn[] = [];
  readonly msgs: Msg[] = [];
  size = 0;
  push(c: Conn, m: Msg): void {
    this.conns[this.size] = c;
    this.msgs[this.size] = m;
    this.size++;
  }
  /** Sends what is still on a live link, and empties the box. */
  drain(from: Sentinel): void {
    for (let i = 0; i < this.size; i++) {
      const c = this.conns[i]!;
      if (c.connecting || c.isOpenFor(from)) c.send(from, this.msgs[i]!);
    }
    this.size = 0;
  }
}

export interface InitialMonitor {
  name: string;
  ip: string;
  port: number;
  cfg: SentinelConfig;
  replicas?: Array<{ ip: string; port: number }>;
  sentinels?: Array<{ runid: string; ip: string; port: number }>;
}

export interface SentinelOptions {
  /** Teaching switch (scenario A1c): a leader needs only `quorum` votes, not a majority. */
  failoverWithoutMajority: boolean;
}

export class Sentinel extends Proc {
  myid: string;
  currentEpoch = 0;
  tilt = false;
  tiltStartTime = 0;
  previousTime = 0;
  masters = new Map<string, MasterInstance>();
  /** Links to peer Sentinels, shared across masters, by runid. */
  peerLinks = new Map<string, Link>();
  private persisted: Persisted | null = null;
  readonly subscribers: Subscriptions = new Map();
  private walkOrder: Instance[] | null = null;
  private readonly outbox = new Outbox();
  /** fsync time owed by the current event (config rewrites). */
  private stallMs = 0;
  private readonly tick = () => this.timer();
  /** Bumped by every change an idle instance's skip could miss: events, snapshots, tables, config, replies. */
  private stateVersion = 0;

  constructor(
    net: Network,
    id: string,
    box: Box,
    port: number,
    rng: Rng,
    readonly rec: Recorder,
    readonly options: SentinelOptions,
  ) {
    super(net, id, box, port, rng);
    this.myid = rng.hex(40);
  }

  /** Starts from sentinel.conf: the initial monitor lines, or what the last config rewrite saved. */
  start(initial: InitialMonitor[], warm = false): void {
    const now = this.now();
    this.masters.clear();
    this.tablesChanged();
    this.peerLinks.clear();
    this.subscribers.clear();
    this.tilt = false;
    this.previousTime = now;
    const p = this.persisted;
    if (!p) {
      for (const im of initial) {
        const m = this.monitor(im.name, im.ip, im.port, im.cfg, false);
        // A warm start: sentinel.conf already lists what an earlier run discovered (known-replica, known-sentinel).
        for (const r of im.replicas ?? []) this.addReplica(m, r.ip, r.port, false);
        for (const s of im.sentinels ?? []) this.addSentinel(m, s.runid, s.ip, s.port);
      }
    } else {
      this.currentEpoch = p.currentEpoch;
      for (const pm of p.masters) {
        const m = this.monitor(pm.name, pm.ip, pm.port, pm.cfg, false);
        m.configEpoch = pm.configEpoch;
        m.leaderEpoch = pm.leaderEpoch;
        for (const r of pm.replicas)
          this.addReplica(m, r.slice(0, r.lastIndexOf(":")), Number(r.slice(r.lastIndexOf(":") + 1)), false);
        for (const s of pm.sentinels) this.addSentinel(m, s.runid, s.ip, s.port);
      }
    }
    this.net.listen(this);
    this.saveState();
    this.endEvent();
    // A deployment that has been running for a while has its timers at any phase of the second: the PING, INFO
    // and hello rounds, and so how long a fault takes to be noticed, differ from one Sentinel to the next.
    this.after(this.rng.int(warm ? 1000 : 100), () => this.timer());
    this.snap();
  }

  monitor(name: string, ip: string, port: number, cfg: SentinelConfig, emit = true): MasterInstance {
    const m = newMaster(name, ip, port, cfg, this.now());
    this.masters.set(name, m);
    this.tablesChanged();
    this.event("+monitor", `${this.detailsOf(m)} quorum ${m.quorum}`, m);
    if (emit) this.flushConfig();
    return m;
  }

  removeMaster(name: string): void {
    const m = this.masters.get(name);
    if (!m) return;
    this.event("-monitor", this.detailsOf(m), m);
    this.releaseInstance(m);
    for (const r of m.replicas.values()) this.releaseInstance(r);
    for (const s of m.sentinels.values()) this.releaseInstance(s);
    this.masters.delete(name);
    this.tablesChanged();
    this.flushConfig();
  }

  addReplica(m: MasterInstance, ip: string, port: number, emit = true): Instance | null {
    const addr = `${ip}:${port}`;
    if (m.replicas.has(addr) || (ip === m.ip && port === m.port)) return null;
    const r = newInstance(F.SLAVE, addr, ip, port, m, this.now());
    m.replicas.set(addr, r);
    this.tablesChanged();
    if (emit) this.event("+slave", this.detailsOf(r), m, r);
    return r;
  }

  addSentinel(m: MasterInstance, runid: string, ip: string, port: number): Instance {
    const s = newInstance(F.SENTINEL, runid, ip, port, m, this.now());
    s.runid = runid;
    // sentinelTryConnectionSharing: one link per peer, whatever the number of masters.
    const shared = this.peerLinks.get(runid);
    if (shared) {
      shared.refcount++;
      s.link = shared;
    } else this.peerLinks.set(runid, s.link);
    m.sentinels.set(runid, s);
    this.tablesChanged();
    return s;
  }

  /** removeMatchingSentinelFromMaster for every master; the caller writes the config once it has added the new one. */
  forgetSentinel(runid: string): void {
    for (const m of this.masters.values()) {
      const p = m.sentinels.get(runid);
      if (!p) continue;
      this.releaseInstance(p);
      m.sentinels.delete(runid);
    }
    this.tablesChanged();
  }

  releaseInstance(i: Instance): void {
    const link = i.link;
    link.refcount--;
    if (link.refcount > 0) return;
    this.closeLink(link, "cc");
    this.closeLink(link, "pc");
    if (i.flags & F.SENTINEL && i.runid && this.peerLinks.get(i.runid) === link) this.peerLinks.delete(i.runid);
  }

  detailsOf(i: Instance): string {
    const type = i.flags & F.MASTER ? "master" : i.flags & F.SLAVE ? "slave" : "sentinel";
    const self = `${type} ${i.name} ${i.ip} ${i.port}`;
    return i.master ? `${self} @ ${i.master.name} ${i.master.ip} ${i.master.port}` : self;
  }

  /** sentinelFlushConfig: the persisted part of the state, written whenever it changes. */
  /** sentinelFlushConfig: the rewrite and its fsync, which blocks the event loop (see endEvent). */
  flushConfig(): void {
    this.stateVersion++;
    this.stallMs += this.net.spec.configFsyncMs;
    this.saveState();
  }

  /** What sentinel.conf holds after a rewrite. */
  private saveState(): void {
    this.persisted = {
      currentEpoch: this.currentEpoch,
      masters: [...this.masters.values()].map((m) => {
        // rewriteConfigSentinelOption: the monitor line names the promoted replica once the failover reached
        // RECONF_SLAVES, and the old master takes its place among the known replicas.
        const a = this.currentMasterAddress(m);
        const current = `${a.ip}:${a.port}`;
        const replicas = [...m.replicas.keys()].map((r) => (r === current ? `${m.ip}:${m.port}` : r));
        return {
          name: m.name,
          ip: a.ip,
          port: a.port,
          cfg: {
            quorum: m.quorum,
            "down-after-milliseconds": m.downAfterMs,
            "failover-timeout": m.failoverTimeoutMs,
            "parallel-syncs": m.parallelSyncs,
            "master-reboot-down-after-period": m.rebootDownAfterMs,
          },
          configEpoch: m.configEpoch,
          leaderEpoch: m.leaderEpoch,
          replicas,
          sentinels: [...m.sentinels.values()].map((s) => ({ runid: s.name, ip: s.ip, port: s.port })),
        };
      }),
    };
    this.snap();
  }

  /** sentinelEvent: logged, and published on this Sentinel's channel of the same name (§14). */
  event(name: string, text: string, m?: MasterInstance, subject?: Instance): void {
    this.stateVersion++;
    this.rec.sentinelEvent(this, name, text, m, subject);
    this.publishEvent(name, text);
  }

  /** A larger epoch from a peer is persisted at once; our own failover start is not (sentinelStartFailover). */
  setCurrentEpoch(epoch: number, m: MasterInstance, persist = true): void {
    if (epoch <= this.currentEpoch) return;
    this.currentEpoch = epoch;
    if (persist) this.flushConfig();
    else this.snap();
    this.event("+new-epoch", `${epoch}`, m);
  }

  // ---- the timer ------------------------------------------------------------------------------------

  private timer(): void {
    this.checkTiltCondition();
    let switchTo: MasterInstance | null = null;
    // sentinelHandleDictOfRedisInstances: each master, then its replicas and its Sentinels. Tables only
    // change on replies and hellos, never inside a tick, so the walk order is cached between changes.
    const order = this.walkOrder ?? this.buildWalkOrder();
    const now = this.now();
    const skipIdle = fastPaths.sentinelIdleInstances;
    for (let i = 0; i < order.length; i++) {
      const ri = order[i]!;
      if (
        !skipIdle ||
        this.tilt ||
        now >= ri.idleUntil ||
        ri.idleState !== this.stateVersion ||
        ri.idleLink !== ri.link.version
      ) {
        this.handleInstance(ri);
        ri.idleUntil = this.tilt ? 0 : this.idleUntil(ri, now);
        ri.idleState = this.stateVersion;
        ri.idleLink = ri.link.version;
      }
      if (ri.flags & F.MASTER && (ri as MasterInstance).failoverState === FailoverState.UPDATE_CONFIG)
        switchTo = ri as MasterInstance;
    }
    if (switchTo) switchToPromoted(this, switchTo);
    const stall = this.endEvent();
    // server.hz = 10 + rand() % 10, and serverCron comes back 1000/hz ms after it returns (§1 "Timer jitter").
    const hz = 10 + this.rng.int(10);
    this.after(stall + Math.floor(1000 / hz), this.tick);
  }

  tablesChanged(): void {
    this.walkOrder = null;
    this.stateVersion++;
  }

  /** Something outside the Sentinel's own handlers changed its state (an operator action). */
  stateChanged(): void {
    this.stateVersion++;
  }

  /**
   * The first time at which handling `ri` in a tick could do anything, given the state just after handling it at
   * `now`; `now` itself when it must be handled every tick. Every time-driven rule of handleInstance has its
   * threshold here (a rule `now - x > p` fires from floor(x + p) + 1); every change of state bumps stateVersion or
   * the link's version, which ends the skip.
   */
  private idleUntil(ri: Instance, now: number): number {
    const link = ri.link;
    if (link.disconnected || ri.port === 0) return now;
    if (ri.flags & ~(F.MASTER | F.SLAVE | F.SENTINEL | F.MASTER_DOWN)) return now;
    const m = ri.master;
    if (m && m.flags & (F.S_DOWN | F.O_DOWN | F.FAILOVER_IN_PROGRESS)) return now;
    const downAfter = (m ?? (ri as MasterInstance)).downAfterMs;
    let t = Number.POSITIVE_INFINITY;
    // sendPeriodicCommands (nothing is sent while the link has too many commands pending).
    if (link.pendingCommands < MAX_PENDING_COMMANDS * link.refcount) {
      if (!(ri.flags & F.SENTINEL)) {
        if (ri.infoRefresh === 0) return now;
        const infoPeriod = ri.flags & F.SLAVE && ri.masterLinkDownTime !== 0 ? 1000 : INFO_PERIOD;
        t = Math.min(t, ri.infoRefresh + infoPeriod + 1);
      }
      const pingPeriod = Math.min(downAfter, PING_PERIOD);
      t = Math.min(t, Math.floor(Math.max(link.lastPongTime + pingPeriod, link.lastPingTime + pingPeriod / 2)) + 1);
      t = Math.min(t, ri.lastPubTime + PUBLISH_PERIOD + 1);
    }
    // checkSubjectivelyDown: the missing reply, link recycling, a master that reports itself a replica.
    if (link.actPingTime) t = Math.min(t, link.actPingTime + downAfter + 1);
    if (link.cc && link.actPingTime !== 0)
      t = Math.min(
        t,
        Math.floor(
          Math.max(
            link.ccConnTime + MIN_LINK_RECONNECT_PERIOD,
            link.actPingTime + downAfter / 2,
            link.lastPongTime + downAfter / 2,
          ),
        ) + 1,
      );
    if (link.pc)
      t = Math.min(
        t,
        Math.max(link.pcConnTime + MIN_LINK_RECONNECT_PERIOD, link.pcLastActivity + PUBLISH_PERIOD * 3) + 1,
      );
    if (ri.flags & F.MASTER && ri.roleReported === F.SLAVE)
      t = Math.min(t, ri.roleReportedTime + downAfter + 2 * INFO_PERIOD + 1);
    // askMasterStateToOtherSentinels forgets a peer's stale down-reply and vote.
    if (ri.flags & F.MASTER)
      for (const p of (ri as MasterInstance).sentinels.values())
        if (p.flags & F.MASTER_DOWN || p.leader !== null)
          t = Math.min(t, p.lastMasterDownReplyTime + ASK_PERIOD * 5 + 1);
    return t;
  }

  private buildWalkOrder(): Instance[] {
    const order: Instance[] = [];
    for (const m of this.inDictOrder(this.masters.values())) {
      order.push(m);
      for (const r of this.inDictOrder(m.replicas.values())) order.push(r);
      for (const s of this.inDictOrder(m.sentinels.values())) order.push(s);
    }
    this.walkOrder = order;
    return order;
  }

  /**
   * Sentinel walks its tables in hash-table order, which a per-process random hash seed makes arbitrary
   * (server.c seeds siphash at startup): a seeded order per Sentinel stands in for it.
   */
  inDictOrder<T extends Instance>(items: Iterable<T>): T[] {
    const key = (i: T) => hashString(`${this.myid}/${i.name}`);
    return [...items].sort((a, b) => key(a) - key(b) || (a.name < b.name ? -1 : 1));
  }

  private checkTiltCondition(): void {
    const now = this.now();
    const delta = now - this.previousTime;
    if (delta < 0 || delta > TILT_TRIGGER) {
      this.tilt = true;
      this.tiltStartTime = now;
      this.event("+tilt", "#tilt mode entered");
      this.snap();
    }
    this.previousTime = now;
  }

  private handleInstance(ri: Instance): void {
    // Monitoring half.
    this.reconnectInstance(ri);
    this.sendPeriodicCommands(ri);
    // Acting half.
    if (this.tilt) {
      if (this.now() - this.tiltStartTime < TILT_PERIOD) return;
      this.tilt = false;
      this.event("-tilt", "#tilt mode exited");
      this.snap();
    }
    this.checkSubjectivelyDown(ri);
    if (ri.flags & F.MASTER) {
      const m = ri as MasterInstance;
      this.checkObjectivelyDown(m);
      if (startFailoverIfNeeded(this, m)) this.askMasterStateToOtherSentinels(m, true);
      failoverStateMachine(this, m);
      this.askMasterStateToOtherSentinels(m, false);
    }
  }

  // ---- links ----------------------------------------------------------------------------------------

  private reconnectInstance(ri: Instance): void {
    const link = ri.link;
    if (!link.disconnected || ri.port === 0) return;
    const now = this.now();
    if (now - link.lastReconnTime < PING_PERIOD) return;
    link.version++;
    link.lastReconnTime = now;
    if (!link.cc) {
      link.cc = this.net.connect(this, ri.ip, ri.port, this.linkHandler(link, "cc"));
      link.pendingCommands = 0;
      link.ccConnTime = now;
      this.sendPing(ri);
    }
    if (ri.flags & (F.MASTER | F.SLAVE) && !link.pc) {
      link.pc = this.net.connect(this, ri.ip, ri.port, this.linkHandler(link, "pc"));
      link.pcConnTime = now;
      this.outbox.push(link.pc, { k: "cmd", cmd: { c: "SUBSCRIBE", channel: HELLO_CHANNEL }, cb: null });
    }
    if (link.cc && (ri.flags & F.SENTINEL || link.pc)) link.disconnected = false;
  }

  private linkHandler(link: Link, which: "cc" | "pc"): ConnHandler {
    return {
      opened: () => {},
      message: (c, m) => {
        // Named loads, not link[which]: a keyed load with two keys is one V8 does not cache, on every message.
        if ((which === "cc" ? link.cc : link.pc) !== c) return;
        link.version++;
        // Any reply or message on the pub/sub link counts as activity (sentinelReceiveHelloMessages).
        if (which === "pc") link.pcLastActivity = this.now();
        if (m.k === "reply") {
          if (which === "cc" && link.pendingCommands > 0) link.pendingCommands--;
          m.cb?.(m.r);
        } else if (m.k === "push" && m.channel === HELLO_CHANNEL) processHello(this, m.payload);
        this.endEvent();
      },
      closed: (c) => {
        if ((which === "cc" ? link.cc : link.pc) !== c) return;
        link.version++;
        // instanceLinkConnectionError: the pending replies are gone and the link must be rebuilt.
        link[which] = null;
        if (which === "cc") link.pendingCommands = 0;
        link.disconnected = true;
      },
    };
  }

  closeLink(link: Link, which: "cc" | "pc"): void {
    const c = link[which];
    if (!c) return;
    link.version++;
    link[which] = null;
    if (which === "cc") link.pendingCommands = 0;
    link.disconnected = true;
    c.closeFrom(this);
  }

  /** Sends a command on the command link; false when the link has no connection (redisAsyncCommand fails). */
  command(ri: Instance, cmd: Cmd, cb: ReplyCb | null): boolean {
    return this.send(ri, { k: "cmd", cmd, cb: cb ?? ignoreReply });
  }

  /** command, with the message made by the caller. */
  send(ri: Instance, m: Msg): boolean {
    const cc = ri.link.cc;
    if (!cc || (!cc.isOpenFor(this) && !cc.connecting)) return false;
    ri.link.pendingCommands++;
    ri.link.version++;
    this.outbox.push(cc, m);
    return true;
  }

  /**
   * hiredis only buffers a command; the event loop writes it after the current callback or timer returns. A link
   * freed before that (a switch resets the replica table, a stuck link is recycled) loses what it buffered:
   * sentinelResetMaster → redisAsyncFree. So commands leave at the end of each entry point, if their link lives.
   */
  private flush(): void {
    if (this.outbox.size) this.outbox.drain(this);
  }

  /**
   * The end of a callback or timer call. A config rewrite fsyncs with the event loop blocked
   * (sentinelFlushConfig), so what the handler wrote leaves that much later and the next events wait.
   */
  endEvent(): number {
    const stall = this.stallMs;
    this.stallMs = 0;
    if (stall === 0) {
      this.flush();
      return 0;
    }
    this.holdOutbox(stall);
    return stall;
  }

  // The closures of these rare paths live in their own methods: in a method that runs on every event (endEvent)
  // or every tick, they would make V8 allocate a context on each call.
  private holdOutbox(stall: number): void {
    const until = this.sim.nowMs + stall;
    this.busyUntilMs = Math.max(this.busyUntilMs, until);
    const held = new Outbox();
    for (let i = 0; i < this.outbox.size; i++) held.push(this.outbox.conns[i]!, this.outbox.msgs[i]!);
    this.outbox.size = 0;
    this.sim.at(until, () => held.drain(this), this);
  }

  private infoCallback(ri: Instance): ReplyCb {
    const cb = (r: Reply) => {
      this.stateVersion++;
      if (r.t === "info") refreshInstanceInfo(this, ri, r.info);
    };
    ri.onInfo = cb;
    return cb;
  }

  private pongCallback(ri: Instance): ReplyCb {
    const cb = (r: Reply) => {
      const now = this.now();
      if (r.t === "pong" || (r.t === "err" && (r.code === "LOADING" || r.code === "MASTERDOWN"))) {
        ri.link.lastAvailTime = now;
        ri.link.actPingTime = 0;
        // A master that reboots stays suspect until it answers PONG: -LOADING only says it is alive (§4).
        if (r.t === "pong") ri.flags &= ~F.MASTER_REBOOT;
      }
      ri.link.lastPongTime = now;
    };
    ri.onPong = cb;
    return cb;
  }

  private sendPeriodicCommands(ri: Instance): void {
    const link = ri.link;
    if (link.disconnected) return;
    if (link.pendingCommands >= MAX_PENDING_COMMANDS * link.refcount) return;
    const now = this.now();
    const m = ri.master;
    let infoPeriod = INFO_PERIOD;
    if (ri.flags & F.SLAVE && m && (m.flags & (F.O_DOWN | F.FAILOVER_IN_PROGRESS) || ri.masterLinkDownTime !== 0))
      infoPeriod = 1000;
    const downAfter = (m ?? (ri as MasterInstance)).downAfterMs;
    const pingPeriod = Math.min(downAfter, PING_PERIOD);
    if (!(ri.flags & F.SENTINEL) && (ri.infoRefresh === 0 || now - ri.infoRefresh > infoPeriod))
      this.command(ri, INFO_CMD, ri.onInfo ?? this.infoCallback(ri));
    if (now - link.lastPongTime > pingPeriod && now - link.lastPingTime > pingPeriod / 2) this.sendPing(ri);
    if (now - ri.lastPubTime > PUBLISH_PERIOD) sendHello(this, ri);
  }

  private sendPing(ri: Instance): void {
    const link = ri.link;
    const sent = this.command(ri, PING_CMD, ri.onPong ?? this.pongCallback(ri));
    if (!sent) return;
    const now = this.now();
    link.lastPingTime = now;
    if (link.actPingTime === 0) link.actPingTime = now;
  }

  // ---- failure detection (§4, §5) --------------------------------------------------------------------

  private checkSubjectivelyDown(ri: Instance): void {
    const link = ri.link;
    const now = this.now();
    let elapsed = 0;
    if (link.actPingTime) elapsed = now - link.actPingTime;
    else if (link.disconnected) elapsed = now - link.lastAvailTime;
    const downAfter = (ri.master ?? (ri as MasterInstance)).downAfterMs;
    // Link recycling: a command link that looks stuck is closed and rebuilt, a silent pub/sub link too.
    if (
      link.cc &&
      now - link.ccConnTime > MIN_LINK_RECONNECT_PERIOD &&
      link.actPingTime !== 0 &&
      now - link.actPingTime > downAfter / 2 &&
      now - link.lastPongTime > downAfter / 2
    )
      this.closeLink(link, "cc");
    if (link.pc && now - link.pcConnTime > MIN_LINK_RECONNECT_PERIOD && now - link.pcLastActivity > PUBLISH_PERIOD * 3)
      this.closeLink(link, "pc");
    const m = ri as MasterInstance;
    const down =
      elapsed > downAfter ||
      (ri.flags & F.MASTER && ri.roleReported === F.SLAVE && now - ri.roleReportedTime > downAfter + 2 * INFO_PERIOD) ||
      (ri.flags & F.MASTER_REBOOT && now - ri.masterRebootSinceTime > m.rebootDownAfterMs);
    if (down) {
      if (!(ri.flags & F.S_DOWN)) {
        this.event("+sdown", this.detailsOf(ri), ri.master ?? m, ri);
        ri.sDownSinceTime = now;
        ri.flags |= F.S_DOWN;
        this.snap();
      }
    } else if (ri.flags & F.S_DOWN) {
      this.event("-sdown", this.detailsOf(ri), ri.master ?? m, ri);
      ri.flags &= ~F.S_DOWN;
      this.snap();
    }
  }

  private checkObjectivelyDown(m: MasterInstance): void {
    let quorum = 0;
    let odown = false;
    if (m.flags & F.S_DOWN) {
      quorum = 1;
      for (const s of m.sentinels.values()) if (s.flags & F.MASTER_DOWN) quorum++;
      if (this.rec.quorumSpan.atLeast(quorum, m.quorum)) odown = true;
    }
    if (odown) {
      if (!(m.flags & F.O_DOWN)) {
        this.event("+odown", `${this.detailsOf(m)} #quorum ${quorum}/${m.quorum}`, m, m);
        m.flags |= F.O_DOWN;
        m.oDownSinceTime = this.now();
        this.snap();
      }
    } else if (m.flags & F.O_DOWN) {
      this.event("-odown", this.detailsOf(m), m, m);
      m.flags &= ~F.O_DOWN;
      this.snap();
    }
  }

  askMasterStateToOtherSentinels(m: MasterInstance, forced: boolean): void {
    for (const ri of m.sentinels.values()) {
      const now = this.now();
      if (now - ri.lastMasterDownReplyTime > ASK_PERIOD * 5) {
        ri.flags &= ~F.MASTER_DOWN;
        ri.leader = null;
      }
      if (!(m.flags & F.S_DOWN)) continue;
      if (ri.link.disconnected) continue;
      if (!forced && now - ri.lastMasterDownReplyTime < ASK_PERIOD) continue;
      this.askIsMasterDown(m, ri);
    }
  }

  // Apart from the loop above: a closure there would capture ri, and V8 would allocate a context for every peer
  // on every tick, asked or not.
  private askIsMasterDown(m: MasterInstance, ri: Instance): void {
    const runid = m.failoverState > FailoverState.NONE ? this.myid : "*";
    this.command(ri, { c: "IS-MASTER-DOWN", ip: m.ip, port: m.port, epoch: this.currentEpoch, runid }, (r) =>
      this.receiveIsMasterDownReply(ri, r),
    );
  }

  private receiveIsMasterDownReply(ri: Instance, r: Reply): void {
    if (r.t !== "down") return;
    this.stateVersion++;
    ri.lastMasterDownReplyTime = this.now();
    if (r.down === 1) ri.flags |= F.MASTER_DOWN;
    else ri.flags &= ~F.MASTER_DOWN;
    if (r.leader !== "*") {
      ri.leader = r.leader;
      ri.leaderEpoch = r.epoch;
    }
  }

  masterByAddr(ip: string, port: number): MasterInstance | undefined {
    for (const m of this.masters.values()) if (m.ip === ip && m.port === port) return m;
    return undefined;
  }

  /**
   * sentinelGetCurrentMasterAddress: the promoted replica once the failover reached RECONF_SLAVES (§7.5). The entry
   * itself, not a copy of its address, since every hello asks.
   */
  currentMasterAddress(m: MasterInstance): { readonly ip: string; readonly port: number } {
    if (m.flags & F.FAILOVER_IN_PROGRESS && m.promoted && m.failoverState >= FailoverState.RECONF_SLAVES)
      return m.promoted;
    return m;
  }

  // ---- serving other Sentinels and clients ------------------------------------------------------------

  accept(_c: Conn): ConnHandler {
    return {
      opened: () => {},
      message: (c, m) => {
        this.serve(c, m);
        this.endEvent();
      },
      closed: (c) => {
        this.subscribers.delete(c);
      },
    };
  }

  private serve(c: Conn, msg: Msg): void {
    if (msg.k !== "cmd") return;
    this.outbox.push(c, { k: "reply", r: this.answer(c, msg.cmd), cb: msg.cb });
  }

  /** A command from a peer or a client: its effect, and the reply. */
  private answer(c: Conn, cmd: Cmd): Reply {
    switch (cmd.c) {
      case "PING":
        return PONG;
      case "PUBLISH":
        if (cmd.channel !== HELLO_CHANNEL) return { t: "err", code: "ERR only hello channel" };
        processHello(this, cmd.payload);
        return OK;
      case "SUBSCRIBE":
        subscribe(this.subscribers, c, cmd.channel);
        return OK;
      case "IS-MASTER-DOWN": {
        // §5.2: looked up by address; votes are granted whatever our view of the master, even in TILT.
        const m = this.masterByAddr(cmd.ip, cmd.port);
        const down: 0 | 1 = !this.tilt && m && m.flags & F.S_DOWN ? 1 : 0;
        let leader: string | null = null;
        let leaderEpoch = 0;
        if (m && cmd.runid !== "*") {
          leader = voteLeader(this, m, cmd.epoch, cmd.runid);
          leaderEpoch = m.leaderEpoch;
        }
        return { t: "down", down, leader: leader ?? "*", epoch: leaderEpoch };
      }
      case "GET-MASTER-ADDR": {
        const m = this.masters.get(cmd.name);
        if (!m) return { t: "nil" };
        const a = this.currentMasterAddress(m);
        return { t: "addr", ip: a.ip, port: a.port };
      }
      default:
        return { t: "err", code: "ERR unknown command" };
    }
  }

  /** Events also go to this Sentinel's pub/sub channel of the same name (§14). */
  publishEvent(name: string, payload: string): void {
    publish(this.subscribers, this, name, payload);
  }

  // ---- operator commands ----------------------------------------------------------------------------

  /** SENTINEL RESET <pattern>: forget replicas and Sentinels; they are rediscovered (§3, §15.6). */
  reset(pattern: string): void {
    const re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
    );
    for (const m of this.masters.values()) {
      if (!re.test(m.name)) continue;
      resetMaster(this, m, true);
      this.event("+reset-master", this.detailsOf(m), m, m);
    }
    this.flushConfig();
  }

  snap(): void {
    this.stateVersion++;
    this.rec.sentinelSnap(this);
  }

  /** Peers that answer: connected, and no PING has gone unanswered for a whole ping period (one in flight is fine). */
  peerLinkState(): string[] {
    const out: string[] = objectArray();
    const now = this.now();
    for (const [runid, link] of this.peerLinks)
      if (!link.disconnected && (link.actPingTime === 0 || now - link.actPingTime < PING_PERIOD)) out.push(runid);
    return out;
  }
}

/** sentinelResetMaster: replicas (and, for SENTINEL RESET, Sentinels) forgotten; failover state cleared (§9.2). */
export function resetMaster(s: Sentinel, m: MasterInstance, forgetSentinels: boolean): void {
  for (const r of m.replicas.values()) s.releaseInstance(r);
  m.replicas = new Map();
  s.tablesChanged();
  if (forgetSentinels) {
    for (const p of m.sentinels.values()) s.releaseInstance(p);
    m.sentinels = new Map();
    s.tablesChanged();
  }
  s.closeLink(m.link, "cc");
  s.closeLink(m.link, "pc");
  m.flags &= F.MASTER;
  m.leader = null;
  m.failoverState = FailoverState.NONE;
  m.failoverStateChangeTime = 0;
  m.failoverStartTime = 0;
  m.promoted = null;
  m.runid = null;
  const now = s.now();
  m.roleReported = F.MASTER;
  m.roleReportedTime = now;
  m.link.actPingTime = now;
  m.link.lastPingTime = 0;
  m.link.lastAvailTime = now;
  m.link.lastPongTime = now;
}

export { addrOf };
