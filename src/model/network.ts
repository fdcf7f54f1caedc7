import type { NetworkSpec } from "../scenario/schema";
import { fastPaths } from "./fastPaths";
import { FIN, type Msg } from "./protocol";
import type { Firable, Owner, Rng, Sim } from "./sim";

// TCP under partitions, semantics §1.0: a `drop` cut stalls data (delivered at the first retransmission after
// the heal) and hangs connects (SYN retries); a `reject` cut fails at once. Each direction is cut separately.

/** 2023-11-14T22:13:20Z: the wall clock every process starts with. */
export const WALL_CLOCK_BASE_MS = 500_000_000;

export const UP = 0;
export const DROP = 1;
export const REJECT = 2;
export type PathState = 0 | 1 | 2;

export interface Box {
  id: string;
  index: number;
  ip: string;
  /** false while crashed, before an add-box, after a remove-box. */
  up: boolean;
  procs: Proc[];
}

export type CloseReason = "eof" | "reset" | "refused" | "timeout" | "local";

export interface ConnHandler {
  opened(c: Conn): void;
  message(c: Conn, m: Msg): void;
  closed(c: Conn, why: CloseReason): void;
}

/** Base of every process: it owns its events (dropped when it dies, deferred while it is paused). */
export abstract class Proc implements Owner {
  incarnation = 1;
  paused = false;
  alive = true;
  deferred: Array<{ inc: number; fn: () => void }> = [];
  busyUntilMs = 0;
  /** mstime() is wall-clock time in Redis: timestamps that start at 0 must read as "long ago". */
  clockOffsetMs = WALL_CLOCK_BASE_MS;
  readonly conns = new Set<Conn>();

  constructor(
    readonly net: Network,
    readonly id: string,
    readonly box: Box,
    readonly port: number,
    readonly rng: Rng,
  ) {}

  get sim(): Sim {
    return this.net.sim;
  }

  /** The process's own clock (mstime), which a clock jump moves. */
  now(): number {
    return this.net.sim.nowMs + this.clockOffsetMs;
  }

  get addr(): string {
    return `${this.box.ip}:${this.port}`;
  }

  /** Handler for a connection accepted on this process's port. */
  abstract accept(c: Conn): ConnHandler;

  after(delayMs: number, fn: () => void): void {
    this.net.sim.after(delayMs, fn, this);
  }

  /** kill -9: sockets are closed by the kernel (peers see EOF once their path is up). */
  killSockets(): void {
    for (const c of [...this.conns]) c.closeFrom(this, true);
  }
}

/** Linux's initial congestion window (IW10): what a sender still sends with no acknowledgement coming back. */
const INITIAL_CWND_SEGMENTS = 10;

class Dir {
  lastArrival = 0;
  /** Segments sent since the reverse direction went silent. */
  unacked = 0;
  queue: Msg[] | null = null;
  stallStartMs = 0;
  retransmitScheduled = false;
  /** The earliest reset of the sending side that arriving data has scheduled. */
  resetDueMs = Number.POSITIVE_INFINITY;
  constructor(
    readonly conn: Conn,
    readonly fromA: boolean,
  ) {}
}

export class Conn {
  static nextId = 1;
  readonly id = Conn.nextId++;
  /** Each side is open until its own process closes it or learns the peer is gone. */
  aOpen = false;
  bOpen = false;
  connecting = true;
  b: Proc | null = null;
  hb: ConnHandler | null = null;
  private pendingOut: Msg[] = [];
  private readonly ab = new Dir(this, true);
  private readonly ba = new Dir(this, false);
  private synAttempt = 0;

  constructor(
    readonly net: Network,
    readonly a: Proc,
    readonly ha: ConnHandler,
    readonly ip: string,
    readonly port: number,
  ) {
    a.conns.add(this);
  }

  isOpenFor(p: Proc): boolean {
    return p === this.a ? this.aOpen : this.bOpen;
  }

  /** Writes from before the connect completes wait in the client's buffer (hiredis output buffer). */
  send(from: Proc, m: Msg): void {
    if (from === this.a) {
      if (this.connecting) {
        this.pendingOut.push(m);
        return;
      }
      if (!this.aOpen) return;
      this.net.transmit(this.ab, m);
    } else {
      if (!this.bOpen) return;
      this.net.transmit(this.ba, m);
    }
  }

  /** The application closes its socket; queued data and then the FIN still go out (§1.0). */
  closeFrom(p: Proc, silent = true, why: CloseReason = "local"): void {
    if (p === this.a) {
      if (this.connecting) {
        this.connecting = false;
        this.aOpen = false;
        this.a.conns.delete(this);
        if (!silent) this.ha.closed(this, why);
        return;
      }
      if (!this.aOpen) return;
      this.aOpen = false;
      this.a.conns.delete(this);
      this.net.transmit(this.ab, FIN);
      if (!silent) this.ha.closed(this, why);
    } else {
      if (!this.bOpen) return;
      this.bOpen = false;
      this.b?.conns.delete(this);
      this.net.transmit(this.ba, FIN);
      if (!silent && this.hb) this.hb.closed(this, why);
    }
  }

  /** The peer's kernel reset the connection, or TCP gave up: the side learns at once, nothing more is sent. */
  abortSide(toA: boolean, why: CloseReason): void {
    if (toA) {
      if (!this.aOpen && !this.connecting) return;
      this.aOpen = false;
      this.connecting = false;
      this.a.conns.delete(this);
      this.ha.closed(this, why);
    } else {
      if (!this.bOpen) return;
      this.bOpen = false;
      this.b?.conns.delete(this);
      this.hb?.closed(this, why);
    }
  }

  dirFrom(fromA: boolean): Dir {
    return fromA ? this.ab : this.ba;
  }

  /** Called by the network when SYN retry number `attempt` is due. */
  trySyn(attempt: number): void {
    if (!this.connecting || attempt !== this.synAttempt) return;
    const net = this.net;
    const target = net.lookup(this.ip, this.port);
    const box = net.boxByIp(this.ip);
    const fwd = box ? net.path(this.a.box, box) : DROP;
    const back = box ? net.path(box, this.a.box) : DROP;
    const delays = net.spec.synRetryDelaysMs;
    if (fwd === DROP || back === DROP) {
      if (attempt >= delays.length) {
        // The final SYN also went unanswered: connect() fails with ETIMEDOUT.
        net.sim.at(net.sim.nowMs + delays[delays.length - 1]! * 2, () => this.synTimeout(attempt), this.a);
        return;
      }
      this.synAttempt = attempt + 1;
      net.sim.after(delays[attempt]!, () => this.trySyn(attempt + 1), this.a);
      return;
    }
    const rtt = 2 * net.latency(this.a);
    if (fwd === REJECT || back === REJECT || !target || !target.alive) {
      net.sim.after(rtt, () => this.refuse(), this.a);
      return;
    }
    this.b = target;
    this.hb = null;
    // The server side exists as soon as its kernel completes the handshake; its process accepts when it runs.
    net.sim.after(rtt >> 1, () => this.acceptOn(target), target);
    net.sim.after(rtt, () => this.established(), this.a);
  }

  private synTimeout(attempt: number): void {
    if (!this.connecting || attempt !== this.synAttempt) return;
    this.abortSide(true, "timeout");
  }

  private refuse(): void {
    if (!this.connecting) return;
    this.abortSide(true, "refused");
  }

  private acceptOn(target: Proc): void {
    if (!this.connecting && !this.aOpen) {
      // The client gave up before we accepted; its FIN will not find us: nothing to do.
      return;
    }
    this.bOpen = true;
    target.conns.add(this);
    this.hb = target.accept(this);
    this.hb.opened(this);
  }

  private established(): void {
    if (!this.connecting) return;
    this.connecting = false;
    this.aOpen = true;
    const out = this.pendingOut;
    this.pendingOut = [];
    this.ha.opened(this);
    for (const m of out) if (this.aOpen) this.net.transmit(this.ab, m);
  }
}

/**
 * A stalled segment's retransmissions (§1.0): a first probe firstRetransmitMs after the stall, then every RTO, which
 * starts at rtoInitialMs and doubles, capped. The first at or after `sinceStallMs`, as time since the stall, and the
 * interval that ends there; null past the 64th.
 */
export function retransmitAtOrAfter(spec: NetworkSpec, sinceStallMs: number): { atMs: number; gapMs: number } | null {
  let prev = 0;
  let t = spec.firstRetransmitMs;
  let rto = spec.rtoInitialMs;
  for (let i = 0; i < 64; i++) {
    if (t >= sinceStallMs) return { atMs: t, gapMs: t - prev };
    prev = t;
    t += rto;
    rto = Math.min(rto * 2, spec.rtoMaxMs);
  }
  return null;
}

export class Network implements Firable {
  readonly boxes: Box[] = [];
  private readonly byIp = new Map<string, Box>();
  private readonly listeners = new Map<string, Proc>();
  private cut = new Uint8Array(0);
  private stalled = new Set<Dir>();
  /** No cut and every box up: every path is UP, the common case worth a shortcut. */
  private allUp = true;
  /** Marks each cell of the cut matrix that was read (see Footprint). */
  pathsRead: Uint8Array | null = null;
  private readonly latencyMs: number;
  private readonly jitterMs: number;

  constructor(
    readonly sim: Sim,
    readonly spec: NetworkSpec,
  ) {
    this.latencyMs = spec.latencyMs;
    this.jitterMs = spec.jitterMs;
  }

  addBox(id: string, ip: string, up: boolean): Box {
    const box: Box = { id, index: this.boxes.length, ip, up, procs: [] };
    if (!up) this.allUp = false;
    this.boxes.push(box);
    this.byIp.set(ip, box);
    const n = this.boxes.length;
    const old = this.cut;
    const m = n - 1;
    this.cut = new Uint8Array(n * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) this.cut[i * n + j] = old[i * m + j]!;
    return box;
  }

  listen(p: Proc): void {
    this.listeners.set(`${p.box.ip}:${p.port}`, p);
  }

  lookup(ip: string, port: number): Proc | undefined {
    const p = this.listeners.get(`${ip}:${port}`);
    return p?.box.up ? p : undefined;
  }

  boxByIp(ip: string): Box | undefined {
    return this.byIp.get(ip);
  }

  path(from: Box, to: Box): PathState {
    if (from === to) return UP;
    if (!from.up || !to.up) return DROP;
    const i = from.index * this.boxes.length + to.index;
    if (this.pathsRead) this.pathsRead[i] = 1;
    return this.cut[i] as PathState;
  }

  /**
   * Whether data can flow one way: TCP needs the acknowledgements too, so a silent cut of the reverse direction
   * stalls the sender as well (§1.0, one-way partitions).
   */
  dataPath(from: Box, to: Box): PathState {
    const p = this.path(from, to);
    return p === UP && this.path(to, from) === DROP ? DROP : p;
  }

  latency(sender: Proc): number {
    return this.jitterMs > 0 ? this.latencyMs + sender.rng.int(this.jitterMs + 1) : this.latencyMs;
  }

  /** Replaces the set of cut directions (from the active faults) and lets stalled data flow where it can. */
  setCuts(cuts: ReadonlyArray<{ from: number; to: number; kind: PathState }>): void {
    this.allUp = cuts.length === 0 && this.boxes.every((b) => b.up);
    this.cut.fill(UP);
    const n = this.boxes.length;
    for (const c of cuts) {
      const k = c.from * n + c.to;
      if (c.kind > this.cut[k]!) this.cut[k] = c.kind;
    }
    this.reviveStalled();
  }

  /** Box up/down changes also change paths. */
  reviveStalled(): void {
    if (!this.boxes.every((b) => b.up)) this.allUp = false;
    for (const d of this.stalled) this.scheduleRetransmit(d);
  }

  connect(from: Proc, ip: string, port: number, h: ConnHandler): Conn {
    const c = new Conn(this, from, h, ip, port);
    c.trySyn(0);
    return c;
  }

  transmit(d: Dir, m: Msg): void {
    const c = d.conn;
    const from = d.fromA ? c.a : c.b!;
    const to = d.fromA ? c.b! : c.a;
    if (d.queue) {
      d.queue.push(m);
      return;
    }
    let p: PathState = UP;
    if (!this.allUp) p = this.path(from.box, to.box);
    if (p === UP && !this.allUp && this.path(to.box, from.box) === DROP) {
      // No acknowledgements come back: the congestion window still lets a few segments out, then it stalls.
      if (d.unacked < INITIAL_CWND_SEGMENTS) d.unacked++;
      else p = DROP;
    } else d.unacked = 0;
    if (p === UP) {
      const t = Math.max(this.sim.nowMs + this.latency(from), d.lastArrival);
      d.lastArrival = t;
      this.sim.call(t, this, d, m, to);
      return;
    }
    // iptables REJECT --reject-with tcp-reset: the sender's socket is reset one hop later.
    if (p === REJECT) this.resetLater(c, d.fromA, from, from);
    else this.stall(d, m);
  }

  // The closures of the rare paths live in their own methods: a closure in transmit or arrive would make V8
  // allocate a context on every call, for every message.

  /** The side `toA` of c learns of a reset one hop from `via` later. */
  private resetLater(c: Conn, toA: boolean, via: Proc, owner: Proc | null): void {
    this.sim.after(this.latency(via), () => c.abortSide(toA, "reset"), owner);
  }

  /**
   * The sender's side of d learns of a reset one hop from `via` later. A side once reset stays closed, so a
   * second reset due no earlier than a pending one changes nothing (a queue of a thousand writes arriving at a
   * closed socket draws a thousand resets).
   */
  private resetSender(d: Dir, via: Proc): void {
    const t = this.sim.nowMs + this.latency(via);
    if (fastPaths.oneReset && d.resetDueMs <= t) return;
    d.resetDueMs = t;
    const c = d.conn;
    this.sim.at(t, () => c.abortSide(d.fromA, "reset"));
  }

  private stall(d: Dir, m: Msg): void {
    d.queue = [m];
    d.stallStartMs = this.sim.nowMs;
    this.stalled.add(d);
    const giveUp = this.spec.retransmitGiveUpMs;
    this.sim.after(giveUp, () => {
      if (d.queue && this.sim.nowMs - d.stallStartMs >= giveUp) this.giveUp(d);
    });
  }

  private giveUp(d: Dir): void {
    d.queue = null;
    this.stalled.delete(d);
    d.conn.abortSide(d.fromA, "timeout");
  }

  /** Next retransmission at or after now. */
  private nextRetransmit(d: Dir): number {
    const now = this.sim.nowMs;
    const next = retransmitAtOrAfter(this.spec, now - d.stallStartMs);
    return next ? d.stallStartMs + next.atMs : now + this.spec.rtoMaxMs;
  }

  private scheduleRetransmit(d: Dir): void {
    if (!d.queue || d.retransmitScheduled) return;
    const c = d.conn;
    const from = d.fromA ? c.a : c.b!;
    const to = d.fromA ? c.b! : c.a;
    if (this.dataPath(from.box, to.box) === DROP) return;
    d.retransmitScheduled = true;
    this.sim.at(this.nextRetransmit(d), () => this.retransmit(d));
  }

  private retransmit(d: Dir): void {
    d.retransmitScheduled = false;
    const q = d.queue;
    if (!q) return;
    const c = d.conn;
    const from = d.fromA ? c.a : c.b!;
    const to = d.fromA ? c.b! : c.a;
    const p = this.dataPath(from.box, to.box);
    if (p === DROP) return;
    d.queue = null;
    this.stalled.delete(d);
    if (p === REJECT) {
      this.resetLater(c, d.fromA, from, null);
      return;
    }
    const t = this.sim.nowMs + this.latency(from);
    d.lastArrival = Math.max(d.lastArrival, t);
    // The whole queue arrives in one burst, in order (§1.0).
    if (fastPaths.burstDelivery) this.sim.call(d.lastArrival, this.burst, d, q, to);
    else for (const m of q) this.sim.call(d.lastArrival, this, d, m, to);
  }

  fire(d: unknown, m: unknown): void {
    this.arrive(d as Dir, m as Msg);
  }

  private readonly burst: Firable = { fire: (d, q) => this.deliverBurst(d as Dir, q as Msg[]) };

  /**
   * A retransmitted queue as one event. Each message as its own event would have had consecutive sequence numbers,
   * so nothing else runs between them; only what the event loop checks before each event is repeated here.
   */
  private deliverBurst(d: Dir, q: Msg[]): void {
    const to = d.fromA ? d.conn.b! : d.conn.a;
    const inc = to.incarnation;
    for (let i = 0; i < q.length; i++) {
      if (i > 0 && (to.incarnation !== inc || to.paused || to.busyUntilMs > this.sim.nowMs)) {
        if (to.incarnation !== inc) return;
        const rest = q.slice(i);
        if (to.paused) to.deferred.push({ inc, fn: () => this.deliverBurst(d, rest) });
        else this.sim.call(to.busyUntilMs, this.burst, d, rest, to);
        return;
      }
      this.arrive(d, q[i]!);
    }
  }

  private arrive(d: Dir, m: Msg): void {
    const c = d.conn;
    const toA = !d.fromA;
    const open = toA ? c.aOpen : c.bOpen;
    if (!open) {
      // Data for a socket its process closed (or a process that died): the kernel answers with a reset.
      if (m !== FIN) this.resetSender(d, toA ? c.a : c.b!);
      return;
    }
    if (m === FIN) {
      c.abortSide(toA, "eof");
      return;
    }
    const h = toA ? c.ha : c.hb;
    h?.message(c, m);
  }
}
