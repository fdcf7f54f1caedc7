// Runs INSIDE the harness's network namespace (spawned with `ip netns exec <ns> node --import tsx ...`).
// Two roles, chosen by argv[2]:
//   control  the harness's observer: PSUBSCRIBE * on every Sentinel, and operator commands on request;
//            it connects from 127.0.0.1, an address no partition rule names.
//   client   one scenario client: writes `<clientId>-<seq>` with SADD, one at a time, at the scenario's rate,
//            from its box's address.
// Protocol: one JSON object per line; requests on stdin, records on stdout. Times are epoch ms (Date.now()):
// the harness turns them into run time.

import net from "node:net";
import { createInterface } from "node:readline";
import Redis, { type RedisOptions, SentinelConnector } from "ioredis";
import {
  type ClientArgs,
  type ClientRecord,
  type ClientRequest,
  type ControlArgs,
  type ControlRecord,
  type ControlRequest,
  classify,
  type WorkerTarget,
} from "./protocol";

function emit(r: ClientRecord | ControlRecord): void {
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

function lines(onLine: (msg: unknown) => void): void {
  const rl = createInterface({ input: process.stdin });
  rl.on("line", (l) => {
    if (!l.trim()) return;
    try {
      onLine(JSON.parse(l));
    } catch (e) {
      emit({ t: "log", at: Date.now(), msg: `bad request ${l}: ${(e as Error).message}` });
    }
  });
  rl.on("close", () => process.exit(0));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** ioredis errors raised before the command reached the socket: the write is known not applied. */
const NOT_SENT = /Stream isn't writeable|enableOfflineQueue/;

// The model's Sentinel-aware client (src/model/client.ts, semantics §13.1), which the real one follows:
/** A Sentinel gets this long to accept the connection, then to answer. */
const SENTINEL_ASK_TIMEOUT_MS = 500;
/** Pause before resolving again when no Sentinel answered or the address was not a master. */
const RESOLVE_RETRY_MS = 500;
/** Reconnect back-off after a lost connection: attempts × 50 ms, at most 2 s (ioredis's default too). */
const reconnectDelay = (attempts: number) => Math.min(attempts * 50, 2000);

/** Per-connection state the retry strategy needs (ioredis passes it only the attempt count). */
interface RetryState {
  /** The connection that closed had become ready (the model's client then reconnects after the back-off only). */
  ready: boolean;
  /** The worker dropped the connection itself (timeout, READONLY): the model's client reconnects at once. */
  dropped: boolean;
}
const retryStates = new WeakMap<Redis, RetryState>();

function clientOptions(a: ClientArgs, target: WorkerTarget, retry: RetryState): RedisOptions {
  // The write deadline is enforced by runClient, not by commandTimeout. A Redis connection gets the write
  // timeout to connect, as in the model.
  const common: RedisOptions = {
    connectTimeout: a.timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    enableAutoPipelining: false,
    reconnectOnError: null,
    // As the model's client: a connection it dropped itself is replaced at once; one that was ready and was lost,
    // after the back-off; one that never became ready (connect timeout, refused, not a master), after
    // RESOLVE_RETRY_MS and the back-off. The attempt count restarts when a connection becomes ready, in both.
    retryStrategy: (attempts) => {
      const { dropped, ready } = retry;
      retry.dropped = false;
      retry.ready = false;
      if (dropped) return 0;
      if (ready) return reconnectDelay(attempts);
      return RESOLVE_RETRY_MS + reconnectDelay(attempts);
    },
  };
  if (target.via === "fixed") return { ...common, host: target.host, port: target.port };
  return {
    ...common,
    sentinels: target.sentinels,
    name: target.name,
    // ioredis checks the role of the address it got (§13.1 step 3).
    role: "master",
    sentinelCommandTimeout: SENTINEL_ASK_TIMEOUT_MS,
    sentinelRetryStrategy: (attempts) => RESOLVE_RETRY_MS + reconnectDelay(attempts),
    updateSentinels: false,
    // §13.1 step 5: ioredis's failover detector subscribes to +switch-master on the Sentinels.
    failoverDetector: target.subscribe,
  };
}

/**
 * ioredis's Sentinel support, made to walk the Sentinels as the model's client does (§13.1 step 1): every
 * resolution starts from the front of the list, and the Sentinel that answers moves to the front. Left alone,
 * ioredis walks the list as a rotating cursor and asks the Sentinel *after* the one that answered last, which
 * makes a reconnection wait for every dead Sentinel behind it (two 500 ms connect timeouts in B6b). A Sentinel
 * gets SENTINEL_ASK_TIMEOUT_MS to accept the connection (a Redis gets the write timeout); the pauses between
 * attempts are clientOptions' retry strategies.
 */
function followModelClient(redis: Redis): void {
  const connector = (redis as unknown as { connector?: unknown }).connector;
  if (!(connector instanceof SentinelConnector)) return;
  type Endpoint = object;
  const c = connector as unknown as {
    sentinelIterator: { sentinels: Endpoint[]; cursor: number };
    connect: (...args: unknown[]) => Promise<unknown>;
    resolve: (endpoint: Endpoint) => Promise<unknown>;
    connectToSentinel: (endpoint: Endpoint, options?: object) => unknown;
  };
  let order = [...c.sentinelIterator.sentinels];
  const connect = c.connect.bind(c);
  c.connect = (...args) => {
    c.sentinelIterator.sentinels = [...order];
    c.sentinelIterator.cursor = 0;
    return connect(...args);
  };
  const resolve = c.resolve.bind(c);
  c.resolve = async (endpoint) => {
    const r = await resolve(endpoint);
    if (r) order = [endpoint, ...order.filter((x) => x !== endpoint)];
    return r;
  };
  const toSentinel = c.connectToSentinel.bind(c);
  c.connectToSentinel = (endpoint, options) =>
    toSentinel(endpoint, { connectTimeout: SENTINEL_ASK_TIMEOUT_MS, ...options });
}

/** Poll until the connection is ready or the deadline passes (the client's own offline queue of one write). */
async function readyBy(current: () => Redis, deadline: number): Promise<Redis | null> {
  for (let i = 0; i < 100_000; i++) {
    const c = current();
    if (c.status === "ready" && streamOf(c)?.writable !== false) return c;
    if (Date.now() >= deadline) return null;
    await sleep(Math.min(10, deadline - Date.now()));
  }
  return null;
}

function streamOf(conn: Redis): net.Socket | undefined {
  return (conn as unknown as { stream?: net.Socket }).stream;
}

function remoteOf(conn: Redis): string | undefined {
  const stream = streamOf(conn);
  return stream?.remoteAddress ? `${stream.remoteAddress}:${stream.remotePort}` : undefined;
}

/**
 * Drop the connection and let ioredis reconnect (and, through Sentinel, resolve again). The socket is
 * destroyed rather than ended: ending it towards a silent peer (drop partition, dead box) waits for a FIN that
 * never comes, and ioredis would stay "ready" on a socket it can no longer write to.
 */
function reconnect(conn: Redis): void {
  const retry = retryStates.get(conn);
  if (retry) retry.dropped = true;
  const stream = streamOf(conn);
  if (stream) stream.destroy();
  else conn.disconnect(true);
}

async function runClient(a: ClientArgs): Promise<void> {
  // Every connection ioredis opens (to Sentinels and to Redis) leaves from the box's address, so the
  // namespace's iptables rules see this client on its box. ioredis reads net.createConnection at call time.
  const original = net.createConnection;
  const patched = ((opts: unknown, ...rest: unknown[]) => {
    if (opts && typeof opts === "object" && !("path" in opts && (opts as { path?: string }).path))
      opts = { ...(opts as object), localAddress: a.localAddress };
    return (original as (...x: unknown[]) => net.Socket)(opts, ...rest);
  }) as typeof net.createConnection;
  net.createConnection = patched;
  net.connect = patched;

  let target = a.target;
  const connect = (t: WorkerTarget) => {
    const retry: RetryState = { ready: false, dropped: false };
    // lazyConnect, so that the first resolution already walks the Sentinels the model's way.
    const c = new Redis({ ...clientOptions(a, t, retry), lazyConnect: true });
    followModelClient(c);
    retryStates.set(c, retry);
    c.on("ready", () => {
      retry.ready = true;
    });
    c.on("error", () => {});
    c.connect().catch(() => {});
    return c;
  };
  // With connectOnStart the connection is opened by the `start` request (the worker was started ahead of time).
  let redis: Redis | null = a.connectOnStart ? null : connect(target);
  let firstWriteAt: number | null = null;
  let seqStart = a.seqStart;
  let stopping = false;
  const lifetimeEnd = Date.now() + a.lifetimeMs;
  const replace = (t: WorkerTarget) => {
    const old = redis;
    target = t;
    if (!old && firstWriteAt === null && a.connectOnStart) return;
    redis = connect(target);
    old?.disconnect();
  };
  lines((m) => {
    const r = m as ClientRequest;
    if (r.op === "start") {
      if (r.seqStart !== undefined) seqStart = r.seqStart;
      firstWriteAt = r.firstWriteAt;
      redis ??= connect(target);
    } else if (r.op === "stop") stopping = true;
    else if (r.op === "reconnect") replace(target);
    else if (r.op === "retarget") replace(r.target);
  });
  emit({ t: "ready" });

  while (firstWriteAt === null && !stopping && Date.now() < lifetimeEnd) await sleep(20);
  const current = () => {
    redis ??= connect(target);
    return redis;
  };
  const periodMs = 1000 / a.rateHz;
  let seq = seqStart;
  let next = firstWriteAt ?? Date.now();
  for (let n = 0; n < a.maxOps && !stopping && Date.now() < lifetimeEnd; n++) {
    await sleep(next - Date.now());
    if (stopping) break;
    const value = `${a.id}-${seq++}`;
    const invokedAt = Date.now();
    const deadline = invokedAt + a.timeoutMs;
    emit({ t: "op", type: "invoke", value, at: invokedAt });
    // One deadline from the invoke: a write that is never sent (no master found in time) is known not
    // applied (fail); one that was sent and not answered in time is unknown (info), semantics §1.0.
    const conn = await readyBy(current, deadline);
    if (!conn) {
      emit({
        t: "op",
        type: "fail",
        value,
        at: Date.now(),
        error: target.via === "sentinel" ? "NOMASTER" : "CONNECTION",
      });
    } else {
      const node = remoteOf(conn);
      const at = node ? { node } : {};
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((r) => {
        timer = setTimeout(() => r("timeout"), Math.max(0, deadline - Date.now()));
      });
      const sent = conn.sadd(a.key, value).then(
        () => ({ ok: true as const }),
        (e: Error) => ({ ok: false as const, e }),
      );
      const r = await Promise.race([sent, timedOut]);
      clearTimeout(timer);
      if (r === "timeout") {
        emit({ t: "op", type: "info", value, at: Date.now(), error: "TIMEOUT", ...at });
        // §13.1 step 4: after a timeout, reconnect, which resolves the master again. Plain ioredis would keep
        // waiting on the stalled connection; the model's client, like a careful application, does not.
        if (conn === redis) reconnect(conn);
      } else if (r.ok) emit({ t: "op", type: "ok", value, at: Date.now(), ...at });
      else {
        const c = classify(r.e, !NOT_SENT.test(r.e.message));
        emit({ t: "op", type: c.type, value, at: Date.now(), error: c.error, ...at });
        // A READONLY answer means this is a replica now: find the master again (§13.1 step 4).
        if (c.error === "READONLY" && conn === redis) reconnect(conn);
      }
    }
    // One write in flight at a time: the next one starts on its slot, or right away if this one overran it.
    next = Math.max(next + periodMs, Date.now());
  }
  emit({ t: "done", lastSeq: seq - 1 });
  redis?.disconnect();
  process.exit(0);
}

async function runControl(a: ControlArgs): Promise<void> {
  const subs = new Map<string, Redis>();
  const subscribe = (sentinel: string, host: string, port: number) => {
    subs.get(sentinel)?.disconnect();
    const sub = new Redis({
      host,
      port,
      connectTimeout: 500,
      retryStrategy: () => 200,
      maxRetriesPerRequest: null,
      autoResubscribe: true,
    });
    sub.on("error", () => {});
    sub.on("pmessage", (_pattern: string, channel: string, payload: string) => {
      if (channel.startsWith("__sentinel__")) return;
      emit({ t: "event", sentinel, channel, payload, at: Date.now() });
    });
    sub
      .psubscribe("*")
      .catch((e: Error) => emit({ t: "log", at: Date.now(), msg: `psubscribe ${sentinel}: ${e.message}` }));
    subs.set(sentinel, sub);
  };
  for (const s of a.sentinels) subscribe(s.id, s.host, s.port);

  const call = async (host: string, port: number, args: (string | number)[], timeoutMs: number) => {
    const c = new Redis({
      host,
      port,
      connectTimeout: timeoutMs,
      commandTimeout: timeoutMs,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: true,
      lazyConnect: true,
    });
    c.on("error", () => {});
    try {
      await c.connect();
      const [cmd, ...rest] = args;
      return await c.call(String(cmd), ...rest.map(String));
    } finally {
      c.disconnect();
    }
  };
  lines((m) => {
    const r = m as ControlRequest;
    if (r.op === "exit") {
      for (const s of subs.values()) s.disconnect();
      process.exit(0);
    } else if (r.op === "subscribe") {
      subscribe(r.sentinel, r.host, r.port);
      emit({ t: "reply", id: r.id, ok: true, value: null });
    } else if (r.op === "call") {
      call(r.host, r.port, r.args, r.timeoutMs).then(
        (value) => emit({ t: "reply", id: r.id, ok: true, value }),
        (e: Error) => emit({ t: "reply", id: r.id, ok: false, error: e.message }),
      );
    }
  });
  emit({ t: "ready" });
  await sleep(a.lifetimeMs);
  process.exit(0);
}

const [role, json] = process.argv.slice(2);
if (role === "client") await runClient(JSON.parse(json ?? "{}") as ClientArgs);
else if (role === "control") await runControl(JSON.parse(json ?? "{}") as ControlArgs);
