// Messages between the harness (host side) and its workers (inside the namespace): one JSON object a line.

export interface Endpoint {
  host: string;
  port: number;
}

export type WorkerTarget =
  | { via: "sentinel"; sentinels: Endpoint[]; name: string; subscribe: boolean }
  | { via: "fixed"; host: string; port: number };

export interface ClientArgs {
  id: string;
  /** Source address of every connection: the client's box. */
  localAddress: string;
  target: WorkerTarget;
  key: string;
  rateHz: number;
  timeoutMs: number;
  /** First sequence number (a restarted client goes on where it stopped). */
  seqStart: number;
  /** Hard cap on writes, so the loop is bounded even if the harness never says stop. */
  maxOps: number;
  /** Exit by itself after this long (ms), whatever happens. */
  lifetimeMs: number;
  /**
   * Open no connection before the `start` request. The harness starts the worker of a client that an
   * add-box or a restart brings ahead of time (a Node worker takes about a second to start), and the client
   * connects only when its box comes up, as the model's does.
   */
  connectOnStart?: boolean;
}

export type ClientRequest =
  | { op: "start"; firstWriteAt: number; seqStart?: number }
  | { op: "stop" }
  | { op: "reconnect" }
  | { op: "retarget"; target: WorkerTarget };

export type ClientRecord =
  | { t: "ready" }
  | { t: "op"; type: "invoke" | "ok" | "fail" | "info"; value: string; at: number; node?: string; error?: string }
  | { t: "log"; at: number; msg: string }
  | { t: "done"; lastSeq: number };

export interface ControlArgs {
  sentinels: { id: string; host: string; port: number }[];
  lifetimeMs: number;
}

export type ControlRequest =
  | { id: number; op: "call"; host: string; port: number; args: (string | number)[]; timeoutMs: number }
  | { id: number; op: "subscribe"; sentinel: string; host: string; port: number }
  | { id: number; op: "exit" };

export type ControlRecord =
  | { t: "ready" }
  | { t: "event"; sentinel: string; channel: string; payload: string; at: number }
  | { t: "reply"; id: number; ok: true; value: unknown }
  | { t: "reply"; id: number; ok: false; error: string }
  | { t: "log"; at: number; msg: string };

/** Error reply → its code word (NOREPLICAS, READONLY, LOADING, MASTERDOWN, …). */
function replyCode(message: string): string {
  return /^([A-Z][A-Z_]+)\b/.exec(message)?.[1] ?? "ERR";
}

/**
 * ok / fail / info for a failed SADD. A reply error is a known refusal (fail). A command that was never
 * written because the connection was not up is a known non-write (fail CONNECTION). A timeout, or a
 * connection that broke while the command was on it, leaves the outcome unknown (info): semantics §1.0.
 */
export function classify(err: Error, sent: boolean): { type: "fail" | "info"; error: string } {
  const msg = err.message ?? String(err);
  if (err.name === "ReplyError") return { type: "fail", error: replyCode(msg) };
  if (!sent) return { type: "fail", error: "CONNECTION" };
  return { type: "info", error: /Command timed out/i.test(msg) ? "TIMEOUT" : "CONNECTION" };
}
