import type { ClientTarget } from "../scenario/schema";
import { type Box, type Conn, type ConnHandler, type Network, Proc } from "./network";
import type { Msg, Reply, ReplyCb } from "./protocol";
import type { Recorder } from "./recorder";
import type { Firable, Rng } from "./sim";

// Application clients (semantics §13): Sentinel-aware ones resolve the master through the Sentinels and again
// on every reconnection; static ones use a fixed address or a virtual IP. One write in flight at a time.

/** How long a Sentinel gets to accept the connection, then to answer, before the next one is tried (§13.1 step 1). */
const SENTINEL_ASK_TIMEOUT_MS = 500;
/** Pause before resolving again after ROLE said "slave" or no Sentinel answered (§13.1 step 3). */
const RESOLVE_RETRY_MS = 500;
/** ioredis-style reconnect back-off: attempts × 50 ms, at most 2 s. */
const RECONNECT_STEP_MS = 50;
const RECONNECT_MAX_MS = 2000;

const dispatchReply = (_c: Conn, m: Msg) => {
  if (m.k === "reply") m.cb?.(m.r);
};

export interface AddressBook {
  sentinelAddr(id: string): { ip: string; port: number } | null;
  redisAddr(id: string): { ip: string; port: number } | null;
  vipAddr(vip: string): { ip: string; port: number } | null;
}

interface PendingWrite {
  index: number;
  value: string;
  sent: boolean;
  to: string;
  deadlineMs: number;
}

export class Client extends Proc {
  target: ClientTarget;
  sentinelOrder: string[] = [];
  private conn: Conn | null = null;
  private connAddr = "";
  /** The process at connAddr, as history entries name it. */
  private connNode = "";
  private ready = false;
  private resolving = false;
  private resolveGen = 0;
  private write: PendingWrite | null = null;
  /** The one PendingWrite, filled anew for each write: a write is over before the next one starts. */
  private readonly slot: PendingWrite = { index: 0, value: "", sent: false, to: "", deadlineMs: 0 };
  private tickGen = 0;
  /** Time of the pending deadline timer, if one is scheduled. */
  private deadlineTimerMs: number | null = null;
  private seq = 0;
  private lastInvokeMs = Number.NEGATIVE_INFINITY;
  private failures = 0;
  private subConn: Conn | null = null;
  private state: "resolving" | "connecting" | "connected" | "waiting" = "waiting";

  constructor(
    net: Network,
    id: string,
    box: Box,
    rng: Rng,
    readonly group: string,
    target: ClientTarget,
    readonly rateHz: number,
    readonly timeoutMs: number,
    readonly startMs: number,
    readonly book: AddressBook,
    readonly rec: Recorder,
  ) {
    super(net, id, box, 0, rng);
    this.target = target;
  }

  accept(c: Conn): ConnHandler {
    c.closeFrom(this);
    return { opened: () => {}, message: () => {}, closed: () => {} };
  }

  start(): void {
    this.seq = this.seq || 0;
    this.conn = null;
    this.ready = false;
    this.resolving = false;
    this.write = null;
    this.failures = 0;
    this.deadlineTimerMs = null;
    if (this.target.via === "sentinel") this.sentinelOrder = [...this.target.sentinels];
    this.connectNow();
    const gen = ++this.tickGen;
    // An application does not write in step with the clock of the story: its first write comes at any moment
    // of its first period, so a fault at a round time can catch a write in flight, as it does on real Redis.
    const phase = this.rng.int(Math.max(1, Math.floor(1000 / this.rateHz)));
    this.sim.at(Math.max(this.sim.nowMs, this.startMs) + phase, () => this.tick(gen), this);
  }

  retarget(t: ClientTarget): void {
    this.target = t;
    if (t.via === "sentinel") this.sentinelOrder = [...t.sentinels];
    this.dropConnection();
    this.connectNow();
  }

  /** The virtual IP moved, or the server killed us: reconnect. */
  dropConnection(): void {
    const c = this.conn;
    this.conn = null;
    this.ready = false;
    if (c) c.closeFrom(this);
    if (this.subConn) {
      this.subConn.closeFrom(this);
      this.subConn = null;
    }
    this.failInflight("CONNECTION");
  }

  // ---- writing --------------------------------------------------------------------------------------

  private tick(gen: number): void {
    if (gen === this.tickGen && this.write === null) this.invoke();
  }

  private scheduleNext(): void {
    const period = 1000 / this.rateHz;
    const next = Math.max(this.sim.nowMs, Math.round(this.lastInvokeMs + period));
    this.sim.call(next, this.ticker, ++this.tickGen, null, this);
  }

  /** Fires tick(gen) without a closure per write. */
  private readonly ticker: Firable = { fire: (gen) => this.tick(gen as number) };

  private invoke(): void {
    this.lastInvokeMs = this.sim.nowMs;
    const value = `${this.id}-${++this.seq}`;
    const index = this.rec.invoke(this.id, value);
    const w = this.slot;
    w.index = index;
    w.value = value;
    w.sent = false;
    w.to = "";
    w.deadlineMs = this.sim.nowMs + this.timeoutMs;
    this.write = w;
    this.armDeadline(w.deadlineMs);
    if (this.ready) this.send(w);
    else this.connectNow();
  }

  /**
   * One timer serves every write: most writes complete long before their deadline, so instead of one timer
   * per write, a pending timer that finds a later deadline re-arms itself for it.
   */
  private armDeadline(deadlineMs: number): void {
    if (this.deadlineTimerMs !== null && this.deadlineTimerMs <= deadlineMs) return;
    this.deadlineTimerMs = deadlineMs;
    this.sim.at(deadlineMs, this.onDeadline, this);
  }

  private readonly onDeadline = (): void => {
    if (this.deadlineTimerMs !== this.sim.nowMs) return;
    this.deadlineTimerMs = null;
    const w = this.write;
    if (!w) return;
    if (w.deadlineMs > this.sim.nowMs) return this.armDeadline(w.deadlineMs);
    this.write = null;
    if (w.sent) {
      // Timed out: the write may still be applied later (§1.0), so its outcome is unknown.
      this.rec.complete(w.index, "info", w.to, "TIMEOUT");
      this.dropConnection();
      this.connectNow();
    } else {
      this.rec.complete(w.index, "fail", undefined, this.target.via === "sentinel" ? "NOMASTER" : "CONNECTION");
    }
    this.scheduleNext();
  };

  private send(w: PendingWrite): void {
    const c = this.conn!;
    w.sent = true;
    w.to = this.connNode;
    c.send(this, { k: "cmd", cmd: { c: "WRITE", value: w.value }, cb: this.onReply });
  }

  /**
   * The reply to the write in flight: one handler for every write, not a closure each. A write is abandoned only
   * with its connection (timeout, READONLY, a closed link), so no reply of an older write can arrive here.
   */
  private readonly onReply: ReplyCb = (r) => {
    const w = this.write;
    if (w?.sent) this.onWriteReply(w, r);
  };

  private onWriteReply(w: PendingWrite, r: Reply): void {
    this.write = null;
    if (r.t === "ok") this.rec.complete(w.index, "ok", w.to);
    else {
      const code = r.t === "err" ? r.code : "ERR";
      this.rec.complete(w.index, "fail", w.to, code);
      // A read-only answer means we talk to a replica: find the master again (§13.1 step 4).
      if (code === "READONLY") {
        this.dropConnection();
        this.connectNow();
      }
    }
    this.scheduleNext();
  }

  private failInflight(error: string): void {
    const w = this.write;
    if (!w?.sent) return;
    this.write = null;
    this.rec.complete(w.index, "info", w.to, error);
    this.scheduleNext();
  }

  // ---- connecting -----------------------------------------------------------------------------------

  private connectNow(): void {
    if (this.conn || this.resolving) return;
    const delay = this.failures === 0 ? 0 : Math.min(this.failures * RECONNECT_STEP_MS, RECONNECT_MAX_MS);
    this.resolving = true;
    this.setState(this.target.via === "sentinel" ? "resolving" : "connecting");
    const gen = ++this.resolveGen;
    const go = () => {
      if (gen !== this.resolveGen) return;
      if (this.target.via === "sentinel") this.askSentinel(0, gen);
      else {
        const a =
          this.target.via === "fixed" ? this.book.redisAddr(this.target.redis) : this.book.vipAddr(this.target.vip);
        if (a) this.connectRedis(a.ip, a.port, gen, false);
        else this.retryLater(gen);
      }
    };
    if (delay > 0) this.after(delay, go);
    else go();
  }

  private retryLater(gen: number): void {
    this.failures++;
    this.after(RESOLVE_RETRY_MS, () => {
      if (gen !== this.resolveGen) return;
      this.resolving = false;
      this.connectNow();
    });
  }

  private askSentinel(i: number, gen: number): void {
    if (gen !== this.resolveGen) return;
    if (i >= this.sentinelOrder.length) {
      this.setState("waiting");
      this.retryLater(gen);
      return;
    }
    const sid = this.sentinelOrder[i]!;
    const a = this.book.sentinelAddr(sid);
    if (!a) return this.askSentinel(i + 1, gen);
    let done = false;
    const finish = (next: () => void) => {
      if (done) return;
      done = true;
      sc.closeFrom(this);
      next();
    };
    const sc = this.net.connect(this, a.ip, a.port, {
      // Connecting and answering get a timeout each, so that a slow but healthy network still gets answers.
      opened: () => this.after(SENTINEL_ASK_TIMEOUT_MS, () => finish(() => this.askSentinel(i + 1, gen))),
      message: dispatchReply,
      closed: () => finish(() => this.askSentinel(i + 1, gen)),
    });
    sc.send(this, {
      k: "cmd",
      cmd: { c: "GET-MASTER-ADDR", name: this.group },
      cb: (r) => {
        if (r.t === "addr")
          finish(() => {
            // The first Sentinel that answers moves to the front of the list (§13.1 step 1).
            if (i > 0) this.sentinelOrder = [sid, ...this.sentinelOrder.filter((x) => x !== sid)];
            this.rec.clientEvent(this, "resolved", `${sid} says master is ${r.ip}:${r.port}`);
            this.connectRedis(r.ip, r.port, gen, true, sid);
          });
        else finish(() => this.askSentinel(i + 1, gen));
      },
    });
    this.after(SENTINEL_ASK_TIMEOUT_MS, () => {
      if (sc.connecting) finish(() => this.askSentinel(i + 1, gen));
    });
  }

  private connectRedis(ip: string, port: number, gen: number, checkRole: boolean, via?: string): void {
    if (gen !== this.resolveGen) return;
    this.setState("connecting");
    const addr = `${ip}:${port}`;
    const c = this.net.connect(this, ip, port, {
      opened: () => {},
      message: dispatchReply,
      closed: (cc) => {
        if (cc === this.conn) {
          this.conn = null;
          this.ready = false;
          this.failInflight("CONNECTION");
          this.rec.clientEvent(this, "disconnected", `connection to ${this.rec.procAt(addr)} closed`);
          this.failures++;
          this.connectNow();
        } else if (gen === this.resolveGen && this.resolving) {
          this.retryLater(gen);
        }
      },
    });
    // A connect gets the same time as a command (ioredis connectTimeout), then we resolve again.
    this.after(this.timeoutMs, () => {
      if (gen !== this.resolveGen || this.conn === c || !this.resolving) return;
      c.closeFrom(this);
      this.retryLater(gen);
    });
    const becomeReady = () => {
      if (gen !== this.resolveGen) return;
      this.resolving = false;
      this.conn = c;
      this.connAddr = addr;
      this.connNode = this.rec.procAt(addr);
      this.ready = true;
      this.failures = 0;
      this.setState("connected");
      this.rec.clientEvent(this, "connected", `writing to ${this.rec.procAt(addr)}`);
      if (via && this.target.via === "sentinel" && this.target.subscribe) this.subscribeSwitch(via);
      const w = this.write;
      if (w && !w.sent) this.send(w);
    };
    if (!checkRole) {
      c.send(this, { k: "cmd", cmd: { c: "PING" }, cb: () => becomeReady() });
      return;
    }
    c.send(this, {
      k: "cmd",
      cmd: { c: "ROLE" },
      cb: (r) => {
        if (gen !== this.resolveGen) return;
        if (r.t === "role" && r.role === "master") return becomeReady();
        // Not a master: wait a little and ask the Sentinels again (§13.1 step 3).
        c.closeFrom(this);
        this.retryLater(gen);
      },
    });
  }

  private subscribeSwitch(sid: string): void {
    const a = this.book.sentinelAddr(sid);
    if (!a) return;
    if (this.subConn) this.subConn.closeFrom(this);
    const sc = this.net.connect(this, a.ip, a.port, {
      opened: () => {},
      message: (_c, m) => {
        if (m.k !== "push" || m.channel !== "+switch-master" || typeof m.payload !== "string") return;
        const [name, , , ip, port] = m.payload.split(" ");
        if (name !== this.group || `${ip}:${port}` === this.connAddr) return;
        this.rec.clientEvent(this, "switch-master", `${sid} announced ${ip}:${port}`);
        this.dropConnection();
        this.connectNow();
      },
      closed: (c) => {
        if (c === this.subConn) this.subConn = null;
      },
    });
    this.subConn = sc;
    sc.send(this, { k: "cmd", cmd: { c: "SUBSCRIBE", channel: "+switch-master" }, cb: null });
  }

  private setState(s: Client["state"]): void {
    if (this.state === s) return;
    this.state = s;
    this.rec.clientSnap(this, s, s === "connected" ? this.rec.procAt(this.connAddr) : null);
  }
}
