// The Trace: the model's only output, plain serializable data (architecture.md "The trace").

export type ProcessKind = "redis" | "sentinel" | "client";

export interface ProcessInfo {
  id: string;
  kind: ProcessKind;
  box: string;
  ip: string;
  port: number;
  /** Replication group of a Redis or a client. */
  group?: string;
  /** Sentinel's myid, as it appears in hello messages and votes. */
  runid?: string;
  /** Time the process first existed (boxes added by the timeline start later). */
  bornMs: number;
}

export type EventLevel = "W" | "N" | "V";

export interface TraceEvent {
  tMs: number;
  /** Emitting process id. */
  process: string;
  /** Sentinel log name (`+sdown`, `+switch-master`, …) or a Redis/client event name. */
  name: string;
  level: EventLevel;
  /** The rest of the log line, in Sentinel's own format (details, `#quorum 2/2`, …). */
  text: string;
  group?: string;
  /** The instance the event is about (a process id), when it is one of ours. */
  subject?: string;
  epoch?: number;
}

export type OpType = "invoke" | "ok" | "fail" | "info";

/** Jepsen/Maelstrom style history entry; invokes are paired with exactly one completion. */
export interface Op {
  index: number;
  type: OpType;
  f: "write";
  value: string;
  process: string;
  timeMs: number;
  /** Redis process the write was sent to (completion entries), if any. */
  node?: string;
  /** NOREPLICAS, READONLY, LOADING, MASTERDOWN, CONNECTION, NOMASTER, TIMEOUT. */
  error?: string;
}

export interface RedisSnap {
  tMs: number;
  alive: boolean;
  paused: boolean;
  role: "master" | "replica";
  master: string | null;
  linkUp: boolean;
  replid: string;
  offset: number;
  /** A master that would accept a write now (min-replicas satisfied); false for replicas. */
  accepting: boolean;
  goodReplicas: number;
  loading: boolean;
}

export interface SentinelGroupView {
  /** Address this Sentinel believes is the master, and the process at it (null if unknown). */
  masterAddr: string;
  master: string | null;
  configEpoch: number;
  flags: string[];
  failoverState: string;
  leader: string | null;
  leaderEpoch: number;
  knownSentinels: number;
  knownReplicas: number;
}

export interface SentinelSnap {
  tMs: number;
  alive: boolean;
  paused: boolean;
  tilt: boolean;
  currentEpoch: number;
  groups: Record<string, SentinelGroupView>;
  /** Peer Sentinel ids whose links are connected and answering. */
  reachablePeers: string[];
}

export interface ClientSnap {
  tMs: number;
  alive: boolean;
  /** Redis process the client is writing to, or null while it resolves or waits. */
  target: string | null;
  state: "resolving" | "connecting" | "connected" | "waiting" | "down";
}

export interface NetCut {
  from: string;
  to: string;
  kind: "drop" | "reject";
}

export interface NetSnap {
  tMs: number;
  /** Directed box pairs that cannot talk, and boxes that are down. */
  cuts: NetCut[];
  downBoxes: string[];
}

export interface AppliedAction {
  tMs: number;
  index: number;
  action: string;
  summary: string;
}

export interface LostWrite {
  index: number;
  value: string;
  process: string;
  /** Redis that acknowledged it. */
  node: string;
  ackMs: number;
}

export interface GroupOutcome {
  group: string;
  /** The master of the configuration with the highest epoch that Sentinels hold at the end. */
  finalMaster: string | null;
  /** Values held by that master at the end. */
  finalValues: string[];
}

export type EndReason = "duration" | "event-limit";

export interface Trace {
  scenarioId: string;
  seed: number;
  endMs: number;
  endReason: EndReason;
  eventsProcessed: number;
  processes: ProcessInfo[];
  events: TraceEvent[];
  history: Op[];
  actions: AppliedAction[];
  timelines: {
    redis: Record<string, RedisSnap[]>;
    sentinel: Record<string, SentinelSnap[]>;
    client: Record<string, ClientSnap[]>;
    net: NetSnap[];
  };
  groups: GroupOutcome[];
}
