import { checkConfigSet, checkSentinelSet } from "../scenario/configSet";
import { describeAction } from "../scenario/describe";
import type { Action } from "../scenario/schema";
import type { Proc } from "./network";
import { RedisServer } from "./redis";
import { selectSlave, startFailover } from "./sentinel/failover";
import { F } from "./sentinel/instance";
import { Sentinel } from "./sentinel/sentinel";
import type { World } from "./world";

// Faults and operator actions on the timeline, applied at their time.

function targets(w: World, id: string): Proc[] {
  const box = w.boxes.get(id);
  if (box) return box.procs;
  const p = w.procs.get(id);
  return p ? [p] : [];
}

export function applyAction(w: World, a: Action, index: number): void {
  w.rec.action(index, a.action, describeAction(a));
  apply(w, a, index);
  for (const s of w.sentinels.values()) {
    s.stateChanged();
    // A Sentinel command that rewrote the config blocked for the fsync, like any other event of its.
    if (s.alive) s.endEvent();
  }
}

function apply(w: World, a: Action, index: number): void {
  const boxIndex = (id: string) => w.boxes.get(id)!.index;
  switch (a.action) {
    case "partition": {
      const listed = new Set(a.groups.flat());
      const rest = [...w.boxes.keys()].filter((b) => !listed.has(b));
      const groups = rest.length ? [...a.groups, rest] : a.groups;
      const cuts: Array<{ from: number; to: number; kind: 1 | 2 }> = [];
      const kind = a.kind === "reject" ? 2 : 1;
      for (const g of groups)
        for (const h of groups)
          if (g !== h) for (const x of g) for (const y of h) cuts.push({ from: boxIndex(x), to: boxIndex(y), kind });
      w.faults.push({ id: a.id ?? `partition@${index}`, cuts });
      w.applyFaults();
      return;
    }
    case "cut":
      w.faults.push({
        id: a.id ?? `cut@${index}`,
        cuts: [{ from: boxIndex(a.from), to: boxIndex(a.to), kind: a.kind === "reject" ? 2 : 1 }],
      });
      w.applyFaults();
      return;
    case "heal":
      if (a.id) {
        const i = w.faults.findIndex((f) => f.id === a.id);
        if (i >= 0) w.faults.splice(i, 1);
      } else w.faults.length = 0;
      w.applyFaults();
      return;
    case "crash":
    case "remove-box": {
      const box = w.boxes.get(a.target);
      if (box) {
        box.up = false;
        for (const p of box.procs) w.killProcess(p, true);
        w.applyFaults();
      } else for (const p of targets(w, a.target)) w.killProcess(p, false);
      return;
    }
    case "restart": {
      const box = w.boxes.get(a.target);
      if (box && !box.up) {
        box.up = true;
        w.applyFaults();
        w.net.reviveStalled();
      }
      for (const p of targets(w, a.target)) if (!p.alive) w.startProcess(p, false);
      return;
    }
    case "add-box": {
      const box = w.boxes.get(a.box.id)!;
      w.pendingBoxes.delete(box.id);
      box.up = true;
      w.applyFaults();
      for (const p of box.procs) w.startProcess(p, true);
      return;
    }
    case "pause":
      for (const p of targets(w, a.target)) w.pause(p);
      return;
    case "resume":
      for (const p of targets(w, a.target)) w.resume(p);
      return;
    case "clock-jump":
      for (const p of targets(w, a.target)) p.clockOffsetMs += a.deltaMs;
      return;
    case "replicaof": {
      const r = w.redis.get(a.target);
      if (!r?.alive) return;
      if (a.master === null) {
        r.replicaofNoOne();
        r.confMaster = null;
        w.promotedAt.set(r.id, w.sim.nowMs);
      } else {
        const m = w.redis.get(a.master)!;
        r.replicaof(m.box.ip, m.port);
        r.confMaster = { host: m.box.ip, port: m.port };
      }
      return;
    }
    case "sentinel-failover": {
      const s = w.sentinels.get(a.sentinel);
      const m = s?.masters.get(a.group);
      if (!s?.alive || !m) return;
      if (m.flags & F.FAILOVER_IN_PROGRESS) return w.rec.note(s, "-INPROG Failover already in progress", a.group);
      if (!selectSlave(s, m)) return w.rec.note(s, "-NOGOODSLAVE No suitable replica to promote", a.group);
      startFailover(s, m);
      m.flags |= F.FORCE_FAILOVER;
      return;
    }
    case "sentinel-reset": {
      const s = w.sentinels.get(a.sentinel);
      if (s?.alive) s.reset(a.pattern);
      return;
    }
    case "sentinel-monitor": {
      const s = w.sentinels.get(a.sentinel);
      const r = w.redis.get(a.master);
      if (!s?.alive || !r || s.masters.has(a.group)) return;
      s.monitor(a.group, r.box.ip, r.port, { ...w.sentinelConfig(a.group), quorum: a.quorum });
      return;
    }
    case "sentinel-remove": {
      const s = w.sentinels.get(a.sentinel);
      if (s?.alive) s.removeMaster(a.group);
      return;
    }
    case "config-set":
      return configSet(w, a);
    case "vip-move":
      w.vips.set(a.vip, a.to);
      // The address now answers from another host: connections to the old one break, clients reconnect.
      for (const c of w.clients.values())
        if (c.alive && c.target.via === "vip" && c.target.vip === a.vip) c.retarget(c.target);
      return;
    case "client-retarget": {
      const c = w.clients.get(a.client);
      if (c?.alive) c.retarget(a.target);
      return;
    }
    default: {
      const never: never = a;
      return never;
    }
  }
}

function configSet(w: World, a: Extract<Action, { action: "config-set" }>): void {
  for (const p of targets(w, a.target)) {
    if (p instanceof RedisServer && !a.group) {
      // CONFIG SET of an option Redis would refuse leaves the config as it was.
      const set = checkConfigSet(a.option, a.value);
      if (!set.ok) continue;
      Object.assign(p.cfg, set.cfg);
      p.refreshGoodReplicas();
      p.snap();
    } else if (p instanceof Sentinel && a.group) {
      const m = p.masters.get(a.group);
      const set = checkSentinelSet(a.option, a.value);
      if (!m || !set.ok) continue;
      const v = set.value;
      if (set.option === "quorum") m.quorum = v;
      else if (set.option === "down-after-milliseconds") m.downAfterMs = v;
      else if (set.option === "failover-timeout") m.failoverTimeoutMs = v;
      else if (set.option === "parallel-syncs") m.parallelSyncs = v;
      else m.rebootDownAfterMs = v;
      p.event("+set", `master ${m.name} ${m.ip} ${m.port} ${a.option} ${v}`, m);
      p.flushConfig();
    }
  }
}
