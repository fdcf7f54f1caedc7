import { z } from "zod";

// The scenario is the single source of truth (architecture.md). Option names inside `config` objects are
// Redis's own, so a user can paste values from redis.conf / sentinel.conf.

export const SCENARIO_FORMAT = "sentinel-lab/scenario";
export const SCENARIO_VERSION = 1;

const id = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/, "an id: a letter, then letters, digits, '_', '.', '-' (at most 32)");
const ms = z.number().int("a whole number of milliseconds").min(0, "0 or more milliseconds");
const range = z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo <= hi, "a range [low, high] with low ≤ high");
const ipv4 = z.string().regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, "an IPv4 address like 10.0.0.1");
const port = z.number().int().min(1).max(65535);

// Each option once, without defaults: the partial forms (a group's or a process's overrides) must not fill in
// defaults, or a process's one override would silently reset its group's settings (zod's .partial() keeps them).
const sentinelOptions = {
  quorum: z.number().int().min(1, "quorum is at least 1"),
  "down-after-milliseconds": z.number().int().min(1),
  "failover-timeout": z.number().int().min(1),
  "parallel-syncs": z.number().int().min(1),
  "master-reboot-down-after-period": z.number().int().min(0),
};
const redisOptions = {
  "min-replicas-to-write": z.number().int().min(0),
  "min-replicas-max-lag": z.number().int().min(0),
  "replica-priority": z.number().int().min(0),
  "repl-timeout": z.number().int().min(1),
  "repl-ping-replica-period": z.number().int().min(1),
  "repl-backlog-size": z.number().int().min(16384),
  "repl-diskless-sync": z.enum(["yes", "no"]),
  "repl-diskless-sync-delay": z.number().int().min(0),
  "replica-serve-stale-data": z.enum(["yes", "no"]),
  "replica-read-only": z.enum(["yes", "no"]),
  appendonly: z.enum(["yes", "no"]),
  /** "" disables RDB snapshots; anything else means the dataset survives a restart. */
  save: z.string(),
};

export type SentinelConfig = { [K in keyof typeof sentinelOptions]: z.infer<(typeof sentinelOptions)[K]> };
export type RedisConfig = { [K in keyof typeof redisOptions]: z.infer<(typeof redisOptions)[K]> };

/** Sentinel's defaults, except the doc tutorial's down-after and failover-timeout (scenarios.md). */
export const SENTINEL_DEFAULTS: SentinelConfig = {
  quorum: 2,
  "down-after-milliseconds": 5000,
  "failover-timeout": 60000,
  "parallel-syncs": 1,
  "master-reboot-down-after-period": 0,
};
/** Redis 7.0's defaults (semantics §2.2). */
export const REDIS_DEFAULTS: RedisConfig = {
  "min-replicas-to-write": 0,
  "min-replicas-max-lag": 10,
  "replica-priority": 100,
  "repl-timeout": 60,
  "repl-ping-replica-period": 10,
  "repl-backlog-size": 1048576,
  "repl-diskless-sync": "yes",
  "repl-diskless-sync-delay": 5,
  "replica-serve-stale-data": "yes",
  "replica-read-only": "yes",
  appendonly: "no",
  save: "",
};

export const sentinelConfigSchema = z.object(sentinelOptions).partial().strict();
export const redisConfigSchema = z.object(redisOptions).partial().strict();
export type SentinelOverrides = z.infer<typeof sentinelConfigSchema>;
export type RedisOverrides = z.infer<typeof redisConfigSchema>;

/** Defaults, then each layer of overrides in order (group, then process). */
export function sentinelConfig(...layers: Array<SentinelOverrides | undefined>): SentinelConfig {
  return Object.assign({ ...SENTINEL_DEFAULTS }, ...layers.filter(Boolean));
}
export function redisConfig(...layers: Array<RedisOverrides | undefined>): RedisConfig {
  return Object.assign({ ...REDIS_DEFAULTS }, ...layers.filter(Boolean));
}

const redisProcess = z
  .object({
    kind: z.literal("redis"),
    id,
    group: id,
    /** The id of the Redis this one replicates from at start; absent for the group's first master. */
    replicaof: id.optional(),
    port: port.optional(),
    config: redisConfigSchema.optional(),
  })
  .strict();

const sentinelProcess = z
  .object({
    kind: z.literal("sentinel"),
    id,
    port: port.optional(),
    /** Groups this Sentinel monitors; all groups when absent. */
    monitors: z.array(id).optional(),
  })
  .strict();

export const clientTargetSchema = z.discriminatedUnion("via", [
  z
    .object({
      via: z.literal("sentinel"),
      sentinels: z.array(id).min(1, "a Sentinel-aware client needs at least one Sentinel"),
      /** Subscribe to +switch-master on the Sentinel that answered (DC §13.1 step 5); off by default, as in ioredis. */
      subscribe: z.boolean().default(false),
    })
    .strict(),
  z.object({ via: z.literal("fixed"), redis: id }).strict(),
  z.object({ via: z.literal("vip"), vip: id }).strict(),
]);
export type ClientTarget = z.infer<typeof clientTargetSchema>;

const clientProcess = z
  .object({
    kind: z.literal("client"),
    id,
    group: id,
    target: clientTargetSchema,
    rateHz: z.number().positive().max(1000).default(10),
    timeoutMs: z.number().int().min(1).default(1000),
    /** First write at this time; before it the client only connects. */
    startMs: ms.default(0),
  })
  .strict();

export const processSchema = z.discriminatedUnion("kind", [redisProcess, sentinelProcess, clientProcess]);
export type ProcessSpec = z.infer<typeof processSchema>;
export type RedisSpec = z.infer<typeof redisProcess>;
export type SentinelSpec = z.infer<typeof sentinelProcess>;
export type ClientSpec = z.infer<typeof clientProcess>;

export const boxSchema = z
  .object({
    id,
    label: z.string().max(60).optional(),
    zone: z.string().max(40).optional(),
    ip: ipv4.optional(),
    processes: z.array(processSchema),
  })
  .strict();
export type BoxSpec = z.infer<typeof boxSchema>;

export const groupSchema = z
  .object({
    name: id,
    sentinel: sentinelConfigSchema.optional(),
    /** Defaults for every Redis of the group; a process's own config overrides them. */
    redis: redisConfigSchema.optional(),
  })
  .strict();
export type GroupSpec = z.infer<typeof groupSchema>;

export const networkSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(10000).default(1),
    /** Up to this much extra delay per message, drawn per message: real links never tie to the millisecond. */
    jitterMs: z.number().int().min(0).max(10000).default(1),
    /**
     * Linux TCP behavior under a silent (drop) partition, semantics §1.0. Measured on this kernel over loopback
     * (ss -ti): a first probe 204 ms after the unanswered segment, then retransmissions 208 ms later, doubling.
     */
    firstRetransmitMs: z.number().int().min(1).default(204),
    rtoInitialMs: z.number().int().min(1).default(208),
    rtoMaxMs: z.number().int().min(1).default(120000),
    synRetryDelaysMs: z.array(z.number().int().min(1)).default([1000, 2000, 4000, 8000, 16000, 32000]),
    /** tcp_retries2 = 15: an established connection with unacknowledged data gives up after about this long. */
    retransmitGiveUpMs: z.number().int().min(1).default(924600),
    /**
     * How long a Sentinel's config rewrite blocks its event loop (the fsync of sentinel.conf): about 2 ms on an
     * SSD; 7-9 ms measured on the conformance machine's virtual disk.
     */
    configFsyncMs: z.number().int().min(0).max(1000).default(2),
    /** Bytes per millisecond for RDB transfers during a full resync. */
    rdbBytesPerMs: z.number().positive().default(100000),
  })
  .strict();
export type NetworkSpec = z.infer<typeof networkSchema>;

const target = id;
const partitionKind = z.enum(["drop", "reject"]);
const at = { atMs: ms };

export const actionSchema = z.discriminatedUnion("action", [
  z
    .object({
      ...at,
      action: z.literal("partition"),
      id: id.optional(),
      /** Groups of box ids; boxes listed nowhere form one more group together. */
      groups: z.array(z.array(id).min(1)).min(1),
      kind: partitionKind.default("drop"),
    })
    .strict(),
  z
    .object({
      ...at,
      action: z.literal("cut"),
      id: id.optional(),
      from: id,
      to: id,
      kind: partitionKind.default("drop"),
    })
    .strict(),
  /** Heals the fault with this id, or every partition and cut when no id is given. */
  z.object({ ...at, action: z.literal("heal"), id: id.optional() }).strict(),
  z.object({ ...at, action: z.literal("crash"), target }).strict(),
  z.object({ ...at, action: z.literal("restart"), target }).strict(),
  z.object({ ...at, action: z.literal("pause"), target }).strict(),
  z.object({ ...at, action: z.literal("resume"), target }).strict(),
  z.object({ ...at, action: z.literal("clock-jump"), target, deltaMs: z.number().int() }).strict(),
  /** REPLICAOF host port, or REPLICAOF NO ONE when master is null. */
  z.object({ ...at, action: z.literal("replicaof"), target, master: id.nullable() }).strict(),
  z.object({ ...at, action: z.literal("sentinel-failover"), sentinel: id, group: id }).strict(),
  z.object({ ...at, action: z.literal("sentinel-reset"), sentinel: id, pattern: z.string().default("*") }).strict(),
  z
    .object({
      ...at,
      action: z.literal("sentinel-monitor"),
      sentinel: id,
      group: id,
      master: id,
      quorum: z.number().int().min(1),
    })
    .strict(),
  z.object({ ...at, action: z.literal("sentinel-remove"), sentinel: id, group: id }).strict(),
  /** CONFIG SET on a Redis, or SENTINEL SET <group> on a Sentinel (then `group` is required). */
  z
    .object({
      ...at,
      action: z.literal("config-set"),
      target,
      group: id.optional(),
      option: z.string(),
      value: z.union([z.number(), z.string()]),
    })
    .strict(),
  z.object({ ...at, action: z.literal("vip-move"), vip: id, to: id }).strict(),
  z.object({ ...at, action: z.literal("client-retarget"), client: id, target: clientTargetSchema }).strict(),
  z.object({ ...at, action: z.literal("add-box"), box: boxSchema }).strict(),
  z.object({ ...at, action: z.literal("remove-box"), target }).strict(),
]);
export type Action = z.infer<typeof actionSchema>;
export type ActionKind = Action["action"];

/** How often an expectation must hold over the seeds the test runs: all by default. */
const share = z
  .object({ min: z.number().min(0).max(1), max: z.number().min(0).max(1).default(1) })
  .strict()
  .refine((s) => s.min <= s.max, "share.min ≤ share.max");

const expectBase = { share: share.optional(), note: z.string().optional() };

export const expectationSchema = z.discriminatedUnion("kind", [
  z.object({ ...expectBase, kind: z.literal("final-master"), group: id, oneOf: z.array(id).min(1) }).strict(),
  z
    .object({
      ...expectBase,
      kind: z.literal("failover"),
      group: id,
      /** Number of configuration switches (a +switch-master seen by a majority of Sentinels counts once). */
      count: range.optional(),
      /** Time of the first switch, from the leader's +switch-master (or the first observer's). */
      firstAtMs: range.optional(),
      promoted: z.array(id).optional(),
      epoch: range.optional(),
    })
    .strict(),
  z
    .object({
      ...expectBase,
      kind: z.literal("split-brain"),
      group: id,
      occurs: z.boolean(),
      durationMs: range.optional(),
    })
    .strict(),
  z
    .object({
      ...expectBase,
      kind: z.literal("lost-writes"),
      client: id.optional(),
      count: range,
      /** Acknowledgement times of the lost writes must fall inside [fromMs.lo.., ..toMs.hi]. */
      firstAckMs: range.optional(),
      lastAckMs: range.optional(),
    })
    .strict(),
  z
    .object({
      ...expectBase,
      kind: z.literal("refused-writes"),
      client: id.optional(),
      error: z.enum(["NOREPLICAS", "READONLY", "LOADING", "MASTERDOWN", "CONNECTION", "NOMASTER", "any"]),
      occurs: z.boolean(),
      firstAtMs: range.optional(),
      count: range.optional(),
    })
    .strict(),
  z
    .object({
      ...expectBase,
      kind: z.literal("event"),
      name: z.string().min(1),
      process: id.optional(),
      /** Only events about this instance (the replica of a +fix-slave-config, the new master of a +switch-master). */
      subject: id.optional(),
      occurs: z.boolean(),
      count: range.optional(),
      firstAtMs: range.optional(),
    })
    .strict(),
  z
    .object({
      ...expectBase,
      kind: z.literal("unavailable"),
      client: id,
      /** Longest stretch without an acknowledged write, after the client's first acknowledged write. */
      longestMs: range,
    })
    .strict(),
]);
export type Expectation = z.infer<typeof expectationSchema>;

export const scenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(SCENARIO_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lower-case letters, digits and '-'"),
    title: z.string().min(1).max(120),
    description: z.string().max(4000).default(""),
    catalog: z.string().max(16).optional(),
    tags: z.array(z.string().max(30)).default([]),
    seed: z.number().int().min(0).max(0xffffffff),
    durationMs: z
      .number()
      .int()
      .min(1000)
      .max(24 * 3600 * 1000)
      .default(120000),
    /**
     * warm: at t = 0 replicas are in sync and Sentinels already know each other and the replicas, as in a
     * deployment that has been running; cold: everything boots at t = 0 and discovers the rest.
     */
    start: z.enum(["warm", "cold"]).default("warm"),
    network: networkSchema.default(networkSchema.parse({})),
    groups: z.array(groupSchema).min(1, "at least one replication group"),
    boxes: z.array(boxSchema).min(1, "at least one box"),
    vips: z.array(z.object({ id, redis: id }).strict()).default([]),
    timeline: z.array(actionSchema).default([]),
    /** Hypothetical behavior that real Sentinel does not have, for teaching (scenario A1c). */
    whatIf: z
      .object({ failoverWithoutMajority: z.boolean().default(false) })
      .strict()
      .optional(),
    expect: z.array(expectationSchema).default([]),
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
