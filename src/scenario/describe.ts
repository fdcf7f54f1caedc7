import type { Action } from "./schema";

// How a timeline action reads: on the timeline, in menus, and in the trace's log of applied actions.

/** `name` shows a box or process id as the reader knows it (the app uses box labels; the trace log, ids). */
export function describeAction(a: Action, name: (id: string) => string = (id) => id): string {
  switch (a.action) {
    case "partition":
      return `partition ${a.groups.map((g) => `{${g.map(name).join(", ")}}`).join(" | ")} | rest (${a.kind})`;
    case "cut":
      return `one-way cut ${name(a.from)} → ${name(a.to)} (${a.kind})`;
    case "heal":
      return a.id ? `heal ${a.id}` : "heal every partition and cut";
    case "crash":
    case "restart":
    case "pause":
    case "resume":
      return `${a.action} ${name(a.target)}`;
    case "clock-jump":
      return `clock jump ${a.deltaMs > 0 ? "+" : ""}${a.deltaMs} ms on ${a.target}`;
    case "replicaof":
      return `REPLICAOF ${a.master ?? "NO ONE"} on ${a.target}`;
    case "sentinel-failover":
      return `SENTINEL FAILOVER ${a.group} on ${a.sentinel}`;
    case "sentinel-reset":
      return `SENTINEL RESET ${a.pattern} on ${a.sentinel}`;
    case "sentinel-monitor":
      return `SENTINEL MONITOR ${a.group} ${a.master} ${a.quorum} on ${a.sentinel}`;
    case "sentinel-remove":
      return `SENTINEL REMOVE ${a.group} on ${a.sentinel}`;
    case "config-set":
      return `${a.group ? `SENTINEL SET ${a.group}` : "CONFIG SET"} ${a.option} ${a.value} on ${a.target}`;
    case "vip-move":
      return `move ${a.vip} to ${a.to}`;
    case "client-retarget": {
      const t = a.target;
      const to =
        t.via === "sentinel"
          ? `via Sentinels ${t.sentinels.join(", ")}`
          : t.via === "fixed"
            ? `to ${t.redis}`
            : `to ${t.vip}`;
      return `${a.client} now connects ${to}`;
    }
    case "add-box":
      return `add ${a.box.id} (${a.box.processes.map((p) => p.id).join(", ")})`;
    case "remove-box":
      return `remove ${a.target}`;
    default: {
      const never: never = a;
      return never;
    }
  }
}
