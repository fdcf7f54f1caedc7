import type { Conn, Proc } from "./network";
import type { Payload } from "./protocol";

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
  for (const [c, chans] of subs) if (chans.has(channel)) c.send(from, { k: "push", channel, payload });
}
