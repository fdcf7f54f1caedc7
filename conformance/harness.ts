import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { AppliedAction, NetSnap, Op, ProcessInfo, Trace, TraceEvent } from "../src/model/trace";
import type { Action, Scenario } from "../src/scenario/schema";
import {
  type AddressBook,
  median,
  mergeSentinelLog,
  parseSentinelLog,
  sentinelEvent,
  sentinelFlushDurations,
} from "./events";
import { assertLoopback, filterRestore, natRestore, type VipRoute } from "./network";
import {
  buildPlan,
  nsExec,
  orderedTimeline,
  type Plan,
  type PlannedProcess,
  type PlanStep,
  sentinelsOf,
  VIP_PORT,
} from "./plan";
import type { ClientArgs, ClientRecord, ControlRecord, ControlRequest, WorkerTarget } from "./protocol";
import { encodeRun } from "./runfile";
import { CONFORMANCE_TIMERS, conformanceVariant, variantWarnings } from "./variant";

// Runs one scenario on real redis-server / redis-sentinel processes inside a network namespace of its own,
// and records a Trace (src/model/trace.ts) plus a `real` block. See conformance/README.md.

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const WORK_ROOT = join(REPO_ROOT, "conformance", ".work");
export const RUNS_DIR = join(REPO_ROOT, "docs", "conformance", "runs");
export const WRITE_KEY = "slab:writes";

/** Bounds on everything that waits (issue 5: every loop bounded in count and time). */
export const LIMITS = {
  warmupMs: 40_000,
  redisStartMs: 10_000,
  controlCallMs: 2_000,
  clientStopGraceMs: 1_500,
  workerStartMs: 15_000,
  /** Hard stop of a whole run: its duration plus this. */
  runOverheadMs: 120_000,
  // Kept for reading the logs behind a disagreement (a run directory is a few hundred KB).
  maxWorkDirs: 100,
} as const;

export interface RealInfo {
  redisVersion: string;
  runAt: string;
  harness: {
    run: number;
    namespace: string;
    t0Epoch: number;
    warmupMs: number;
    addresses: Record<string, string>;
    vips: VipRoute[];
    timers: typeof CONFORMANCE_TIMERS;
    durationMs: number;
    workDir: string;
    logs: Record<string, string>;
    /**
     * Median time a sentinel.conf rewrite took in this run, from the Sentinel logs (see sentinelFlushDurations);
     * the model is run with it (network.configFsyncMs). Null when the logs had no sample.
     */
    sentinelFlushMs?: number | null;
    notes: string[];
  };
}

export type RealTrace = Trace & { real: RealInfo };

// ---------------------------------------------------------------------------------------------------------
// Ownership: every process we start and the namespace we create, so that exit and signals clean up.

const owned = new Set<ChildProcess>();
const namespaces = new Set<string>();

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`))
      for (const c of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(/\s+/))
        if (c) out.push(Number(c));
  } catch {
    // the process is gone
  }
  return out;
}

/** SIGKILL a process we started and whatever it forked (a Redis RDB child), by pid. */
function killTree(pid: number): void {
  const all = [pid];
  for (let i = 0; i < all.length && i < 64; i++) all.push(...childrenOf(all[i]!));
  for (const p of all) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

function alive(c: ChildProcess): boolean {
  return c.exitCode === null && c.signalCode === null && c.pid !== undefined;
}

/** Synchronous, idempotent: safe from `exit` and signal handlers. */
export function cleanupAll(): void {
  for (const c of owned) if (alive(c)) killTree(c.pid!);
  owned.clear();
  for (const ns of namespaces) {
    // Anything still inside our namespace was started by this run (a forked child): kill it by pid.
    const r = spawnSync("ip", ["netns", "pids", ns], { encoding: "utf8" });
    for (const p of (r.stdout ?? "").split(/\s+/).filter(Boolean)) killTree(Number(p));
    spawnSync("ip", ["netns", "del", ns]);
  }
  namespaces.clear();
}

let handlersInstalled = false;
export function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", cleanupAll);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(sig, () => {
      console.error(`\n${sig}: killing the harness's processes and deleting its namespace`);
      cleanupAll();
      process.exit(sig === "SIGINT" ? 130 : 143);
    });
  process.on("uncaughtException", (e) => {
    console.error(e);
    cleanupAll();
    process.exit(1);
  });
}

function own(c: ChildProcess): ChildProcess {
  owned.add(c);
  c.on("exit", () => owned.delete(c));
  return c;
}

// ---------------------------------------------------------------------------------------------------------
// Preflight

function sh(cmd: string, args: readonly string[], input?: string) {
  const r = spawnSync(cmd, args, { encoding: "utf8", input, timeout: 120_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}`.trim() };
}

function have(cmd: string): boolean {
  return sh("sh", ["-c", `command -v ${cmd}`]).ok;
}

function listening(port: number): boolean {
  return sh("sh", ["-c", `ss -Hltn 'sport = :${port}'`]).out.length > 0;
}

/** Stop the Debian packages' own services (no systemd here: `service`, then their pidfiles). */
function stopPackageServices(log: (m: string) => void): void {
  for (const [svc, pidfile] of [
    ["redis-server", "/run/redis/redis-server.pid"],
    ["redis-sentinel", "/run/sentinel/redis-sentinel.pid"],
  ] as const) {
    if (have("service")) sh("service", [svc, "stop"]);
    if (have("update-rc.d")) sh("update-rc.d", [svc, "disable"]);
    if (existsSync(pidfile)) {
      const pid = Number(readFileSync(pidfile, "utf8").trim());
      const comm = pid > 0 ? sh("ps", ["-o", "comm=", "-p", String(pid)]).out : "";
      if (/^redis/.test(comm)) {
        log(`stopping the package's ${svc} (pid ${pid} from ${pidfile})`);
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          // gone already
        }
      }
    }
  }
}

/** The machine cannot run the harness (packages cannot be installed, no namespaces or iptables). */
export class EnvironmentError extends Error {}

/** apt-get install (Debian, as root), non-interactive and bounded in time; throws EnvironmentError when it fails. */
export function installPackages(packages: readonly string[], why: string, log: (m: string) => void): void {
  if (!have("apt-get")) throw new EnvironmentError(`${why}, and there is no apt-get to install ${packages.join(" ")}`);
  log(`installing Debian packages ${packages.join(" ")} (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env, timeout: 300_000 });
  const r = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], {
    stdio: "inherit",
    env,
    timeout: 600_000,
  });
  if (r.status !== 0) throw new EnvironmentError(`apt-get install ${packages.join(" ")} failed (exit ${r.status})`);
}

export interface Preflight {
  redisVersion: string;
  notes: string[];
}

export function preflight(log: (m: string) => void): Preflight {
  const notes: string[] = [];
  if (process.platform !== "linux")
    throw new Error("the conformance harness needs Linux (network namespaces, iptables)");
  if (process.getuid?.() !== 0) throw new Error("the conformance harness must run as root (ip netns, iptables)");
  const missing = ["redis-server", "redis-sentinel", "iptables", "iptables-restore", "ip"].filter((c) => !have(c));
  if (missing.length) {
    const packages = ["redis-server", "redis-sentinel", "iptables", ...(missing.includes("ip") ? ["iproute2"] : [])];
    installPackages(packages, `missing: ${missing.join(", ")}`, log);
    notes.push(`installed ${packages.join(", ")} with apt-get`);
  }
  stopPackageServices(log);
  for (const port of [6379, 26379])
    if (listening(port)) log(`warning: something still listens on port ${port} of the host (not the harness's)`);
  const v = /v=(\S+)/.exec(sh("redis-server", ["--version"]).out)?.[1] ?? "unknown";
  if (!v.startsWith("7.0.")) notes.push(`redis-server is ${v}, not 7.0.x: results may differ from the spec`);
  const probe = `slab-probe-${process.pid}`;
  namespaces.add(probe);
  const ok = sh("ip", ["netns", "add", probe]).ok && sh("ip", ["netns", "exec", probe, "iptables", "-S"]).ok;
  cleanupAll();
  if (!ok)
    throw new EnvironmentError(
      "cannot create a network namespace with iptables in it (ip netns add or iptables failed)",
    );
  return { redisVersion: v, notes };
}

/**
 * Namespaces named slab-<pid> (or slab-probe-<pid>) whose harness process is gone: a harness that was killed
 * with SIGKILL could not clean up. Whatever still runs inside such a namespace was started there by that
 * harness (nothing else enters it); it is killed by pid, then the namespace is deleted.
 */
export function removeStaleNamespaces(log: (m: string) => void): void {
  const list = sh("ip", ["netns", "list"]).out.split("\n");
  for (const line of list) {
    const m = /^(slab-(?:probe-|ci-)?(\d+))\b/.exec(line.trim());
    if (!m) continue;
    const pid = Number(m[2]);
    if (existsSync(`/proc/${pid}`)) continue;
    const pids = sh("ip", ["netns", "pids", m[1]!])
      .out.split(/\s+/)
      .filter((x) => /^\d+$/.test(x))
      .map(Number);
    if (pids.length) {
      log(
        `stale namespace ${m[1]} of a dead harness (pid ${pid}) still holds processes ${pids.join(" ")}: killing them`,
      );
      for (const p of pids) killTree(p);
    }
    const del = sh("ip", ["netns", "del", m[1]!]);
    log(del.ok ? `deleted stale namespace ${m[1]}` : `could not delete stale namespace ${m[1]}: ${del.out}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Workers

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** The promise, or an error after `ms`; the timer never outlives the race. */
async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (no answer in ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function workerCommand(ns: string, role: string, args: unknown): string[] {
  return nsExec(ns, [
    "node",
    "--import",
    "tsx",
    join(REPO_ROOT, "conformance", "worker.ts"),
    role,
    JSON.stringify(args),
  ]);
}

function spawnLines<R>(cmd: string[], onRecord: (r: R) => void, onStderr: (l: string) => void): ChildProcess {
  const c = own(spawn(cmd[0]!, cmd.slice(1), { cwd: REPO_ROOT, stdio: ["pipe", "pipe", "pipe"] }));
  createInterface({ input: c.stdout! }).on("line", (l) => {
    if (!l.trim()) return;
    try {
      onRecord(JSON.parse(l) as R);
    } catch {
      onStderr(`unparsable worker output: ${l}`);
    }
  });
  createInterface({ input: c.stderr! }).on("line", onStderr);
  c.stdin!.on("error", () => {});
  return c;
}

function send(c: ChildProcess, msg: unknown): void {
  if (alive(c) && c.stdin?.writable) c.stdin.write(`${JSON.stringify(msg)}\n`);
}

interface Control {
  child: ChildProcess;
  call(host: string, port: number, args: (string | number)[], timeoutMs?: number): Promise<unknown>;
  subscribe(sentinel: string, host: string, port: number): void;
}

function startControl(
  ns: string,
  sentinels: PlannedProcess[],
  lifetimeMs: number,
  onEvent: (r: Extract<ControlRecord, { t: "event" }>) => void,
  log: (m: string) => void,
): Promise<Control> {
  let nextId = 1;
  const pending = new Map<number, (r: Extract<ControlRecord, { t: "reply" }>) => void>();
  let ready: () => void = () => {};
  const readyP = new Promise<void>((r) => {
    ready = r;
  });
  const child = spawnLines<ControlRecord>(
    workerCommand(ns, "control", {
      sentinels: sentinels.map((s) => ({ id: s.id, host: s.ip, port: s.port })),
      lifetimeMs,
    }),
    (r) => {
      if (r.t === "ready") ready();
      else if (r.t === "event") onEvent(r);
      else if (r.t === "reply") pending.get(r.id)?.(r);
      else if (r.t === "log") log(`control: ${r.msg}`);
    },
    (l) => log(`control stderr: ${l}`),
  );
  const control: Control = {
    child,
    call(host, port, args, timeoutMs = LIMITS.controlCallMs) {
      assertLoopback(host);
      const id = nextId++;
      const req: ControlRequest = { id, op: "call", host, port, args, timeoutMs };
      return new Promise((resolveP, rejectP) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          rejectP(new Error(`no answer from the control worker in ${timeoutMs + 1000} ms`));
        }, timeoutMs + 1000);
        pending.set(id, (r) => {
          clearTimeout(timer);
          pending.delete(id);
          if (r.ok) resolveP(r.value);
          else rejectP(new Error(r.error));
        });
        send(child, req);
      });
    },
    subscribe(sentinel, host, port) {
      send(child, { id: nextId++, op: "subscribe", sentinel, host: assertLoopback(host), port });
    },
  };
  return within(
    readyP.then(() => control),
    LIMITS.workerStartMs,
    "the control worker did not start",
  );
}

function asMap(v: unknown): Record<string, string> {
  const o: Record<string, string> = {};
  if (Array.isArray(v)) for (let i = 0; i + 1 < v.length; i += 2) o[String(v[i])] = String(v[i + 1]);
  return o;
}

// ---------------------------------------------------------------------------------------------------------
// One run

type ProcState = "not-started" | "running" | "paused" | "crashed" | "removed";

interface Proc {
  plan: PlannedProcess;
  state: ProcState;
  child?: ChildProcess;
}

interface ClientRun {
  proc: Proc;
  target: WorkerTarget;
  ops: { rec: Extract<ClientRecord, { t: "op" }> }[];
  pending: string | null;
  lastSeq: number;
  done: boolean;
}

export interface RunOptions {
  run: number;
  log?: (m: string) => void;
  redisVersion: string;
  preflightNotes?: string[];
}

export function workDirFor(s: Scenario, run: number): string {
  return join(WORK_ROOT, `${s.id}-${run}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
}

function pruneWorkDirs(): void {
  if (!existsSync(WORK_ROOT)) return;
  const dirs = readdirSync(WORK_ROOT)
    .map((d) => join(WORK_ROOT, d))
    .filter((d) => statSync(d).isDirectory())
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const d of dirs.slice(LIMITS.maxWorkDirs)) rmSync(d, { recursive: true, force: true });
}

export async function runScenario(original: Scenario, opts: RunOptions): Promise<RealTrace> {
  const say = opts.log ?? ((m: string) => console.log(m));
  const s = conformanceVariant(original);
  const notes = [...(opts.preflightNotes ?? []), ...variantWarnings(original)];
  const ns = `slab-${process.pid}`;
  pruneWorkDirs();
  const workDir = workDirFor(s, opts.run);
  const plan: Plan = buildPlan(s, { ns, workDir });
  const procs = new Map<string, Proc>(plan.processes.map((p) => [p.id, { plan: p, state: "not-started" }]));
  /** Redis promoted by a REPLICAOF NO ONE action, in order (see finalState). */
  const promotedByOperator: string[] = [];
  const byAddress = new Map<string, string>();
  for (const p of plan.processes) if (p.port) byAddress.set(`${p.ip}:${p.port}`, p.id);
  const myids = new Map<string, string>();
  for (const p of plan.processes) if (p.kind === "sentinel") myids.set(p.id, randomBytes(20).toString("hex"));
  const book: AddressBook = { byAddress, byRunid: new Map([...myids].map(([id, r]) => [r, id])) };
  const routes = new Map<string, VipRoute>(plan.vips.map((v) => [v.vip, v]));
  const vipByAddress = () =>
    new Map([...routes.values()].map((r) => [`${r.vipAddress}:${r.vipPort}`, `${r.toIp}:${r.toPort}`]));

  let t0 = 0;
  let tearingDown = false;
  const since = () => (t0 ? Date.now() - t0 : 0);
  const log = (m: string) => say(`[${s.id}#${opts.run} ${(since() / 1000).toFixed(1).padStart(5)}s] ${m}`);
  const events: TraceEvent[] = [];
  let warmupEvents = 0;
  const actions: AppliedAction[] = [];
  const net: NetSnap[] = [{ tMs: 0, cuts: [], downBoxes: [] }];
  const clients = new Map<string, ClientRun>();
  /** Epoch ms at which the current action's iptables rules were in force (0: it changed none). */
  let netAppliedAt = 0;

  // --- namespace and files
  namespaces.add(ns);
  const mk = sh("ip", ["netns", "add", ns]);
  if (!mk.ok) throw new Error(`ip netns add ${ns}: ${mk.out}`);
  for (const c of plan.setup) {
    const r = sh("ip", nsExec(ns, c).slice(1));
    if (!r.ok) throw new Error(`${c.join(" ")}: ${r.out}`);
  }
  mkdirSync(workDir, { recursive: true });
  for (const p of plan.processes) {
    mkdirSync(p.dir, { recursive: true });
    if (p.conf) {
      const text = p.kind === "sentinel" ? `${p.conf}sentinel myid ${myids.get(p.id)}\n` : p.conf;
      writeFileSync(p.confPath!, text);
    }
  }
  const nsRun = (args: string[], input?: string) => {
    const r = sh("ip", ["netns", "exec", ns, ...args], input);
    if (!r.ok) throw new Error(`${args.join(" ")}: ${r.out}`);
  };
  const setNat = () => nsRun(["iptables-restore", "--noflush"], natRestore([...routes.values()]));
  setNat();

  const hardStop = setTimeout(() => {
    console.error(`run of ${s.id} exceeded its time bound; aborting`);
    cleanupAll();
    process.exit(2);
  }, s.durationMs + LIMITS.runOverheadMs);
  hardStop.unref();

  const startServer = (p: Proc) => {
    const cmd = nsExec(ns, [p.plan.kind === "redis" ? "redis-server" : "redis-sentinel", p.plan.confPath!]);
    const c = own(spawn(cmd[0]!, cmd.slice(1), { cwd: p.plan.dir, stdio: "ignore" }));
    p.child = c;
    p.state = "running";
    c.on("exit", (code, sig) => {
      if (p.child === c && p.state === "running" && !tearingDown)
        log(`${p.plan.id} exited (${code ?? sig}) unexpectedly`);
    });
  };

  let control: Control | undefined;
  const call = (p: PlannedProcess, args: (string | number)[], timeoutMs?: number) =>
    control!.call(p.ip, p.port, args, timeoutMs);

  const onEvent = (r: Extract<ControlRecord, { t: "event" }>) => {
    if (!t0) {
      warmupEvents++;
      return;
    }
    events.push(sentinelEvent(r.sentinel, r.channel, r.payload, r.at - t0, book));
  };

  const resolveTarget = (c: PlannedProcess, t: NonNullable<PlannedProcess["client"]>["target"]): WorkerTarget => {
    if (t.via === "sentinel")
      return {
        via: "sentinel",
        name: c.group!,
        subscribe: t.subscribe,
        sentinels: t.sentinels.map((id) => {
          const sp = procs.get(id)!.plan;
          return { host: assertLoopback(sp.ip), port: sp.port };
        }),
      };
    if (t.via === "fixed") {
      const r = procs.get(t.redis)!.plan;
      return { via: "fixed", host: assertLoopback(r.ip), port: r.port };
    }
    const route = routes.get(t.vip)!;
    return { via: "fixed", host: assertLoopback(route.vipAddress), port: VIP_PORT };
  };

  /** Resolves when a client worker's output has been read to its end. */
  const outputClosed = new WeakMap<ChildProcess, Promise<void>>();
  /** Spawns a client worker; `lazy`: it opens no connection before its start request (see connectOnStart). */
  const spawnClient = (p: Proc, lazy: boolean) => {
    const spec = p.plan.client!;
    const prev = clients.get(p.plan.id);
    const cr: ClientRun = prev ?? {
      proc: p,
      target: resolveTarget(p.plan, spec.target),
      ops: [],
      pending: null,
      lastSeq: 0,
      done: false,
    };
    clients.set(p.plan.id, cr);
    const args: ClientArgs = {
      id: spec.id,
      localAddress: assertLoopback(p.plan.ip),
      target: cr.target,
      key: WRITE_KEY,
      rateHz: spec.rateHz,
      timeoutMs: spec.timeoutMs,
      seqStart: cr.lastSeq + 1,
      maxOps: Math.ceil((s.durationMs / 1000 + 5) * spec.rateHz) + 10,
      lifetimeMs: s.durationMs + LIMITS.warmupMs + 30_000,
      ...(lazy ? { connectOnStart: true } : {}),
    };
    let readyRes: () => void = () => {};
    const ready = new Promise<void>((r) => {
      readyRes = r;
    });
    const child = spawnLines<ClientRecord>(
      workerCommand(ns, "client", args),
      (r) => {
        if (r.t === "ready") readyRes();
        else if (r.t === "op") {
          if (r.type === "invoke") {
            cr.pending = r.value;
            cr.lastSeq = Math.max(cr.lastSeq, Number(r.value.slice(r.value.lastIndexOf("-") + 1)));
          } else cr.pending = null;
          if (r.node) r.node = vipByAddress().get(r.node) ?? r.node;
          cr.ops.push({ rec: r });
        } else if (r.t === "done") cr.done = true;
        else if (r.t === "log") log(`${spec.id}: ${r.msg}`);
      },
      (l) => log(`${spec.id} stderr: ${l}`),
    );
    outputClosed.set(child, new Promise<void>((r) => child.stdout!.on("close", () => r())));
    return { child, ready, cr };
  };

  const startClient = (p: Proc, firstWriteAt: number | null) => {
    const { child, ready, cr } = spawnClient(p, false);
    cr.done = false;
    p.child = child;
    p.state = "running";
    return ready.then(() => {
      if (firstWriteAt !== null) send(child, { op: "start", firstWriteAt });
    });
  };

  // Workers started ahead of time for clients that an add-box or a restart brings: a Node worker takes about
  // a second to start, which would otherwise delay the client's first write behind the model's.
  const spares = new Map<string, { child: ChildProcess; ready: Promise<void> }>();
  const prepareClient = (p: Proc) => {
    if (spares.has(p.plan.id)) return Promise.resolve();
    const { child, ready } = spawnClient(p, true);
    spares.set(p.plan.id, { child, ready });
    return ready;
  };
  /** The spare worker starts writing (and connecting) now; without a spare, a worker is started. */
  const activateClient = (p: Proc, firstWriteAt: number) => {
    const spare = spares.get(p.plan.id);
    if (!spare || !alive(spare.child)) return startClient(p, firstWriteAt);
    spares.delete(p.plan.id);
    const cr = clients.get(p.plan.id)!;
    cr.done = false;
    p.child = spare.child;
    p.state = "running";
    void spare.ready.then(() => send(spare.child, { op: "start", firstWriteAt, seqStart: cr.lastSeq + 1 }));
    return Promise.resolve();
  };

  /**
   * After its worker was killed at `at`: a write still in flight has an unknown outcome (Jepsen: info). The
   * worker's last records may still sit in the pipe (the harness was busy applying the action), so its output
   * is read to the end first (bounded); otherwise a write acknowledged just before the kill would count twice.
   */
  const clientCrashed = async (id: string, child: ChildProcess | undefined, at: number) => {
    const closed = child && outputClosed.get(child);
    if (closed) await within(closed, LIMITS.clientStopGraceMs, "client output").catch(() => {});
    const cr = clients.get(id);
    if (cr?.pending) {
      cr.ops.push({ rec: { t: "op", type: "info", value: cr.pending, at } });
      cr.pending = null;
    }
  };

  const signalProc = (p: Proc, sig: "SIGSTOP" | "SIGCONT") => {
    if (!p.child?.pid || !alive(p.child)) return;
    for (const pid of [p.child.pid, ...childrenOf(p.child.pid)]) {
      try {
        process.kill(pid, sig);
      } catch {
        // gone
      }
    }
  };

  const restartedLater = (p: Proc, fromMs: number) =>
    s.timeline.some(
      (x) => x.action === "restart" && x.atMs >= fromMs && (x.target === p.plan.box || x.target === p.plan.id),
    );

  const targets = (t: string): Proc[] => [...procs.values()].filter((p) => p.plan.box === t || p.plan.id === t);

  try {
    // --- start: control, Redis, Sentinels; wait until the deployment is settled (warm-up, before t0)
    const warmStart = Date.now();
    const sentinelsAll = plan.processes.filter((p) => p.kind === "sentinel" && p.initial);
    control = await startControl(ns, sentinelsAll, s.durationMs + LIMITS.warmupMs + 60_000, onEvent, log);
    const initialRedis = [...procs.values()].filter((p) => p.plan.kind === "redis" && p.plan.initial);
    for (const p of initialRedis) startServer(p);
    for (const p of initialRedis) {
      const until = Date.now() + LIMITS.redisStartMs;
      for (let i = 0; i < 200; i++) {
        try {
          if ((await call(p.plan, ["PING"], 500)) === "PONG") break;
        } catch {
          // not up yet
        }
        if (Date.now() > until) throw new Error(`${p.plan.id} did not start; see ${p.plan.logPath}`);
        await sleep(100);
      }
    }
    for (const p of procs.values()) if (p.plan.kind === "sentinel" && p.plan.initial) startServer(p);
    const settled = await warmUp(s, plan, procs, call, log);
    if (!settled.ok) notes.push(`warm-up not settled after ${LIMITS.warmupMs} ms: ${settled.why}`);

    // Client workers connect before t0 and write from t0 + startMs on.
    const initialClients = [...procs.values()].filter((p) => p.plan.kind === "client" && p.plan.initial);
    const laterClients = [...procs.values()].filter((p) => p.plan.kind === "client" && !p.plan.initial);
    await within(
      Promise.all([...initialClients.map((p) => startClient(p, null)), ...laterClients.map((p) => prepareClient(p))]),
      LIMITS.workerStartMs,
      "client workers did not start",
    );
    t0 = Date.now();
    const warmupMs = t0 - warmStart;
    log(`warm-up done in ${warmupMs} ms; run starts`);
    for (const p of initialClients) send(p.child!, { op: "start", firstWriteAt: t0 + p.plan.client!.startMs });

    // --- timeline
    for (const { action: a, index } of orderedTimeline(s)) {
      await sleep(t0 + a.atMs - Date.now());
      const step = plan.steps.find((st) => st.index === index)!;
      // The action's time is when it took effect: when its iptables rules were in force (they go in first;
      // spawning `ip netns exec iptables-restore` takes tens of ms), else when it started to apply.
      netAppliedAt = 0;
      const startedMs = since();
      const summary = await applyAction(a, step);
      const tMs = netAppliedAt ? netAppliedAt - t0 : startedMs;
      actions.push({ tMs, index, action: a.action, summary });
      if (step.netChanged) net.push({ tMs, cuts: step.cuts, downBoxes: step.downBoxes });
      log(summary);
    }
    await sleep(t0 + s.durationMs - Date.now());
    const endMs = since();

    // --- end: stop clients (the write in flight may complete within its timeout), then read the final state
    const running = [...clients.values()].filter(
      (c) => c.proc.state === "running" && c.proc.child && alive(c.proc.child),
    );
    for (const c of running) send(c.proc.child!, { op: "stop" });
    const maxTimeout = Math.max(0, ...running.map((c) => c.proc.plan.client!.timeoutMs));
    const stopBy = Date.now() + maxTimeout + LIMITS.clientStopGraceMs;
    while (Date.now() < stopBy && running.some((c) => !c.done)) await sleep(50);
    const stoppedAt = Date.now();
    for (const c of clients.values()) if (c.proc.child && alive(c.proc.child)) killTree(c.proc.child.pid!);
    for (const c of clients.values()) await clientCrashed(c.proc.plan.id, c.proc.child, stoppedAt);

    const groups = [];
    for (const g of s.groups) groups.push(await finalState(g.name));

    const history: Op[] = [];
    const merged = [...clients.entries()].flatMap(([id, c]) => c.ops.map((o, k) => ({ id, o, k })));
    merged.sort((x, y) => x.o.rec.at - y.o.rec.at || (x.id === y.id ? x.k - y.k : x.id.localeCompare(y.id)));
    for (const { id, o } of merged) {
      const r = o.rec;
      const op: Op = {
        index: history.length,
        type: r.type,
        f: "write",
        value: r.value,
        process: id,
        timeMs: r.at - t0,
      };
      if (r.node) op.node = byAddress.get(r.node) ?? r.node;
      if (r.error) op.error = r.error;
      history.push(op);
    }

    const processes: ProcessInfo[] = plan.processes.map((p) => ({
      id: p.id,
      kind: p.kind,
      box: p.box,
      ip: p.ip,
      port: p.port,
      ...(p.group ? { group: p.group } : {}),
      ...(myids.has(p.id) ? { runid: myids.get(p.id)! } : {}),
      bornMs: p.bornMs,
    }));

    // Sentinel logs: event times from the log lines (pub/sub delivers late after an fsync), and the events
    // pub/sub did not deliver (see mergeSentinelLog).
    let fromLogs = 0;
    let retimed = 0;
    const flushes: number[] = [];
    for (const p of plan.processes) {
      if (p.kind !== "sentinel" || !p.logPath || !existsSync(p.logPath)) continue;
      const text = readFileSync(p.logPath, "utf8");
      flushes.push(...sentinelFlushDurations(text));
      const log = parseSentinelLog(text).filter((l) => l.at >= t0 && l.at - t0 <= endMs);
      const merged = mergeSentinelLog(p.id, log, events, t0, book);
      fromLogs += merged.missed.length;
      retimed += merged.retimed;
      events.push(...merged.missed);
    }
    events.sort((x, y) => x.tMs - y.tMs);
    const trace: RealTrace = {
      scenarioId: s.id,
      seed: 0,
      endMs,
      endReason: "duration",
      eventsProcessed: events.length,
      processes,
      events,
      history,
      actions,
      timelines: { redis: {}, sentinel: {}, client: {}, net },
      groups,
      real: {
        redisVersion: opts.redisVersion,
        runAt: new Date(t0).toISOString(),
        harness: {
          run: opts.run,
          namespace: ns,
          t0Epoch: t0,
          warmupMs,
          addresses: Object.fromEntries(plan.boxes.map((b) => [b.id, b.ip])),
          vips: plan.vips,
          timers: CONFORMANCE_TIMERS,
          durationMs: s.durationMs,
          workDir,
          logs: Object.fromEntries(plan.processes.filter((p) => p.logPath).map((p) => [p.id, p.logPath!])),
          sentinelFlushMs: median(flushes),
          notes: [
            ...notes,
            `events: Sentinel pub/sub (PSUBSCRIBE *) as received by the observer at 127.0.0.1, timed by the Sentinel log lines where they match (${retimed} retimed), plus ${fromLogs} taken from the Sentinel logs that pub/sub did not deliver; ${warmupEvents} warm-up events before t0 left out`,
            "event levels come from the Sentinel logs where they match, else from the semantics §14 catalog (pub/sub does not carry them)",
          ],
        },
      },
    };
    return trace;
  } finally {
    tearingDown = true;
    clearTimeout(hardStop);
    if (control) send(control.child, { op: "exit" });
    cleanupAll();
  }

  // --- helpers that need the run's state

  async function finalState(group: string) {
    const answers: { epoch: number; addr: string }[] = [];
    for (const sp of sentinelsOf(plan, group, s)) {
      const p = procs.get(sp.id)!;
      if (p.state !== "running") continue;
      try {
        const m = asMap(await call(sp, ["SENTINEL", "MASTER", group]));
        answers.push({ epoch: Number(m["config-epoch"] ?? -1), addr: `${m.ip}:${m.port}` });
      } catch (e) {
        notes.push(`final state: ${sp.id} did not answer SENTINEL MASTER ${group}: ${(e as Error).message}`);
      }
    }
    // The configuration with the highest epoch; among equals, the address most Sentinels give.
    answers.sort((x, y) => y.epoch - x.epoch);
    const top = answers.filter((a) => a.epoch === answers[0]?.epoch);
    const counts = new Map<string, number>();
    for (const a of top) counts.set(a.addr, (counts.get(a.addr) ?? 0) + 1);
    const addr = [...counts].sort((x, y) => y[1] - x[1])[0]?.[0];
    let finalMaster = addr ? (byAddress.get(addr) ?? null) : null;
    // No Sentinel answered for the group: as the model decides (simulate.ts groupOutcome), the master a virtual IP
    // points at, else the master an operator promoted last, else the group's only master.
    if (!finalMaster) {
      const isMaster = async (id: string) => {
        const p = procs.get(id);
        if (p?.state !== "running" || p.plan.group !== group) return false;
        try {
          const role = (await call(p.plan, ["ROLE"], 5000)) as unknown[];
          return role?.[0] === "master";
        } catch {
          return false;
        }
      };
      for (const r of routes.values()) {
        const id = byAddress.get(`${r.toIp}:${r.toPort}`);
        if (id && (await isMaster(id))) {
          finalMaster = id;
          break;
        }
      }
      for (const id of [...promotedByOperator].reverse()) {
        if (finalMaster) break;
        if (await isMaster(id)) finalMaster = id;
      }
      if (!finalMaster) {
        const masters = [];
        for (const p of plan.processes) if (p.kind === "redis" && (await isMaster(p.id))) masters.push(p.id);
        if (masters.length === 1) finalMaster = masters[0]!;
      }
    }
    let finalValues: string[] = [];
    if (finalMaster) {
      const mp = procs.get(finalMaster)!;
      if (mp.state === "running")
        try {
          finalValues = ((await call(mp.plan, ["SMEMBERS", WRITE_KEY], 5000)) as string[]) ?? [];
        } catch (e) {
          notes.push(`final state: SMEMBERS on ${finalMaster} failed: ${(e as Error).message}`);
        }
      else notes.push(`final state: final master ${finalMaster} of ${group} is ${mp.state}; its values are unknown`);
    }
    finalValues.sort();
    log(
      `final master of ${group}: ${finalMaster ?? "?"} (epoch ${answers[0]?.epoch ?? "?"}), ${finalValues.length} values`,
    );
    return { group, finalMaster, finalValues };
  }

  async function applyAction(a: Action, step: PlanStep): Promise<string> {
    const summary = step.summary;
    const applyNet = () => {
      if (!step.netChanged) return;
      nsRun(
        ["iptables-restore", "--noflush"],
        filterRestore(step.cuts, (b) => plan.boxes.find((x) => x.id === b)!.ip),
      );
      netAppliedAt = Date.now();
    };
    const operator = async (p: PlannedProcess, args: (string | number)[]) => {
      try {
        const r = await call(p, args);
        return `${summary} → ${JSON.stringify(r)}`;
      } catch (e) {
        return `${summary} → error: ${(e as Error).message}`;
      }
    };
    switch (a.action) {
      case "partition":
      case "cut":
      case "heal":
        applyNet();
        return summary;
      case "crash":
      case "remove-box": {
        // A whole box goes away as a machine, at once: its processes stop first (applying the rules takes tens of
        // ms, in which a client would start a write that the model's dead box never makes), then its address goes
        // silent, so no FIN/RST escapes (§1.0), then they are killed. The action's time is when they stopped.
        const killed = targets(a.target);
        for (const p of killed) signalProc(p, "SIGSTOP");
        const stoppedAt = Date.now();
        applyNet();
        netAppliedAt = stoppedAt;
        for (const p of killed) {
          if (p.child?.pid && alive(p.child)) killTree(p.child.pid);
          p.state = a.action === "crash" ? "crashed" : "removed";
        }
        const at = Date.now();
        for (const p of killed) {
          if (p.plan.kind !== "client") continue;
          await clientCrashed(p.plan.id, p.child, at);
          // A client that a later restart brings back gets its worker now (see prepareClient).
          if (a.action === "crash" && restartedLater(p, a.atMs)) void prepareClient(p);
        }
        return summary;
      }
      case "restart": {
        applyNet();
        for (const p of targets(a.target)) {
          if (p.state !== "crashed") continue;
          if (p.plan.kind === "client") await activateClient(p, Math.max(Date.now(), t0 + p.plan.client!.startMs));
          else startServer(p);
        }
        return summary;
      }
      case "pause":
      case "resume":
        for (const p of targets(a.target)) {
          if (p.state !== (a.action === "pause" ? "running" : "paused")) continue;
          signalProc(p, a.action === "pause" ? "SIGSTOP" : "SIGCONT");
          p.state = a.action === "pause" ? "paused" : "running";
        }
        return summary;
      case "clock-jump":
        notes.push(`timeline[${a.atMs}] clock-jump not applied: real clocks need libfaketime`);
        return `${summary} (NOT APPLIED)`;
      case "replicaof": {
        const t = procs.get(a.target)!.plan;
        if (a.master === null) {
          promotedByOperator.push(a.target);
          return operator(t, ["REPLICAOF", "NO", "ONE"]);
        }
        const m = procs.get(a.master)!.plan;
        return operator(t, ["REPLICAOF", m.ip, m.port]);
      }
      case "sentinel-failover":
        return operator(procs.get(a.sentinel)!.plan, ["SENTINEL", "FAILOVER", a.group]);
      case "sentinel-reset":
        return operator(procs.get(a.sentinel)!.plan, ["SENTINEL", "RESET", a.pattern]);
      case "sentinel-remove":
        return operator(procs.get(a.sentinel)!.plan, ["SENTINEL", "REMOVE", a.group]);
      case "sentinel-monitor": {
        const sp = procs.get(a.sentinel)!.plan;
        const m = procs.get(a.master)!.plan;
        const r = await operator(sp, ["SENTINEL", "MONITOR", a.group, m.ip, m.port, a.quorum]);
        // A monitor added by command starts with Sentinel's defaults; give it the run's timers (the model's).
        const g = s.groups.find((x) => x.name === a.group)?.sentinel ?? {};
        const set: (string | number)[] = ["SENTINEL", "SET", a.group];
        for (const [k, v] of Object.entries({ ...g, ...CONFORMANCE_TIMERS }))
          if (k !== "quorum") set.push(k, v as number);
        await operator(sp, set);
        return r;
      }
      case "config-set": {
        const out: string[] = [];
        for (const p of targets(a.target)) {
          if (p.plan.kind === "redis") out.push(await operator(p.plan, ["CONFIG", "SET", a.option, a.value]));
          else if (p.plan.kind === "sentinel" && a.group)
            out.push(await operator(p.plan, ["SENTINEL", "SET", a.group, a.option, a.value]));
        }
        return out.join("; ") || summary;
      }
      case "vip-move": {
        const to = procs.get(a.to)!.plan;
        const r = routes.get(a.vip)!;
        routes.set(a.vip, { ...r, toIp: to.ip, toPort: to.port });
        setNat();
        // Real VIP moves break the old TCP connections (the new holder answers with RST): reconnect the clients.
        for (const c of clients.values()) {
          const t = c.proc.plan.client!.target;
          if (t.via === "vip" && t.vip === a.vip && c.proc.child) send(c.proc.child, { op: "reconnect" });
        }
        return summary;
      }
      case "client-retarget": {
        const c = clients.get(a.client);
        if (!c) return `${summary} (client not running)`;
        c.target = resolveTarget(c.proc.plan, a.target);
        if (c.proc.child) send(c.proc.child, { op: "retarget", target: c.target });
        return summary;
      }
      case "add-box": {
        applyNet();
        const mine = [...procs.values()].filter((p) => p.plan.box === a.box.id);
        for (const p of mine) if (p.plan.kind === "redis") startServer(p);
        for (const p of mine)
          if (p.plan.kind === "sentinel") {
            startServer(p);
            control!.subscribe(p.plan.id, p.plan.ip, p.plan.port);
          }
        for (const p of mine)
          if (p.plan.kind === "client") await activateClient(p, Math.max(Date.now(), t0 + p.plan.client!.startMs));
        return summary;
      }
      default: {
        const never: never = a;
        return never;
      }
    }
  }
}

/**
 * Before t0: every replica linked to its master, and every Sentinel knowing its master, all the group's
 * replicas and all its other Sentinels, the way the model starts. Bounded by LIMITS.warmupMs.
 */
async function warmUp(
  s: Scenario,
  plan: Plan,
  procs: Map<string, Proc>,
  call: (p: PlannedProcess, args: (string | number)[], timeoutMs?: number) => Promise<unknown>,
  log: (m: string) => void,
): Promise<{ ok: true } | { ok: false; why: string }> {
  const until = Date.now() + LIMITS.warmupMs;
  let why = "";
  for (let i = 0; i < 400 && Date.now() < until; i++) {
    why = "";
    for (const p of procs.values()) {
      if (!p.plan.initial || p.plan.kind !== "redis") continue;
      const info = String(await call(p.plan, ["INFO", "replication"]).catch(() => ""));
      if (/role:slave/.test(info) && !/master_link_status:up/.test(info))
        why ||= `${p.plan.id} not yet linked to its master`;
    }
    if (!why)
      for (const g of s.groups) {
        const sentinels = sentinelsOf(plan, g.name, s).filter((x) => x.initial);
        const replicas = plan.processes.filter((p) => p.kind === "redis" && p.initial && p.group === g.name).length - 1;
        for (const sp of sentinels) {
          const m = asMap(await call(sp, ["SENTINEL", "MASTER", g.name]).catch(() => []));
          if (m.flags !== "master") why ||= `${sp.id}: master of ${g.name} has flags ${m.flags ?? "?"}`;
          else if (Number(m["num-slaves"]) !== replicas)
            why ||= `${sp.id}: knows ${m["num-slaves"]}/${replicas} replicas of ${g.name}`;
          else if (Number(m["num-other-sentinels"]) !== sentinels.length - 1)
            why ||= `${sp.id}: knows ${m["num-other-sentinels"]}/${sentinels.length - 1} other Sentinels of ${g.name}`;
        }
      }
    if (!why) return { ok: true };
    if (i % 20 === 19) log(`warming up: ${why}`);
    await sleep(250);
  }
  return { ok: false, why };
}

export function runFileName(s: Scenario, run: number): string {
  return join(RUNS_DIR, `${s.id}-${run}.json`);
}

export function saveRun(trace: RealTrace, s: Scenario): string {
  mkdirSync(RUNS_DIR, { recursive: true });
  const f = runFileName(s, trace.real.harness.run);
  writeFileSync(f, encodeRun(trace));
  return f;
}
