import type { RedisConfig } from "../scenario/schema";
import { type Box, type Conn, type ConnHandler, type Network, Proc } from "./network";
import {
  type Cmd,
  type DataNode,
  type Info,
  type Msg,
  NEWLINE,
  OK,
  PONG,
  REPL_PING_BYTES,
  type Reply,
  type ReplyCb,
  WRITE_OVERHEAD_BYTES,
} from "./protocol";
import { publish, type Subscriptions, subscribe } from "./pubsub";
import type { Recorder } from "./recorder";
import type { Rng } from "./sim";

// A Redis server: role, replication IDs and offsets, backlog, partial/full resync, acks, min-replicas
// (semantics §10, §12). The dataset is a persistent list of DataNodes so replicas share their master's nodes.

/** "connecting" spans Redis's CONNECTING and the handshake up to the PSYNC reply; "transfer" starts at +FULLRESYNC. */
type ReplState = "none" | "connect" | "connecting" | "transfer" | "connected";

interface AttachedReplica {
  conn: Conn;
  ip: string;
  port: number;
  state: "wait_bgsave" | "send_bulk" | "online";
  ackOffset: number;
  ackTimeS: number;
  /** Whole seconds of the PSYNC (lastinteraction): the diskless delay counts from it. */
  waitSinceS: number;
  /** The stream that follows the RDB, held while the RDB is still being transferred. */
  buffer: DataNode[] | null;
}

/**
 * The config as one object literal, key by key: a spread copy's layout changed while V8's copying settled, in the
 * third run of a process, and every method reading the config (every write, every PING) lost its compiled code.
 */
function ownConfig(c: RedisConfig): RedisConfig {
  return {
    "min-replicas-to-write": c["min-replicas-to-write"],
    "min-replicas-max-lag": c["min-replicas-max-lag"],
    "replica-priority": c["replica-priority"],
    "repl-timeout": c["repl-timeout"],
    "repl-ping-replica-period": c["repl-ping-replica-period"],
    "repl-backlog-size": c["repl-backlog-size"],
    "repl-diskless-sync": c["repl-diskless-sync"],
    "repl-diskless-sync-delay": c["repl-diskless-sync-delay"],
    "replica-serve-stale-data": c["replica-serve-stale-data"],
    "replica-read-only": c["replica-read-only"],
    appendonly: c.appendonly,
    save: c.save,
  };
}

export class RedisServer extends Proc {
  cfg: RedisConfig;
  runid = "";
  role: "master" | "replica" = "master";
  masterHost: string | null = null;
  masterPort = 0;
  /** What redis.conf says after CONFIG REWRITE: a restart comes back with this role. */
  confMaster: { host: string; port: number } | null = null;
  replid = "";
  replid2 = "0000000000000000000000000000000000000000";
  secondReplidOffset = -1;
  offset = 0;
  /** Lowest offset the backlog can serve from, or null when there is no backlog. */
  backlogFloor: number | null = null;
  head: DataNode | null = null;
  replicas = new Map<Conn, AttachedReplica>();
  goodReplicas = 0;
  replState: ReplState = "none";
  masterConn: Conn | null = null;
  /**
   * Whole seconds of the process's clock the master was last heard, as Redis keeps them: repl_transfer_lastio
   * while connecting or transferring (set when the connect starts), lastinteraction once connected.
   */
  masterLastIoS = 0;
  /** dump.rdb as the last full sync wrote it (see start). */
  syncRdb: { replid: string; offset: number; head: DataNode | null } | null = null;
  /**
   * repl_down_since: the whole second of the process's clock (server.unixtime) the master link went down; -1 when
   * never connected. INFO reports the difference of whole seconds, so a link down at 100.7 s reads 1 at 101.2 s.
   */
  linkDownSinceS = -1;
  loading = false;
  /**
   * The replication ID under which the offset invariant last saw this server's offset: "-" before the first check,
   * a string rather than null so that the comparison in checkOffset compiles for strings only.
   */
  offsetCheckedReplid = "-";
  /** An RDB child is running: replicas that arrive now wait for the next one. */
  private childBusy = false;
  private cronLoops = 0;
  private noReplicasSinceMs = 0;
  readonly clients = new Set<Conn>();
  readonly subscribers: Subscriptions = new Map();

  constructor(
    net: Network,
    id: string,
    box: Box,
    port: number,
    rng: Rng,
    readonly group: string,
    cfg: RedisConfig,
    readonly rec: Recorder,
  ) {
    super(net, id, box, port, rng);
    this.cfg = ownConfig(cfg);
  }

  /** clearReplicationId2: no second history to continue from. */
  private clearSecondId(): void {
    this.replid2 = "0".repeat(40);
    this.secondReplidOffset = -1;
  }

  /** shiftReplicationId: a new history, the current one kept as the second ID up to the present offset. */
  private shiftReplicationId(): void {
    this.replid2 = this.replid;
    this.secondReplidOffset = this.offset + 1;
    this.replid = this.rng.hex(40);
  }

  /** server.unixtime: the process's clock in whole seconds, which Redis stamps and compares its times in. */
  private unixtime(): number {
    return Math.floor(this.now() / 1000);
  }

  get persistent(): boolean {
    return this.cfg.appendonly === "yes" || this.cfg.save !== "";
  }

  start(master: { host: string; port: number } | null, keepData: boolean): void {
    this.runid = this.rng.hex(40);
    const rdb = this.syncRdb;
    if (!keepData && rdb) {
      // No persistence, but a full sync left dump.rdb behind (a replica writes the RDB it receives to disk before
      // loading it, repl-diskless-load disabled; a master saves one for a disk-based sync): it loads that, history
      // and all, and may continue from there.
      this.head = rdb.head;
      this.offset = rdb.offset;
      this.replid = rdb.replid;
      this.clearSecondId();
      this.backlogFloor = null;
      if (!master) {
        this.shiftReplicationId();
        this.backlogFloor = this.offset;
      }
    } else if (!keepData) {
      this.head = null;
      this.offset = 0;
      this.replid = this.rng.hex(40);
      this.clearSecondId();
      this.backlogFloor = null;
    } else if (this.cfg.appendonly === "yes") {
      // Loading an AOF restores the data but not the replication history: a new ID, so replicas full-resync.
      this.replid = this.rng.hex(40);
      this.clearSecondId();
      this.backlogFloor = null;
    } else if (!master) {
      // A master loading its RDB keeps the saved ID as replid2 so its replicas may continue (loadDataFromDisk).
      this.shiftReplicationId();
      this.backlogFloor = this.offset;
    } else {
      // A replica loading its RDB keeps (replid, offset) as its cached master and tries a partial resync, but
      // loadDataFromDisk gives only a master a backlog: the history before the restart is gone, and a backlog
      // starts at the next sync (+CONTINUE or RDB), or, if promoted first, at its first replica's full resync.
      this.clearSecondId();
      this.backlogFloor = null;
    }
    this.loading = false;
    this.replicas.clear();
    this.clients.clear();
    this.subscribers.clear();
    this.goodReplicas = 0;
    this.childBusy = false;
    this.masterConn = null;
    this.confMaster = master;
    this.linkDownSinceS = -1;
    this.noReplicasSinceMs = this.sim.nowMs;
    if (master) {
      this.role = "replica";
      this.masterHost = master.host;
      this.masterPort = master.port;
      this.replState = "connect";
      this.connectToMaster();
    } else {
      this.role = "master";
      this.masterHost = null;
      this.replState = "none";
      if (this.backlogFloor === null) this.backlogFloor = this.offset;
    }
    this.net.listen(this);
    this.after(this.rng.int(1000), () => this.replicationCron());
    this.snap();
  }

  accept(c: Conn): ConnHandler {
    this.clients.add(c);
    return {
      opened: () => {},
      message: (conn, m) => this.onMessage(conn, m),
      closed: (conn) => this.dropClient(conn),
    };
  }

  private dropClient(c: Conn): void {
    this.clients.delete(c);
    this.subscribers.delete(c);
    if (this.replicas.delete(c)) this.refreshGoodReplicas();
  }

  private reply(c: Conn, cb: ReplyCb | null, r: Reply): void {
    c.send(this, { k: "reply", r, cb });
  }

  private onMessage(c: Conn, m: Msg): void {
    switch (m.k) {
      case "cmd":
        this.command(c, m.cmd, m.cb);
        return;
      case "psync":
        this.onPsync(c, m.replid, m.offset, m.port);
        return;
      case "ack": {
        const r = this.replicas.get(c);
        if (!r) return;
        r.ackOffset = m.offset;
        r.ackTimeS = this.unixtime();
        // Diskless sync puts the replica online at its first ACK (replicaPutOnline on ack).
        if (r.state === "send_bulk") {
          r.state = "online";
          this.refreshGoodReplicas();
        }
        return;
      }
      default:
        return;
    }
  }

  private command(c: Conn, cmd: Cmd, cb: ReplyCb | null): void {
    switch (cmd.c) {
      case "PING":
        if (this.loading) return this.reply(c, cb, { t: "err", code: "LOADING" });
        if (this.role === "replica" && this.cfg["replica-serve-stale-data"] === "no" && this.replState !== "connected")
          return this.reply(c, cb, { t: "err", code: "MASTERDOWN" });
        return this.reply(c, cb, PONG);
      case "INFO":
        return this.reply(c, cb, { t: "info", info: this.info() });
      case "ROLE":
        return this.reply(c, cb, { t: "role", role: this.role === "master" ? "master" : "slave" });
      case "SUBSCRIBE":
        subscribe(this.subscribers, c, cmd.channel);
        return this.reply(c, cb, OK);
      case "PUBLISH":
        publish(this.subscribers, this, cmd.channel, cmd.payload);
        return this.reply(c, cb, OK);
      case "SLAVEOF":
        return this.slaveof(c, cmd, cb);
      case "WRITE":
        return this.write(c, cmd.value, cb);
      case "IS-MASTER-DOWN":
      case "GET-MASTER-ADDR":
        return this.reply(c, cb, { t: "err", code: "ERR unknown command" });
      default: {
        const never: never = cmd;
        return never;
      }
    }
  }

  // Apart from command: a closure there would make V8 allocate a context on every command.
  private slaveof(c: Conn, cmd: Extract<Cmd, { c: "SLAVEOF" }>, cb: ReplyCb | null): void {
    if (cmd.host === null) this.replicaofNoOne();
    else this.replicaof(cmd.host, cmd.port);
    if (!cmd.killClients) return this.reply(c, cb, OK);
    // Sentinel's MULTI, SLAVEOF, CONFIG REWRITE, CLIENT KILL, EXEC: the rewrite makes the new role survive
    // a restart, and its fsync blocks the server; a client write that arrives meanwhile is never read, since
    // CLIENT KILL then closes its connection (the client sees no reply: unknown).
    this.confMaster = cmd.host === null ? null : { host: cmd.host, port: cmd.port };
    const fsyncMs = this.net.spec.configFsyncMs;
    const exec = () => {
      this.killClients(c);
      this.reply(c, cb, OK);
    };
    if (fsyncMs <= 0) return exec();
    this.busyUntilMs = Math.max(this.busyUntilMs, this.sim.nowMs + fsyncMs);
    return this.after(fsyncMs, exec);
  }

  /** CLIENT KILL TYPE normal + pubsub: every client but the sender; replication links survive (§1 "CLIENT KILL"). */
  private killClients(sender: Conn): void {
    for (const c of [...this.clients]) {
      if (c === sender || this.replicas.has(c)) continue;
      this.clients.delete(c);
      this.subscribers.delete(c);
      c.closeFrom(this);
    }
  }

  writeRefusal(): string | null {
    if (this.loading) return "LOADING";
    if (this.role === "replica") {
      if (this.cfg["replica-read-only"] === "yes") return "READONLY";
      // processCommand: a writable replica still refuses data commands while stale data may not be served.
      return this.cfg["replica-serve-stale-data"] === "no" && this.replState !== "connected" ? "MASTERDOWN" : null;
    }
    const need = this.cfg["min-replicas-to-write"];
    if (need > 0 && this.cfg["min-replicas-max-lag"] > 0 && this.goodReplicas < need) return "NOREPLICAS";
    return null;
  }

  private write(c: Conn, value: string, cb: ReplyCb | null): void {
    const refusal = this.writeRefusal();
    if (refusal) return this.reply(c, cb, { t: "err", code: refusal });
    this.append(value, value.length + WRITE_OVERHEAD_BYTES);
    this.reply(c, cb, OK);
  }

  private append(value: string | null, bytes: number): void {
    const node: DataNode = { k: "stream", value, prev: this.head, offset: this.offset + bytes };
    this.setHead(node);
    this.propagate(node);
  }

  private setHead(node: DataNode | null): void {
    const before = this.offset;
    this.head = node;
    this.offset = node ? node.offset : 0;
    this.rec.checkOffset(this, before);
  }

  private propagate(node: DataNode): void {
    for (const r of this.replicas.values()) {
      if (r.state === "wait_bgsave") continue;
      if (r.buffer) r.buffer.push(node);
      else r.conn.send(this, node);
    }
  }

  info(): Info {
    const nowS = this.unixtime();
    const isReplica = this.role === "replica";
    return {
      runid: this.runid,
      role: isReplica ? "slave" : "master",
      masterHost: isReplica ? this.masterHost : null,
      masterPort: isReplica ? this.masterPort : 0,
      masterLinkUp: this.replState === "connected",
      masterLinkDownSinceS:
        isReplica && this.replState !== "connected"
          ? this.linkDownSinceS < 0
            ? -1
            : nowS - this.linkDownSinceS
          : null,
      slaveReplOffset: this.offset,
      slavePriority: this.cfg["replica-priority"],
      replicas: [...this.replicas.values()].map((r) => ({
        ip: r.ip,
        port: r.port,
        state: r.state,
        offset: r.ackOffset,
        lagS: nowS - r.ackTimeS,
      })),
      masterReplOffset: this.offset,
    };
  }

  // ---- replica side -------------------------------------------------------------------------------

  replicaof(host: string, port: number): void {
    if (this.role === "replica" && this.masterHost === host && this.masterPort === port) return; // "+OK Already connected"
    const wasMaster = this.role === "master";
    this.closeMasterLink();
    this.role = "replica";
    this.masterHost = host;
    this.masterPort = port;
    // Sub-replicas are kept: they may continue partially (replicationSetMaster). wasMaster: cached master = self.
    if (wasMaster) this.rec.event(this, "replicaof", `MASTER ${host}:${port} (was master)`);
    this.replState = "connect";
    // A demoted master has never been connected as a replica: INFO says master_link_down_since_seconds:-1.
    if (wasMaster) this.linkDownSinceS = -1;
    this.connectToMaster();
    this.snap();
  }

  replicaofNoOne(): void {
    if (this.role === "master") return;
    this.closeMasterLink();
    this.role = "master";
    this.masterHost = null;
    this.replState = "none";
    this.loading = false;
    // A new ID, then the replicas are disconnected so they learn it (replicationUnsetMaster).
    this.shiftReplicationId();
    // No backlog is created here: one restarted from its RDB and never synced since has none (see onPsync).
    this.disconnectReplicas();
    this.noReplicasSinceMs = this.sim.nowMs;
    this.rec.event(this, "promoted", `MASTER MODE enabled, new replid ${this.replid.slice(0, 8)}`);
    this.snap();
  }

  private disconnectReplicas(): void {
    for (const c of [...this.replicas.keys()]) {
      this.replicas.delete(c);
      this.clients.delete(c);
      c.closeFrom(this);
    }
    this.refreshGoodReplicas();
  }

  private closeMasterLink(): void {
    const c = this.masterConn;
    this.masterConn = null;
    if (c) c.closeFrom(this);
    if (this.replState === "connected") this.linkDownSinceS = this.unixtime();
  }

  private connectToMaster(): void {
    if (!this.masterHost) return;
    this.replState = "connecting";
    this.masterLastIoS = this.unixtime();
    const conn = this.net.connect(this, this.masterHost, this.masterPort, {
      opened: (c) => {
        if (c !== this.masterConn) return;
        c.send(this, { k: "psync", replid: this.replid, offset: this.offset + 1, port: this.port });
      },
      message: (c, m) => {
        if (c === this.masterConn) this.onMasterMessage(m);
      },
      closed: (c) => {
        if (c !== this.masterConn) return;
        this.masterConn = null;
        this.masterLost();
      },
    });
    this.masterConn = conn;
  }

  private masterLost(): void {
    const established = this.replState === "connected" || this.replState === "transfer";
    if (this.replState === "connected") this.linkDownSinceS = this.unixtime();
    this.replState = "connect";
    this.loading = false;
    this.snap();
    // A lost link (replicationHandleMasterDisconnection) or RDB transfer (cancelReplicationHandshake(1)) reconnects
    // at once; a handshake that fails, waiting for the PSYNC reply included, leaves the retry to replicationCron.
    if (established) this.connectToMaster();
  }

  private onMasterMessage(m: Msg): void {
    this.masterLastIoS = this.unixtime();
    switch (m.k) {
      case "continue":
        this.onContinue(m.replid, m.head);
        return;
      case "fullresync":
        // The master forked for us; until then we were still in the handshake (REPL_STATE_RECEIVE_PSYNC_REPLY).
        this.replState = "transfer";
        return;
      case "rdb":
        this.onRdb(m.replid, m.offset, m.head);
        return;
      case "stream": {
        if (this.replState !== "connected") return;
        // A replication cycle (A replicates B replicates A) hands our own entries back: we have them already.
        if (m.offset <= this.offset) return;
        const node: DataNode =
          m.prev === this.head ? m : { k: "stream", value: m.value, prev: this.head, offset: m.offset };
        this.setHead(node);
        this.propagate(node);
        return;
      }
      default:
        return;
    }
  }

  private onContinue(replid: string, head: DataNode | null): void {
    this.rec.checkPrefix(this, head);
    if (replid !== this.replid) {
      // The master has a new history: remember ours as replid2 and make our own replicas resync.
      this.replid2 = this.replid;
      this.secondReplidOffset = this.offset + 1;
      this.replid = replid;
      this.disconnectReplicas();
    }
    // A replica restarted from its RDB gets its backlog now, from where it stands: the part it missed arrives after
    // +CONTINUE and is the backlog's first content (slaveTryPartialResynchronization).
    if (this.backlogFloor === null) this.backlogFloor = this.offset;
    // The backlog part we missed reaches our own replicas too, entry by entry.
    const missed: DataNode[] = [];
    for (let n = head; n && n.offset > this.offset; n = n.prev) missed.push(n);
    this.setHead(head);
    this.linkUp("partial resync accepted (+CONTINUE)");
    for (let i = missed.length - 1; i >= 0; i--) this.propagate(missed[i]!);
  }

  private onRdb(replid: string, offset: number, head: DataNode | null): void {
    this.syncRdb = { replid, offset, head };
    this.loading = true;
    this.snap();
    // Flush, load, and force our own replicas to resync with the new history.
    this.disconnectReplicas();
    this.head = head;
    this.replid = replid;
    this.clearSecondId();
    this.offset = offset;
    this.backlogFloor = offset;
    this.rec.resetOffsetCheck(this);
    this.loading = false;
    this.linkUp("full resync: loaded the master's RDB");
  }

  private linkUp(how: string): void {
    this.replState = "connected";
    this.masterLastIoS = this.unixtime();
    this.rec.event(this, "master-link-up", how);
    this.masterConn?.send(this, { k: "ack", offset: this.offset });
    this.snap();
  }

  // ---- master side --------------------------------------------------------------------------------

  private onPsync(c: Conn, replid: string, reqOffset: number, port: number): void {
    if (this.role === "replica" && this.replState !== "connected") {
      // A replica that is not itself synced refuses to serve (-NOMASTERLINK); the sub-replica retries.
      c.closeFrom(this);
      return;
    }
    this.clients.delete(c);
    if (this.backlogFloor === null) {
      // syncCommand: no backlog (freed by repl-backlog-ttl, or none since a restart as a replica) means a new
      // history and a full resync.
      this.replid = this.rng.hex(40);
      this.clearSecondId();
      this.backlogFloor = this.offset;
      this.rec.resetOffsetCheck(this);
    }
    const r: AttachedReplica = {
      conn: c,
      ip: c.a.box.ip,
      port,
      state: "wait_bgsave",
      ackOffset: 0,
      ackTimeS: this.unixtime(),
      waitSinceS: this.unixtime(),
      buffer: null,
    };
    this.replicas.set(c, r);
    const idMatches = replid === this.replid || (replid === this.replid2 && reqOffset <= this.secondReplidOffset);
    const inBacklog =
      this.backlogFloor !== null &&
      reqOffset - 1 >= this.backlogFloor &&
      reqOffset - 1 >= this.offset - this.cfg["repl-backlog-size"] &&
      reqOffset - 1 <= this.offset;
    if (idMatches && inBacklog) {
      r.state = "online";
      r.ackOffset = reqOffset - 1;
      c.send(this, { k: "continue", replid: this.replid, head: this.head, offset: this.offset });
      this.rec.event(this, "psync-continue", `replica ${c.a.id} continues at offset ${reqOffset}`);
      this.refreshGoodReplicas();
      return;
    }
    const why =
      idMatches || replid !== this.replid2
        ? "full resync"
        : `partial resync not accepted: requested offset for second ID was ${reqOffset}, but I can reply up to ${this.secondReplidOffset}`;
    this.rec.event(this, "psync-full", `replica ${c.a.id}: ${why}`);
    // No reply yet: +FULLRESYNC goes out when the fork for this replica starts (startBgsave), and until then the
    // replica waits for the PSYNC reply. syncCommand forks at once unless a diskless sync has a delay to wait for
    // other replicas: that one is started by replicationCron (startPendingFork). A running child makes either wait
    // for its end.
    if (this.cfg["repl-diskless-sync"] !== "yes" || this.cfg["repl-diskless-sync-delay"] === 0) this.startPendingFork();
  }

  /**
   * shouldStartChildReplication: fork when no child runs and some replica waits, diskless only once the
   * longest-waiting replica has waited repl-diskless-sync-delay in whole seconds of the clock. Checked once a
   * second by replicationCron, so the real delay falls between delay-1 and delay+1 seconds.
   */
  private startPendingFork(): void {
    if (this.childBusy) return;
    const nowS = this.unixtime();
    let maxIdle = -1;
    for (const r of this.replicas.values())
      if (r.state === "wait_bgsave") maxIdle = Math.max(maxIdle, nowS - r.waitSinceS);
    if (maxIdle < 0) return;
    if (this.cfg["repl-diskless-sync"] === "yes" && maxIdle < this.cfg["repl-diskless-sync-delay"]) return;
    this.startBgsave();
  }

  /** The RDB child forks now: every waiting replica gets this snapshot, then the stream that follows it. */
  private startBgsave(): void {
    const bytes = this.offset;
    const transferMs = Math.ceil(bytes / this.net.spec.rdbBytesPerMs);
    // A disk-based sync saves dump.rdb, with the replication ID and offset, renamed into place when the child ends:
    // a restart without AOF loads it (see start), and a crash before then keeps the previous file.
    const file =
      this.cfg["repl-diskless-sync"] === "yes" ? null : { replid: this.replid, offset: this.offset, head: this.head };
    for (const r of this.replicas.values()) {
      if (r.state !== "wait_bgsave") continue;
      r.state = "send_bulk";
      // replicationSetupSlaveForFullResync: the reply names the history and offset this snapshot holds.
      r.conn.send(this, { k: "fullresync", replid: this.replid, offset: this.offset });
      const snapshot: Msg = { k: "rdb", replid: this.replid, offset: this.offset, head: this.head };
      if (transferMs === 0) {
        r.conn.send(this, snapshot);
        continue;
      }
      r.buffer = [];
      this.after(transferMs, () => {
        const held = r.buffer ?? [];
        r.buffer = null;
        r.conn.send(this, snapshot);
        for (const node of held) r.conn.send(this, node);
      });
    }
    if (transferMs === 0) {
      if (file) this.syncRdb = file;
      return;
    }
    // checkChildrenDone: when the child exits, a replica that came meanwhile may start the next one.
    this.childBusy = true;
    this.after(transferMs, () => {
      this.childBusy = false;
      if (file) this.syncRdb = file;
      this.startPendingFork();
    });
  }

  /**
   * A replica waiting for its RDB hears nothing of the stream, so replicationCron writes it a newline every
   * second, which refreshes its repl_transfer_lastio: the diskless delay or a running child never times it out.
   * Redis does so while the fork is pending or a disk child writes the file; while a socket child streams, the
   * RDB's own bytes keep the replica's I/O fresh. The model delivers an RDB in one piece when its transfer ends,
   * so a replica whose RDB is still on its way hears the newline too.
   */
  private keepPresyncAlive(): void {
    for (const r of this.replicas.values())
      if (r.state === "wait_bgsave" || r.buffer !== null) r.conn.send(this, NEWLINE);
  }

  refreshGoodReplicas(): void {
    const nowS = this.unixtime();
    const maxLag = this.cfg["min-replicas-max-lag"];
    let good = 0;
    for (const r of this.replicas.values()) if (r.state === "online" && nowS - r.ackTimeS <= maxLag) good++;
    if (good !== this.goodReplicas) {
      this.goodReplicas = good;
      this.snap();
    }
  }

  /** replicationCron, once a second. */
  private replicationCron(): void {
    const now = this.sim.nowMs;
    // Both sides' timeouts compare whole-second stamps with time(NULL), as Redis does.
    const nowS = this.unixtime();
    const timeoutS = this.cfg["repl-timeout"];
    if (this.role === "replica") {
      if (this.replState === "connecting" && nowS - this.masterLastIoS > timeoutS) {
        this.rec.event(this, "master-timeout", "Timeout connecting to the MASTER");
        this.closeMasterLink();
        this.replState = "connect";
      } else if (
        (this.replState === "transfer" || this.replState === "connected") &&
        nowS - this.masterLastIoS > timeoutS
      ) {
        this.rec.event(this, "master-timeout", "MASTER timeout: no data nor PING received");
        this.closeMasterLink();
        this.replState = "connect";
        this.snap();
      }
      if (this.replState === "connect") this.connectToMaster();
      else if (this.replState === "connected") this.masterConn?.send(this, { k: "ack", offset: this.offset });
    }
    const pingEvery = this.cfg["repl-ping-replica-period"];
    if (this.role === "master" && this.replicas.size > 0 && this.cronLoops % pingEvery === 0)
      this.append(null, REPL_PING_BYTES);
    this.keepPresyncAlive();
    for (const [c, r] of [...this.replicas]) {
      if (r.state === "online" && nowS - r.ackTimeS > timeoutS) {
        this.rec.event(this, "replica-timeout", `Disconnecting timedout replica ${c.a.id}`);
        this.replicas.delete(c);
        c.closeFrom(this);
      }
    }
    if (this.replicas.size > 0) this.noReplicasSinceMs = now;
    else if (this.role === "master" && this.backlogFloor !== null && now - this.noReplicasSinceMs > 3600_000) {
      // repl-backlog-ttl: the backlog is freed and the replication history restarts.
      this.backlogFloor = null;
      this.replid = this.rng.hex(40);
      this.clearSecondId();
      this.rec.resetOffsetCheck(this);
    }
    this.refreshGoodReplicas();
    this.startPendingFork();
    this.cronLoops++;
    this.snap(true);
    this.after(1000, () => this.replicationCron());
  }

  snap(periodic = false): void {
    this.rec.redisSnap(this, periodic);
  }
}
