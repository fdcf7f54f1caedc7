import type { EventLevel, TraceEvent } from "../src/model/trace";

// Turning what real Sentinels publish into the trace's TraceEvent (semantics §14).

/** Level of each Sentinel event (§14: W = warning, N = notice, V = verbose); pub/sub does not carry it. */
export const EVENT_LEVELS: Readonly<Record<string, EventLevel>> = {
  "+monitor": "W",
  "-monitor": "W",
  "+reset-master": "W",
  "+slave": "N",
  "+sentinel": "N",
  "+sentinel-address-switch": "N",
  "+sentinel-invalid-addr": "N",
  "+sentinel-address-update": "N",
  "+reboot": "N",
  "+role-change": "V",
  "-role-change": "V",
  "+sdown": "W",
  "-sdown": "W",
  "+odown": "W",
  "-odown": "W",
  "+new-epoch": "W",
  "+try-failover": "W",
  "+vote-for-leader": "W",
  "+elected-leader": "W",
  "+failover-state-select-slave": "W",
  "-failover-abort-not-elected": "W",
  "-failover-abort-no-good-slave": "W",
  "+selected-slave": "W",
  "+failover-state-send-slaveof-noone": "N",
  "+failover-state-wait-promotion": "N",
  "-failover-abort-slave-timeout": "W",
  "+promoted-slave": "W",
  "+failover-state-reconf-slaves": "W",
  "+slave-reconf-sent": "N",
  "+slave-reconf-inprog": "N",
  "+slave-reconf-done": "N",
  "-slave-reconf-sent-timeout": "N",
  "+slave-reconf-sent-be": "N",
  "+failover-end-for-timeout": "W",
  "+failover-end": "W",
  "+switch-master": "W",
  "+config-update-from": "W",
  "+convert-to-slave": "N",
  "+fix-slave-config": "N",
  "+tilt": "W",
  "-tilt": "W",
  "+set": "W",
};

export interface AddressBook {
  /** "ip:port" → process id. */
  byAddress: ReadonlyMap<string, string>;
  /** Sentinel runid → process id. */
  byRunid: ReadonlyMap<string, string>;
}

/**
 * One pub/sub message of a Sentinel as a TraceEvent. Payloads follow §14: "details" are
 * `<type> <name> <ip> <port> [@ <master-name> <master-ip> <master-port>]`; `+switch-master` is
 * `<name> <old-ip> <old-port> <new-ip> <new-port>`.
 */
export function sentinelEvent(
  sentinelId: string,
  channel: string,
  payload: string,
  tMs: number,
  book: AddressBook,
): TraceEvent {
  const ev: TraceEvent = {
    tMs,
    process: sentinelId,
    name: channel,
    level: EVENT_LEVELS[channel] ?? "N",
    text: payload,
  };
  const w = payload.split(" ");
  const addr = (ip: string | undefined, port: string | undefined) =>
    ip && port ? book.byAddress.get(`${ip}:${port}`) : undefined;
  if (channel === "+switch-master") {
    ev.group = w[0];
    ev.subject = addr(w[3], w[4]);
  } else if (channel === "+new-epoch") {
    ev.epoch = Number(w[0]);
  } else if (channel === "+vote-for-leader") {
    ev.subject = book.byRunid.get(w[0] ?? "");
    ev.epoch = Number(w[1]);
  } else if (["master", "slave", "sentinel"].includes(w[0] ?? "")) {
    const at = w.indexOf("@");
    ev.group = at >= 0 ? w[at + 1] : w[0] === "master" ? w[1] : undefined;
    ev.subject = w[0] === "sentinel" ? (book.byRunid.get(w[1] ?? "") ?? addr(w[2], w[3])) : addr(w[2], w[3]);
  }
  if (ev.subject === undefined) delete ev.subject;
  if (ev.group === undefined) delete ev.group;
  if (ev.epoch !== undefined && !Number.isFinite(ev.epoch)) delete ev.epoch;
  return ev;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LOG_LEVEL: Readonly<Record<string, EventLevel>> = { "#": "W", "*": "N", "-": "V" };

export interface LogEvent {
  /** Epoch ms (the log's local time, ms precision). */
  at: number;
  name: string;
  text: string;
  level: EventLevel;
}

/** Every timestamped line of a Sentinel log: its time (Redis writes local time, so it is read as local time), its
 * level mark and its message. */
function logLines(text: string): { at: number; mark: string; msg: string }[] {
  const re = /^\d+:X (\d{1,2}) (\w{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2})\.(\d{3}) ([#*-]) (.*)$/;
  const out: { at: number; mark: string; msg: string }[] = [];
  for (const line of text.split("\n")) {
    const m = re.exec(line.trim());
    if (!m) continue;
    const month = MONTHS.indexOf(m[2]!);
    if (month < 0) continue;
    const at = new Date(
      Number(m[3]),
      month,
      Number(m[1]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6]),
      Number(m[7]),
    ).getTime();
    out.push({ at, mark: m[8]!, msg: m[9]! });
  }
  return out;
}

/**
 * Event lines of a Sentinel log (`<pid>:X 25 Nov 2026 17:32:26.543 # +sdown master mymaster 127.0.1.1 6379`).
 * Other log lines are left out.
 */
export function parseSentinelLog(text: string): LogEvent[] {
  const out: LogEvent[] = [];
  for (const { at, mark, msg } of logLines(text)) {
    const m = /^([+-][a-z][\w-]*)(?: (.*))?$/.exec(msg);
    if (m) out.push({ at, name: m[1]!, text: m[2] ?? "", level: LOG_LEVEL[mark] ?? "N" });
  }
  return out;
}

/**
 * Merges a Sentinel's log into the events pub/sub delivered. Each log line is matched to a pub/sub event of the
 * same Sentinel, name and text within `windowMs`:
 * - a matched event takes the log's time and level: Sentinel writes the log line when the event happens, but
 *   publishes it only when its event loop gets back to its clients, after a sentinel.conf fsync for example
 *   (+failover-end and +switch-master reach pub/sub up to ~100 ms late on a busy disk);
 * - an unmatched log line (the observer reconnects to a restarted Sentinel only after its startup events, for
 *   example) comes back as a new TraceEvent in `missed`.
 * `pubsub` events are updated in place.
 */
export function mergeSentinelLog(
  sentinelId: string,
  log: readonly LogEvent[],
  pubsub: TraceEvent[],
  t0: number,
  book: AddressBook,
  windowMs = 2000,
): { missed: TraceEvent[]; retimed: number } {
  const mine = pubsub.filter((e) => e.process === sentinelId);
  const used = new Set<number>();
  const missed: TraceEvent[] = [];
  let retimed = 0;
  for (const l of log) {
    const tMs = l.at - t0;
    const i = mine.findIndex(
      (e, k) => !used.has(k) && e.name === l.name && e.text === l.text && Math.abs(e.tMs - tMs) <= windowMs,
    );
    if (i >= 0) {
      used.add(i);
      const e = mine[i]!;
      if (e.tMs !== tMs) retimed++;
      e.tMs = tMs;
      e.level = l.level;
    } else missed.push({ ...sentinelEvent(sentinelId, l.name, l.text, tMs, book), level: l.level });
  }
  return { missed, retimed };
}

/** Log events that pub/sub did not deliver (see mergeSentinelLog), leaving `pubsub` as it is. */
export function missedByPubsub(
  sentinelId: string,
  log: readonly LogEvent[],
  pubsub: readonly TraceEvent[],
  t0: number,
  book: AddressBook,
  windowMs = 2000,
): TraceEvent[] {
  const copy = pubsub.map((e) => ({ ...e }));
  return mergeSentinelLog(sentinelId, log, copy, t0, book, windowMs).missed;
}

/**
 * How long this Sentinel's sentinel.conf rewrites took (ms), from its log: a line that Sentinel writes just
 * before a rewrite (+slave and +sentinel are logged, then flushed; +new-epoch of a vote is logged, then the vote
 * is flushed) followed directly by "Sentinel new configuration saved on disk".
 */
export function sentinelFlushDurations(text: string): number[] {
  const lines = logLines(text);
  const out: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const cur = lines[i]!;
    if (cur.msg !== "Sentinel new configuration saved on disk") continue;
    // A longer gap is not one rewrite (the line before was not written just before it).
    if (/^(\+slave|\+sentinel|\+new-epoch) /.test(prev.msg) && cur.at - prev.at <= 200) out.push(cur.at - prev.at);
  }
  return out;
}

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
