import { join } from "node:path";
import type { NetCut } from "../src/model/trace";
import {
  allBoxes,
  DEFAULT_REDIS_PORT,
  DEFAULT_SENTINEL_PORT,
  monitoredGroups,
  redisConf,
  sentinelConf,
} from "../src/scenario/conf";
import { describeAction } from "../src/scenario/describe";
import type { Action, ClientSpec, Scenario } from "../src/scenario/schema";
import {
  activeCuts,
  applyToNet,
  boxAddress,
  emptyNet,
  FILTER_CHAIN,
  filterRules,
  NAT_CHAIN,
  type NetState,
  natRestore,
  type VipRoute,
  vipAddress,
} from "./network";

// What a run will do, as data: addresses, config files, commands, and the network after each action.
// `--dry-run` prints it; the harness executes it.

export interface PlannedProcess {
  id: string;
  kind: "redis" | "sentinel" | "client";
  box: string;
  ip: string;
  /** 0 for clients. */
  port: number;
  group?: string;
  /** Started at the beginning (false: brought by an add-box action). */
  initial: boolean;
  bornMs: number;
  dir: string;
  confPath?: string;
  logPath?: string;
  conf?: string;
  client?: ClientSpec;
}

export interface PlanStep {
  index: number;
  atMs: number;
  action: Action["action"];
  summary: string;
  /** Human-readable effects: rules, signals, commands. */
  effects: string[];
  /** Directed cuts in force after this step (for the trace's net timeline). */
  cuts: NetCut[];
  downBoxes: string[];
  netChanged: boolean;
}

export interface Plan {
  ns: string;
  workDir: string;
  boxes: { id: string; ip: string; initial: boolean }[];
  vips: VipRoute[];
  processes: PlannedProcess[];
  /** Commands run (inside the namespace) before any process starts. */
  setup: string[][];
  steps: PlanStep[];
}

export const VIP_PORT = DEFAULT_REDIS_PORT;

export function nsExec(ns: string, cmd: readonly string[]): string[] {
  return ["ip", "netns", "exec", ns, ...cmd];
}

export function processCommand(p: PlannedProcess): string[] {
  if (p.kind === "redis") return ["redis-server", p.confPath!];
  if (p.kind === "sentinel") return ["redis-sentinel", p.confPath!];
  return ["node", "--import", "tsx", "conformance/worker.ts", "client", "<json>"];
}

/** Timeline in the order it is applied: by time, then by position in the file. */
export function orderedTimeline(s: Scenario): { action: Action; index: number }[] {
  return s.timeline
    .map((action, index) => ({ action, index }))
    .sort((x, y) => x.action.atMs - y.action.atMs || x.index - y.index);
}

export function buildPlan(s: Scenario, opts: { ns: string; workDir: string }): Plan {
  const boxes = allBoxes(s);
  const addrOf = new Map(boxes.map((b) => [b.box.id, boxAddress(b.index)]));
  const address = (_box: unknown, index: number) => boxAddress(index);
  const processes: PlannedProcess[] = [];
  const bornOf = new Map<string, number>();
  for (const a of s.timeline) if (a.action === "add-box") bornOf.set(a.box.id, a.atMs);
  for (const { box, index, initial } of boxes)
    for (const p of box.processes) {
      const dir = join(opts.workDir, p.id);
      const base = { id: p.id, box: box.id, ip: boxAddress(index), initial, bornMs: bornOf.get(box.id) ?? 0, dir };
      const files = (pid: string) => ({ dir: join(opts.workDir, pid), logfile: join(opts.workDir, pid, `${pid}.log`) });
      const confOpts = { address, files, bindSourceAddr: true };
      if (p.kind === "redis")
        processes.push({
          ...base,
          kind: "redis",
          port: p.port ?? DEFAULT_REDIS_PORT,
          group: p.group,
          confPath: join(dir, "redis.conf"),
          logPath: join(dir, `${p.id}.log`),
          conf: redisConf(s, p.id, confOpts),
        });
      else if (p.kind === "sentinel")
        processes.push({
          ...base,
          kind: "sentinel",
          port: p.port ?? DEFAULT_SENTINEL_PORT,
          confPath: join(dir, "sentinel.conf"),
          logPath: join(dir, `${p.id}.log`),
          conf: sentinelConf(s, p.id, confOpts),
        });
      else processes.push({ ...base, kind: "client", port: 0, group: p.group, client: p });
    }

  const portOf = new Map(processes.map((p) => [p.id, p]));
  const vips: VipRoute[] = s.vips.map((v, k) => {
    const r = portOf.get(v.redis)!;
    return { vip: v.id, vipAddress: vipAddress(k), vipPort: VIP_PORT, toIp: r.ip, toPort: r.port };
  });

  const setup = [
    ["ip", "link", "set", "lo", "up"],
    ["iptables", "-N", FILTER_CHAIN],
    ["iptables", "-A", "INPUT", "-j", FILTER_CHAIN],
    ["iptables", "-t", "nat", "-N", NAT_CHAIN],
    ["iptables", "-t", "nat", "-A", "OUTPUT", "-j", NAT_CHAIN],
  ];

  const steps: PlanStep[] = [];
  let net: NetState = emptyNet;
  const present = new Set(boxes.filter((b) => b.initial).map((b) => b.box.id));
  const routes = new Map(vips.map((v) => [v.vip, v]));
  const boxProcs = (t: string) => processes.filter((p) => p.box === t || p.id === t);
  for (const { action: a, index } of orderedTimeline(s)) {
    if (a.action === "add-box") present.add(a.box.id);
    const ids = [...present];
    const before = net;
    net = applyToNet(net, a, index, ids);
    const cuts = activeCuts(net, ids);
    const netChanged = net !== before;
    const effects: string[] = [];
    if (netChanged) {
      const rules = filterRules(cuts, (b) => addrOf.get(b)!);
      effects.push(`iptables-restore --noflush: chain ${FILTER_CHAIN} := ${rules.length ? "" : "(empty)"}`);
      for (const r of rules) effects.push(`  ${r}`);
    }
    switch (a.action) {
      case "crash":
      case "remove-box":
        for (const p of boxProcs(a.target)) effects.push(`kill -9 ${p.kind} ${p.id} (and its forked children)`);
        break;
      case "pause":
      case "resume":
        for (const p of boxProcs(a.target)) effects.push(`kill -${a.action === "pause" ? "STOP" : "CONT"} ${p.id}`);
        break;
      case "restart":
        for (const p of boxProcs(a.target))
          effects.push(`start ${p.id} again${p.confPath ? ` with ${p.confPath}` : ""}`);
        break;
      case "add-box":
        for (const p of boxProcs(a.box.id))
          effects.push(`start ${p.kind} ${p.id} at ${p.ip}${p.port ? `:${p.port}` : ""}`);
        break;
      case "vip-move": {
        const to = portOf.get(a.to)!;
        const r = routes.get(a.vip)!;
        routes.set(a.vip, { ...r, toIp: to.ip, toPort: to.port });
        effects.push(
          `iptables-restore --noflush (nat): ${natRestore([...routes.values()])
            .split("\n")
            .slice(2, -2)
            .join("; ")}`,
        );
        effects.push(`clients using ${a.vip} reconnect`);
        break;
      }
      case "clock-jump":
        effects.push("NOT APPLIED: a real clock jump needs libfaketime; recorded as skipped");
        break;
      case "client-retarget":
        effects.push(`client worker ${a.client} reconnects via ${a.target.via}`);
        break;
      case "partition":
      case "cut":
      case "heal":
        break;
      default:
        effects.push(`operator command: ${describeAction(a)}`);
    }
    steps.push({
      index,
      atMs: a.atMs,
      action: a.action,
      summary: describeAction(a),
      effects,
      cuts,
      downBoxes: [...net.downBoxes],
      netChanged,
    });
  }
  return {
    ns: opts.ns,
    workDir: opts.workDir,
    boxes: boxes.map((b) => ({ id: b.box.id, ip: boxAddress(b.index), initial: b.initial })),
    vips,
    processes,
    setup,
    steps,
  };
}

export function sentinelsOf(plan: Plan, group: string, s: Scenario): PlannedProcess[] {
  return plan.processes.filter((p) => {
    if (p.kind !== "sentinel") return false;
    const spec = allBoxes(s)
      .flatMap((b) => b.box.processes)
      .find((q) => q.id === p.id);
    return spec?.kind === "sentinel" && monitoredGroups(s, spec).includes(group);
  });
}

export function formatPlan(plan: Plan, s: Scenario): string {
  const out: string[] = [];
  out.push(`Scenario ${s.id}: ${s.title}`);
  out.push(`Network namespace: ${plan.ns} (only its loopback; every address below is inside it)`);
  out.push(`Work dir: ${plan.workDir}`);
  out.push(
    `Run length: ${s.durationMs} ms after warm-up; timers ${s.groups.map((g) => `${g.name}: down-after ${g.sentinel?.["down-after-milliseconds"]}, failover-timeout ${g.sentinel?.["failover-timeout"]}`).join("; ")}`,
  );
  out.push("", "Setup:");
  out.push(`  ip netns add ${plan.ns}`);
  for (const c of plan.setup) out.push(`  ${nsExec(plan.ns, c).join(" ")}`);
  out.push("", "Boxes:");
  for (const b of plan.boxes) out.push(`  ${b.id.padEnd(10)} ${b.ip}${b.initial ? "" : "  (added by the timeline)"}`);
  for (const v of plan.vips) out.push(`  VIP ${v.vip} ${v.vipAddress}:${v.vipPort} → DNAT ${v.toIp}:${v.toPort}`);
  out.push("", "Processes:");
  for (const p of plan.processes) {
    out.push(
      `  ${p.kind.padEnd(8)} ${p.id.padEnd(10)} box ${p.box} ${p.ip}${p.port ? `:${p.port}` : ""}${p.initial ? "" : ` (from ${p.bornMs} ms)`}`,
    );
    out.push(`    $ ${nsExec(plan.ns, processCommand(p)).join(" ")}`);
    if (p.client)
      out.push(
        `    target ${JSON.stringify(p.client.target)}, ${p.client.rateHz} Hz, timeout ${p.client.timeoutMs} ms`,
      );
    if (p.conf) for (const l of p.conf.trimEnd().split("\n")) out.push(`    | ${l}`);
  }
  out.push("", "Timeline:");
  for (const st of plan.steps) {
    out.push(`  ${(st.atMs / 1000).toFixed(1).padStart(6)} s  ${st.summary}`);
    for (const e of st.effects) out.push(`             ${e}`);
  }
  out.push(
    `  ${(s.durationMs / 1000).toFixed(1).padStart(6)} s  end: stop clients, ask Sentinels for the final master, SMEMBERS, kill all, ip netns del ${plan.ns}`,
  );
  return out.join("\n");
}
