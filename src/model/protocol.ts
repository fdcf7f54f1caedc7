// What travels on a connection. Messages never leave the model, so replies may carry the caller's callback.

/**
 * One entry of a replication stream: a client write (value) or a master's replication PING (value null). It is also
 * the message that carries it to a replica: one object, not a node and a message for each entry.
 */
export interface DataNode {
  readonly k: "stream";
  readonly value: string | null;
  readonly prev: DataNode | null;
  /** master_repl_offset after this entry. */
  readonly offset: number;
}

export interface ReplicaInfo {
  ip: string;
  port: number;
  state: "wait_bgsave" | "send_bulk" | "online";
  offset: number;
  lagS: number;
}

/** The INFO fields Sentinel reads (sentinelRefreshInstanceInfo). */
export interface Info {
  runid: string;
  role: "master" | "slave";
  masterHost: string | null;
  masterPort: number;
  masterLinkUp: boolean;
  /** master_link_down_since_seconds, present only while the link is down; -1 if never connected. */
  masterLinkDownSinceS: number | null;
  slaveReplOffset: number;
  slavePriority: number;
  replicas: ReplicaInfo[];
  masterReplOffset: number;
}

export type Reply =
  | { t: "ok" }
  | { t: "pong" }
  | { t: "err"; code: string }
  | { t: "info"; info: Info }
  | { t: "role"; role: "master" | "slave" }
  | { t: "down"; down: 0 | 1; leader: string; epoch: number }
  | { t: "addr"; ip: string; port: number }
  | { t: "nil" };

export type ReplyCb = (r: Reply) => void;

/** A Sentinel hello (§3): the eight comma-separated fields, kept parsed since every receiver reads them. */
export interface Hello {
  readonly ip: string;
  readonly port: number;
  readonly runid: string;
  readonly currentEpoch: number;
  readonly masterName: string;
  readonly masterIp: string;
  readonly masterPort: number;
  readonly configEpoch: number;
}

/** Pub/sub payloads: Sentinel event lines, or hellos. */
export type Payload = string | Hello;

export const PONG: Reply = { t: "pong" };
export const OK: Reply = { t: "ok" };
export const PING_CMD: Cmd = { c: "PING" };
export const INFO_CMD: Cmd = { c: "INFO" };

export type Cmd =
  | { c: "PING" }
  | { c: "INFO" }
  | { c: "ROLE" }
  | { c: "PUBLISH"; channel: string; payload: Payload }
  | { c: "SUBSCRIBE"; channel: string }
  /** Sentinel's MULTI / SLAVEOF / CONFIG REWRITE / CLIENT KILL normal+pubsub / EXEC, or an operator's REPLICAOF. */
  | { c: "SLAVEOF"; host: string | null; port: number; killClients: boolean }
  | { c: "WRITE"; value: string }
  | { c: "IS-MASTER-DOWN"; ip: string; port: number; epoch: number; runid: string }
  | { c: "GET-MASTER-ADDR"; name: string };

export type Msg =
  | { k: "fin" }
  | { k: "cmd"; cmd: Cmd; cb: ReplyCb | null }
  | { k: "reply"; r: Reply; cb: ReplyCb | null }
  | { k: "push"; channel: string; payload: Payload }
  | { k: "psync"; replid: string; offset: number; port: number }
  | { k: "continue"; replid: string; head: DataNode | null; offset: number }
  | { k: "fullresync"; replid: string; offset: number }
  | { k: "rdb"; replid: string; offset: number; head: DataNode | null }
  | DataNode
  /** A master's keep-alive to a replica waiting for its RDB: I/O for the replica, nothing in the stream. */
  | { k: "newline" }
  | { k: "ack"; offset: number };

/**
 * The one FIN: the network tells it by identity, since reading the kind of every message that arrives would be a
 * property load on a dozen object shapes (V8 then gives up on caching it).
 */
export const FIN: Msg = { k: "fin" };
export const NEWLINE: Msg = { k: "newline" };

export const WRITE_OVERHEAD_BYTES = 37;
export const REPL_PING_BYTES = 14;
