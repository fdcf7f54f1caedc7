import type { NetCut } from "../src/model/trace";
import type { Action } from "../src/scenario/schema";

// The harness's network, as pure data: addresses inside its namespace and the iptables rules that
// implement the scenario's partitions (semantics §1.0). Nothing here runs a command.

/** Box i gets 127.0.1.(i+1); virtual IP k gets 127.0.2.(k+1). The harness's own observer uses 127.0.0.1. */
export const MAX_BOXES = 254;

export function boxAddress(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_BOXES)
    throw new Error(`box index ${index} out of range (the harness supports ${MAX_BOXES} boxes)`);
  return assertLoopback(`127.0.1.${index + 1}`);
}

export function vipAddress(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_BOXES) throw new Error(`vip index ${index} out of range`);
  return assertLoopback(`127.0.2.${index + 1}`);
}

/** The harness never puts an address outside 127.0.0.0/8 in a config, a rule or a client: it throws instead. */
export function assertLoopback(ip: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (m?.[1] !== "127" || m.slice(2).some((o) => Number(o) > 255))
    throw new Error(`refusing address ${ip}: the conformance harness only uses 127.0.0.0/8`);
  return ip;
}

export const FILTER_CHAIN = "SLAB";
export const NAT_CHAIN = "SLABVIP";

/** Active network faults: partitions and cuts by key, and boxes that are down as a whole (crash / remove-box). */
export interface NetState {
  faults: ReadonlyMap<string, readonly NetCut[]>;
  downBoxes: ReadonlySet<string>;
}

export const emptyNet: NetState = { faults: new Map(), downBoxes: new Set() };

/** Directed cuts between every pair of boxes in different groups; unlisted boxes form one more group. */
export function partitionCuts(boxIds: readonly string[], groups: readonly (readonly string[])[], kind: NetCut["kind"]) {
  const listed = new Set(groups.flat());
  const rest = boxIds.filter((b) => !listed.has(b));
  const all = rest.length ? [...groups, rest] : [...groups];
  const cuts: NetCut[] = [];
  for (const [i, ga] of all.entries())
    for (const [j, gb] of all.entries()) {
      if (i === j) continue;
      for (const from of ga) for (const to of gb) cuts.push({ from, to, kind });
    }
  return cuts;
}

/**
 * The network after one timeline action. `boxIds`: every box that exists at that time. A crashed box is gone
 * as a machine (drop, §1.0); a crashed process on a live box is not a network matter (its port refuses).
 */
export function applyToNet(net: NetState, a: Action, index: number, boxIds: readonly string[]): NetState {
  const faults = new Map(net.faults);
  const downBoxes = new Set(net.downBoxes);
  switch (a.action) {
    case "partition":
      faults.set(a.id ?? `#${index}`, partitionCuts(boxIds, a.groups, a.kind));
      break;
    case "cut":
      faults.set(a.id ?? `#${index}`, [{ from: a.from, to: a.to, kind: a.kind }]);
      break;
    case "heal":
      if (a.id === undefined) faults.clear();
      else faults.delete(a.id);
      break;
    case "crash":
    case "remove-box":
      if (boxIds.includes(a.target)) downBoxes.add(a.target);
      break;
    case "restart":
      downBoxes.delete(a.target);
      break;
    default:
      return net;
  }
  return { faults, downBoxes };
}

/** Every directed cut in force, drop first when two faults cut the same pair differently. */
export function activeCuts(net: NetState, boxIds: readonly string[]): NetCut[] {
  const byPair = new Map<string, NetCut>();
  const add = (c: NetCut) => {
    const k = `${c.from}>${c.to}`;
    const cur = byPair.get(k);
    if (!cur || (cur.kind === "reject" && c.kind === "drop")) byPair.set(k, c);
  };
  for (const cuts of net.faults.values()) for (const c of cuts) add(c);
  for (const b of net.downBoxes)
    for (const o of boxIds)
      if (o !== b) {
        add({ from: b, to: o, kind: "drop" });
        add({ from: o, to: b, kind: "drop" });
      }
  return [...byPair.values()].sort((x, y) =>
    x.from === y.from ? x.to.localeCompare(y.to) : x.from.localeCompare(y.from),
  );
}

/**
 * Rules of the filter chain (hooked from INPUT, which every packet on lo passes) for a set of cuts.
 * `reject` answers TCP with a reset and anything else with ICMP port-unreachable; the resets that REJECT sends
 * back are let through first, or a two-way reject would swallow its own resets and behave like drop.
 */
export function filterRules(cuts: readonly NetCut[], addressOf: (box: string) => string): string[] {
  const out: string[] = [];
  for (const c of cuts) {
    const s = assertLoopback(addressOf(c.from));
    const d = assertLoopback(addressOf(c.to));
    if (c.kind === "drop") out.push(`-A ${FILTER_CHAIN} -s ${s}/32 -d ${d}/32 -j DROP`);
    else
      out.push(
        `-A ${FILTER_CHAIN} -s ${s}/32 -d ${d}/32 -p tcp --tcp-flags RST RST -j ACCEPT`,
        `-A ${FILTER_CHAIN} -s ${s}/32 -d ${d}/32 -p tcp -j REJECT --reject-with tcp-reset`,
        `-A ${FILTER_CHAIN} -s ${s}/32 -d ${d}/32 -j REJECT --reject-with icmp-port-unreachable`,
      );
  }
  return out;
}

/** Input for `iptables-restore --noflush`: replaces the chain's rules in one atomic step. */
export function filterRestore(cuts: readonly NetCut[], addressOf: (box: string) => string): string {
  return ["*filter", `:${FILTER_CHAIN} - [0:0]`, ...filterRules(cuts, addressOf), "COMMIT", ""].join("\n");
}

export interface VipRoute {
  vip: string;
  vipAddress: string;
  vipPort: number;
  toIp: string;
  toPort: number;
}

/** NAT chain (hooked from nat OUTPUT): each virtual IP points at the Redis that currently holds it. */
export function natRestore(routes: readonly VipRoute[]): string {
  const rules = routes.map(
    (r) =>
      `-A ${NAT_CHAIN} -d ${assertLoopback(r.vipAddress)}/32 -p tcp --dport ${r.vipPort} -j DNAT --to-destination ${assertLoopback(r.toIp)}:${r.toPort}`,
  );
  return ["*nat", `:${NAT_CHAIN} - [0:0]`, ...rules, "COMMIT", ""].join("\n");
}
