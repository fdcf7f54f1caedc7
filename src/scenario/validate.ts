import type { z } from "zod";
import { checkConfigSet, checkSentinelSet } from "./configSet";
import { type Action, type Scenario, scenarioSchema } from "./schema";

export type Validation = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(scenario)";
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = pathOf(issue.path);
  switch (issue.code) {
    case "invalid_type":
      return `${where}: expected ${issue.expected}`;
    case "unrecognized_keys":
      return `${where}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_union":
      if ("discriminator" in issue && typeof issue.discriminator === "string")
        return `${where}: "${issue.discriminator}" must be one of the known values`;
      return `${where}: ${issue.message}`;
    case "invalid_value":
      return `${where}: must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** Cross-field checks that a schema cannot express: references resolve, ids are unique, topology is possible. */
export function semanticProblems(s: Scenario): string[] {
  const problems: string[] = [];
  const boxIds = new Set<string>();
  const procKind = new Map<string, string>();
  const redisGroup = new Map<string, string>();
  const groupNames = new Set(s.groups.map((g) => g.name));
  if (groupNames.size !== s.groups.length) problems.push("groups: two groups share a name");
  const ips = new Map<string, string>();
  const allBoxes = [...s.boxes];
  for (const a of s.timeline) if (a.action === "add-box") allBoxes.push(a.box);
  allBoxes.forEach((b, bi) => {
    if (boxIds.has(b.id)) problems.push(`boxes[${bi}].id: "${b.id}" is used by another box`);
    boxIds.add(b.id);
    if (b.ip) {
      const other = ips.get(b.ip);
      if (other) problems.push(`boxes[${bi}].ip: ${b.ip} is also the address of box "${other}"`);
      ips.set(b.ip, b.id);
    }
    const ports = new Set<number>();
    b.processes.forEach((p, pi) => {
      const where = `boxes[${bi}].processes[${pi}]`;
      if (procKind.has(p.id) || (boxIds.has(p.id) && p.id !== b.id))
        problems.push(`${where}.id: "${p.id}" is used more than once`);
      procKind.set(p.id, p.kind);
      if (p.kind !== "client" && p.port !== undefined) {
        if (ports.has(p.port)) problems.push(`${where}.port: ${p.port} is already taken on box "${b.id}"`);
        ports.add(p.port);
      }
      if (p.kind === "redis" || p.kind === "client") {
        if (!groupNames.has(p.group))
          problems.push(`${where}.group: "${p.group}" is not a group (known: ${[...groupNames].join(", ")})`);
      }
      if (p.kind === "redis") redisGroup.set(p.id, p.group);
    });
  });
  for (const [pid] of procKind) if (boxIds.has(pid)) problems.push(`"${pid}" names both a box and a process`);

  const isKind = (pid: string, kind: string) => procKind.get(pid) === kind;
  allBoxes.forEach((b, bi) => {
    b.processes.forEach((p, pi) => {
      const where = `boxes[${bi}].processes[${pi}]`;
      if (p.kind === "redis" && p.replicaof !== undefined) {
        if (!isKind(p.replicaof, "redis")) problems.push(`${where}.replicaof: "${p.replicaof}" is not a Redis`);
        else if (p.replicaof === p.id) problems.push(`${where}.replicaof: a Redis cannot replicate from itself`);
        else if (redisGroup.get(p.replicaof) !== p.group)
          problems.push(`${where}.replicaof: "${p.replicaof}" is in another group`);
      }
      if (p.kind === "sentinel")
        for (const g of p.monitors ?? [])
          if (!groupNames.has(g)) problems.push(`${where}.monitors: "${g}" is not a group`);
      if (p.kind === "client") {
        const t = p.target;
        if (t.via === "sentinel")
          for (const sid of t.sentinels)
            if (!isKind(sid, "sentinel")) problems.push(`${where}.target.sentinels: "${sid}" is not a Sentinel`);
        if (t.via === "fixed" && !isKind(t.redis, "redis"))
          problems.push(`${where}.target.redis: "${t.redis}" is not a Redis`);
        if (t.via === "vip" && !s.vips.some((v) => v.id === t.vip))
          problems.push(`${where}.target.vip: "${t.vip}" is not a virtual IP of the scenario`);
      }
    });
  });

  for (const g of s.groups) {
    const initialMasters = allBoxes
      .flatMap((b) => b.processes)
      .filter((p) => p.kind === "redis" && p.group === g.name && p.replicaof === undefined);
    const initialBoxes = s.boxes.flatMap((b) => b.processes).filter((p) => p.kind === "redis" && p.group === g.name);
    if (initialBoxes.length === 0) problems.push(`groups: "${g.name}" has no Redis server`);
    else if (initialMasters.length === 0)
      problems.push(`groups: "${g.name}" has no master (every Redis has replicaof)`);
    const cfg = g.sentinel;
    const sentinels = s.boxes
      .flatMap((b) => b.processes)
      .filter((p) => p.kind === "sentinel" && (!p.monitors || p.monitors.includes(g.name)));
    if (cfg?.quorum !== undefined && sentinels.length > 0 && cfg.quorum > sentinels.length)
      problems.push(
        `groups: "${g.name}" has quorum ${cfg.quorum} but only ${sentinels.length} Sentinels monitor it: it can never fail over`,
      );
  }
  s.vips.forEach((v, i) => {
    if (!isKind(v.redis, "redis")) problems.push(`vips[${i}].redis: "${v.redis}" is not a Redis`);
  });

  s.timeline.forEach((a, i) => {
    const where = `timeline[${i}] (${a.action})`;
    if (a.atMs > s.durationMs) problems.push(`${where}.atMs: ${a.atMs} is after the end (durationMs ${s.durationMs})`);
    for (const msg of actionProblems(a, boxIds, procKind, groupNames, s)) problems.push(`${where}: ${msg}`);
  });
  return problems;
}

function actionProblems(
  a: Action,
  boxIds: Set<string>,
  procKind: Map<string, string>,
  groups: Set<string>,
  s: Scenario,
): string[] {
  const out: string[] = [];
  const box = (b: string, field: string) => {
    if (!boxIds.has(b)) out.push(`${field} "${b}" is not a box`);
  };
  const boxOrProc = (t: string, field: string) => {
    if (!boxIds.has(t) && !procKind.has(t)) out.push(`${field} "${t}" is neither a box nor a process`);
  };
  const kind = (t: string, k: string, field: string) => {
    if (procKind.get(t) !== k) out.push(`${field} "${t}" is not a ${k}`);
  };
  switch (a.action) {
    case "partition": {
      const seen = new Set<string>();
      for (const g of a.groups)
        for (const b of g) {
          box(b, "groups:");
          if (seen.has(b)) out.push(`groups: box "${b}" is in two groups`);
          seen.add(b);
        }
      break;
    }
    case "cut":
      box(a.from, "from:");
      box(a.to, "to:");
      if (a.from === a.to) out.push("from and to are the same box");
      break;
    case "heal":
      if (a.id && !s.timeline.some((o) => (o.action === "partition" || o.action === "cut") && o.id === a.id))
        out.push(`id "${a.id}" names no partition or cut`);
      break;
    case "crash":
    case "restart":
    case "pause":
    case "resume":
    case "remove-box":
      boxOrProc(a.target, "target:");
      break;
    case "clock-jump":
      boxOrProc(a.target, "target:");
      break;
    case "replicaof":
      kind(a.target, "redis", "target:");
      if (a.master !== null) kind(a.master, "redis", "master:");
      break;
    case "sentinel-failover":
    case "sentinel-remove":
    case "sentinel-monitor":
      kind(a.sentinel, "sentinel", "sentinel:");
      if (a.action !== "sentinel-monitor" && !groups.has(a.group)) out.push(`group "${a.group}" is not a group`);
      if (a.action === "sentinel-monitor") kind(a.master, "redis", "master:");
      break;
    case "sentinel-reset":
      kind(a.sentinel, "sentinel", "sentinel:");
      break;
    case "config-set": {
      boxOrProc(a.target, "target:");
      if (procKind.get(a.target) === "sentinel" && !a.group) out.push("SENTINEL SET needs a group");
      const check = a.group ? checkSentinelSet(a.option, a.value) : checkConfigSet(a.option, a.value);
      if (!check.ok) out.push(check.why);
      break;
    }
    case "vip-move":
      if (!s.vips.some((v) => v.id === a.vip)) out.push(`vip "${a.vip}" is not a virtual IP`);
      kind(a.to, "redis", "to:");
      break;
    case "client-retarget":
      kind(a.client, "client", "client:");
      break;
    case "add-box":
      break;
    default: {
      const never: never = a;
      return never;
    }
  }
  return out;
}

/** Parses untrusted input (a file, a URL) into a scenario, or into one message per problem. */
export function validateScenario(input: unknown): Validation {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(describeIssue) };
  const problems = semanticProblems(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: parsed.data };
}

export function parseScenarioText(text: string): Validation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  return validateScenario(json);
}
