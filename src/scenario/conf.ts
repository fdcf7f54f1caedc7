import {
  type BoxSpec,
  type RedisConfig,
  type RedisSpec,
  redisConfig,
  type Scenario,
  type SentinelConfig,
  type SentinelSpec,
  sentinelConfig,
} from "./schema";

// Plain functions that turn a scenario into the configuration files a real deployment would use:
// one `redis.conf` per Redis process and one `sentinel.conf` per Sentinel, with Redis's own option names.
// The app exports them; the conformance harness (conformance/) starts real Redis 7.0 with them.

export const DEFAULT_REDIS_PORT = 6379;
export const DEFAULT_SENTINEL_PORT = 26379;

export interface ProcessFiles {
  /** Working directory (`dir`): RDB/AOF files, and where Sentinel/Redis resolve relative paths. */
  dir?: string;
  logfile?: string;
  pidfile?: string;
}

export interface ConfOptions {
  /** Address of each box. Default: the box's `ip`, else 10.0.0.(index + 1). */
  address?: (box: BoxSpec, index: number) => string;
  /** File locations per process id; options left out keep Redis's defaults. */
  files?: (processId: string) => ProcessFiles;
  /** A fixed Sentinel runid (`sentinel myid`, 40 hex digits); undefined lets Sentinel draw one. */
  sentinelMyid?: (sentinelId: string) => string | undefined;
  /**
   * Emit `bind-source-addr` so outgoing connections (replication, Sentinel links) leave from the box's own
   * address. Needed when several boxes share one host, as in the conformance harness; harmless otherwise.
   */
  bindSourceAddr?: boolean;
}

export interface BoxEntry {
  box: BoxSpec;
  /** Position among the scenario's boxes, the ones added by the timeline (`add-box`) last, in timeline order. */
  index: number;
  /** Present from the start, or added by the timeline. */
  initial: boolean;
}

/** Every box the scenario can ever have: the initial ones, then those `add-box` brings, in timeline order. */
export function allBoxes(s: Scenario): BoxEntry[] {
  const out: BoxEntry[] = s.boxes.map((box, index) => ({ box, index, initial: true }));
  for (const a of s.timeline) if (a.action === "add-box") out.push({ box: a.box, index: out.length, initial: false });
  return out;
}

export function defaultAddress(box: BoxSpec, index: number): string {
  return box.ip ?? `10.0.0.${index + 1}`;
}

export interface Located<P> {
  process: P;
  box: BoxSpec;
  boxIndex: number;
  ip: string;
  port: number;
}

function locate(s: Scenario, processId: string, opts: ConfOptions) {
  const address = opts.address ?? defaultAddress;
  for (const { box, index } of allBoxes(s))
    for (const p of box.processes)
      if (p.id === processId) return { process: p, box, boxIndex: index, ip: address(box, index) };
  return undefined;
}

export function locateRedis(s: Scenario, id: string, opts: ConfOptions = {}): Located<RedisSpec> {
  const l = locate(s, id, opts);
  if (l?.process.kind !== "redis") throw new Error(`"${id}" is not a Redis process of scenario ${s.id}`);
  return { ...l, process: l.process, port: l.process.port ?? DEFAULT_REDIS_PORT };
}

export function locateSentinel(s: Scenario, id: string, opts: ConfOptions = {}): Located<SentinelSpec> {
  const l = locate(s, id, opts);
  if (l?.process.kind !== "sentinel") throw new Error(`"${id}" is not a Sentinel of scenario ${s.id}`);
  return { ...l, process: l.process, port: l.process.port ?? DEFAULT_SENTINEL_PORT };
}

/** Redis options in force for one process: Redis defaults, then the group's, then the process's own. */
export function effectiveRedisConfig(s: Scenario, redisId: string): RedisConfig {
  const { process } = locateRedis(s, redisId);
  const group = s.groups.find((g) => g.name === process.group);
  return redisConfig(group?.redis, process.config);
}

export function effectiveSentinelConfig(s: Scenario, groupName: string): SentinelConfig {
  const group = s.groups.find((g) => g.name === groupName);
  if (!group) throw new Error(`"${groupName}" is not a group of scenario ${s.id}`);
  return sentinelConfig(group.sentinel);
}

/** The Redis a group starts with as master: its first Redis without `replicaof`. */
export function initialMaster(s: Scenario, groupName: string): RedisSpec {
  for (const { box } of allBoxes(s))
    for (const p of box.processes) if (p.kind === "redis" && p.group === groupName && !p.replicaof) return p;
  throw new Error(`group "${groupName}" of scenario ${s.id} has no master`);
}

function value(v: string | number): string {
  if (typeof v === "number") return String(v);
  if (v === "") return '""';
  return /[\s"']/.test(v) ? JSON.stringify(v) : v;
}

function fileLines(files: ProcessFiles | undefined): string[] {
  const out: string[] = [];
  if (files?.dir) out.push(`dir ${value(files.dir)}`);
  if (files?.logfile) out.push(`logfile ${value(files.logfile)}`);
  if (files?.pidfile) out.push(`pidfile ${value(files.pidfile)}`);
  return out;
}

const REDIS_OPTION_ORDER: readonly (keyof RedisConfig)[] = [
  "min-replicas-to-write",
  "min-replicas-max-lag",
  "replica-priority",
  "repl-timeout",
  "repl-ping-replica-period",
  "repl-backlog-size",
  "repl-diskless-sync",
  "repl-diskless-sync-delay",
  "replica-serve-stale-data",
  "replica-read-only",
  "appendonly",
  "save",
];

/** `redis.conf` for one Redis process of the scenario. Every replication option is written out explicitly. */
export function redisConf(s: Scenario, redisId: string, opts: ConfOptions = {}): string {
  const me = locateRedis(s, redisId, opts);
  const cfg = effectiveRedisConfig(s, redisId);
  const lines = [
    `# Sentinel Lab scenario "${s.id}": Redis ${me.process.id} of group ${me.process.group}, box ${me.box.id}`,
    `bind ${me.ip}`,
    `port ${me.port}`,
    "# The lab sets no password; set requirepass/masterauth before using this outside a lab.",
    "protected-mode no",
    "daemonize no",
    ...(opts.bindSourceAddr ? [`bind-source-addr ${me.ip}`] : []),
    ...fileLines(opts.files?.(redisId)),
    ...REDIS_OPTION_ORDER.map((k) => `${k} ${value(cfg[k])}`),
  ];
  if (me.process.replicaof) {
    const m = locateRedis(s, me.process.replicaof, opts);
    lines.push(`replicaof ${m.ip} ${m.port}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Groups a Sentinel monitors: its `monitors` list, or every group. */
export function monitoredGroups(s: Scenario, sentinel: SentinelSpec): string[] {
  return sentinel.monitors ?? s.groups.map((g) => g.name);
}

/** `sentinel.conf` for one Sentinel of the scenario. Sentinel rewrites this file while it runs. */
export function sentinelConf(s: Scenario, sentinelId: string, opts: ConfOptions = {}): string {
  const me = locateSentinel(s, sentinelId, opts);
  const lines = [
    `# Sentinel Lab scenario "${s.id}": Sentinel ${me.process.id}, box ${me.box.id}`,
    `bind ${me.ip}`,
    `port ${me.port}`,
    "# The lab sets no password; set requirepass/sentinel auth-pass before using this outside a lab.",
    "protected-mode no",
    "daemonize no",
    ...(opts.bindSourceAddr ? [`bind-source-addr ${me.ip}`] : []),
    ...fileLines(opts.files?.(sentinelId)),
    `sentinel announce-ip ${me.ip}`,
    `sentinel announce-port ${me.port}`,
  ];
  const myid = opts.sentinelMyid?.(sentinelId);
  if (myid !== undefined) {
    if (!/^[0-9a-f]{40}$/.test(myid)) throw new Error(`sentinel myid must be 40 hex digits, got "${myid}"`);
    lines.push(`sentinel myid ${myid}`);
  }
  for (const g of monitoredGroups(s, me.process)) {
    const cfg = effectiveSentinelConfig(s, g);
    const m = locateRedis(s, initialMaster(s, g).id, opts);
    lines.push(
      `sentinel monitor ${g} ${m.ip} ${m.port} ${cfg.quorum}`,
      `sentinel down-after-milliseconds ${g} ${cfg["down-after-milliseconds"]}`,
      `sentinel failover-timeout ${g} ${cfg["failover-timeout"]}`,
      `sentinel parallel-syncs ${g} ${cfg["parallel-syncs"]}`,
      `sentinel master-reboot-down-after-period ${g} ${cfg["master-reboot-down-after-period"]}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export interface ConfFile {
  process: string;
  kind: "redis" | "sentinel";
  box: string;
  /** Suggested file name, e.g. `redis-M1.conf`, `sentinel-S1.conf`. */
  fileName: string;
  text: string;
}

/** Every configuration file of the scenario (boxes added by the timeline included). */
export function scenarioConfs(s: Scenario, opts: ConfOptions = {}): ConfFile[] {
  const out: ConfFile[] = [];
  for (const { box } of allBoxes(s))
    for (const p of box.processes) {
      if (p.kind === "redis")
        out.push({
          process: p.id,
          kind: "redis",
          box: box.id,
          fileName: `redis-${p.id}.conf`,
          text: redisConf(s, p.id, opts),
        });
      else if (p.kind === "sentinel")
        out.push({
          process: p.id,
          kind: "sentinel",
          box: box.id,
          fileName: `sentinel-${p.id}.conf`,
          text: sentinelConf(s, p.id, opts),
        });
    }
  return out;
}
