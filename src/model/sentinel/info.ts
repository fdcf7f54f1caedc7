import type { Info } from "../protocol";
import { sendSlaveOf } from "./failover";
import { forceHelloUpdate } from "./hello";
import { F, FailoverState, type Instance, type MasterInstance } from "./instance";
import { INFO_PERIOD, PUBLISH_PERIOD, type Sentinel } from "./sentinel";

// sentinelRefreshInstanceInfo: record what INFO says, then act on it unless in TILT (semantics §9.3).

function noDownFor(ri: Instance, ms: number, now: number): boolean {
  const mostRecent = Math.max(ri.sDownSinceTime, ri.oDownSinceTime);
  return mostRecent === 0 || now - mostRecent > ms;
}

function masterLooksSane(m: MasterInstance, now: number): boolean {
  return (
    (m.flags & F.MASTER) !== 0 &&
    m.roleReported === F.MASTER &&
    (m.flags & (F.S_DOWN | F.O_DOWN)) === 0 &&
    now - m.infoRefresh < INFO_PERIOD * 2
  );
}

export function refreshInstanceInfo(s: Sentinel, ri: Instance, info: Info): void {
  const now = s.now();
  const m: MasterInstance = ri.flags & F.MASTER ? (ri as MasterInstance) : ri.master!;
  if (!s.masters.has(m.name) || s.masters.get(m.name) !== m) return;
  if (ri.flags & F.SLAVE && m.replicas.get(ri.name) !== ri) return;
  if (ri.runid !== info.runid) {
    if (ri.runid !== null) {
      s.event("+reboot", s.detailsOf(ri), m, ri);
      if (ri.flags & F.MASTER && m.rebootDownAfterMs) {
        ri.flags |= F.MASTER_REBOOT;
        ri.masterRebootSinceTime = now;
      }
    }
    ri.runid = info.runid;
  }
  // Each new replica is written to sentinel.conf as it is found, one fsync each.
  if (ri.flags & F.MASTER) for (const r of info.replicas) if (s.addReplica(m, r.ip, r.port, true)) s.flushConfig();
  ri.masterLinkDownTime = info.masterLinkDownSinceS === null ? 0 : info.masterLinkDownSinceS * 1000;
  const role = info.role === "master" ? F.MASTER : F.SLAVE;
  if (role === F.SLAVE) {
    if (ri.slaveMasterHost !== info.masterHost || ri.slaveMasterPort !== info.masterPort) {
      ri.slaveMasterHost = info.masterHost;
      ri.slaveMasterPort = info.masterPort;
      ri.slaveConfChangeTime = now;
    }
    ri.slaveMasterLinkUp = info.masterLinkUp;
    ri.slavePriority = info.slavePriority;
    ri.slaveReplOffset = info.slaveReplOffset;
  }
  ri.infoRefresh = now;
  if (role !== ri.roleReported) {
    ri.roleReportedTime = now;
    ri.roleReported = role;
    if (role === F.SLAVE) ri.slaveConfChangeTime = now;
    const agrees = (ri.flags & (F.MASTER | F.SLAVE)) === role;
    s.event(agrees ? "+role-change" : "-role-change", `${s.detailsOf(ri)} new reported role is ${info.role}`, m, ri);
  }
  if (s.tilt) return;

  // A replica entry reporting master: either our promotion succeeded, or it must be converted back.
  if (ri.flags & F.SLAVE && role === F.MASTER) {
    if (ri.flags & F.PROMOTED && m.flags & F.FAILOVER_IN_PROGRESS && m.failoverState === FailoverState.WAIT_PROMOTION) {
      s.rec.checkConfigEpoch(s, m.name, m.configEpoch, m.failoverEpoch);
      m.configEpoch = m.failoverEpoch;
      m.failoverState = FailoverState.RECONF_SLAVES;
      m.failoverStateChangeTime = now;
      s.flushConfig();
      s.event("+promoted-slave", s.detailsOf(ri), m, ri);
      s.event("+failover-state-reconf-slaves", s.detailsOf(m), m, m);
      forceHelloUpdate(m);
    } else {
      const wait = PUBLISH_PERIOD * 4;
      if (
        !(ri.flags & F.PROMOTED) &&
        masterLooksSane(m, now) &&
        noDownFor(ri, wait, now) &&
        now - ri.roleReportedTime > wait
      ) {
        if (sendSlaveOf(s, ri, m)) s.event("+convert-to-slave", s.detailsOf(ri), m, ri);
      }
    }
  }

  // A replica following the wrong master is fixed, but only after failover-timeout (§9.3 b).
  if (ri.flags & F.SLAVE && role === F.SLAVE && (ri.slaveMasterPort !== m.port || ri.slaveMasterHost !== m.ip)) {
    const wait = m.failoverTimeoutMs;
    if (masterLooksSane(m, now) && noDownFor(ri, wait, now) && now - ri.slaveConfChangeTime > wait) {
      if (sendSlaveOf(s, ri, m)) s.event("+fix-slave-config", s.detailsOf(ri), m, ri);
    }
  }

  // Progress of a replica being reconfigured during RECONF_SLAVES.
  if (ri.flags & F.SLAVE && role === F.SLAVE && ri.flags & (F.RECONF_SENT | F.RECONF_INPROG)) {
    const p = m.promoted;
    if (ri.flags & F.RECONF_SENT && p && ri.slaveMasterHost === p.ip && ri.slaveMasterPort === p.port) {
      ri.flags &= ~F.RECONF_SENT;
      ri.flags |= F.RECONF_INPROG;
      s.event("+slave-reconf-inprog", s.detailsOf(ri), m, ri);
    }
    if (ri.flags & F.RECONF_INPROG && ri.slaveMasterLinkUp) {
      ri.flags &= ~F.RECONF_INPROG;
      ri.flags |= F.RECONF_DONE;
      s.event("+slave-reconf-done", s.detailsOf(ri), m, ri);
    }
  }
  s.snap();
}
