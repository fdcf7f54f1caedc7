import type { ClientSnap, NetSnap, RedisSnap, SentinelSnap, Trace } from "../model/trace";

/** Index of the last element with tMs ≤ t, or -1: a binary search, never a replay. */
export function lastAtOrBefore<T extends { tMs: number }>(list: readonly T[], t: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.tMs <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function snapAt<T extends { tMs: number }>(list: readonly T[] | undefined, t: number): T | null {
  if (!list) return null;
  const i = lastAtOrBefore(list, t);
  return i < 0 ? null : list[i]!;
}

export interface WorldState {
  tMs: number;
  redis: Record<string, RedisSnap | null>;
  sentinel: Record<string, SentinelSnap | null>;
  client: Record<string, ClientSnap | null>;
  net: NetSnap | null;
}

export function stateAt(trace: Trace, t: number): WorldState {
  const redis: Record<string, RedisSnap | null> = {};
  const sentinel: Record<string, SentinelSnap | null> = {};
  const client: Record<string, ClientSnap | null> = {};
  for (const p of trace.processes) {
    if (p.kind === "redis") redis[p.id] = snapAt(trace.timelines.redis[p.id], t);
    else if (p.kind === "sentinel") sentinel[p.id] = snapAt(trace.timelines.sentinel[p.id], t);
    else client[p.id] = snapAt(trace.timelines.client[p.id], t);
  }
  return { tMs: t, redis, sentinel, client, net: snapAt(trace.timelines.net, t) };
}
