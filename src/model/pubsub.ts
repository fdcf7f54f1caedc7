import type { Conn, Proc } from "./network";
import type { Msg, Payload } from "./protocol";

/** Channel subscriptions of the connections to one server (a Redis, or a Sentinel's own event channels). */
export type Subscriptions = Map<Conn, Set<string>>;

export function subscribe(subs: Subscriptions, c: Conn, channel: string): void {
  let set = subs.get(c);
  if (!set) {
    set = new Set();
    subs.set(c, set);
  }
  set.add(channel);
}

export function publish(subs: Subscriptions, from: Proc, channel: string, payload: Payload): void {
  // One message for every subscriber: nothing changes a message once sent. Keys, not entries: V8 allocates
  // an array for each entry.
  let m: Msg | null = null;
  for (const c of subs.keys()) {
    if (!subs.get(c)!.has(channel)) continue;
    if (m === null) m = { k: "push", channel, payload };
    c.send(from, m);
  }
}
