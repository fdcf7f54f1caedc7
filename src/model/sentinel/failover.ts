import { getLeader } from "./election";
import { F, FailoverState, type Instance, type MasterInstance } from "./instance";
import {
  ELECTION_TIMEOUT,
  INFO_PERIOD,
  MAX_DESYNC,
  PING_PERIOD,
  resetMaster,
  type Sentinel,
  SLAVE_RECONF_TIMEOUT,
} from "./sentinel";

// The failover state machine (semantics §6.4–§9.2).

/** sentinelStartFailoverIfNeeded (§6.4). */
export function startFailoverIfNeeded(s: Sentinel, m: MasterInstance): boolean {
  if (!(m.flags & F.O_DOWN)) return false;
  if (m.flags & F.FAILOVER_IN_PROGRESS) return false;
  if (s.now() - m.failoverStartTime < m.failoverTimeoutMs * 2) {
    if (m.failoverDelayLogged !== m.failoverStartTime) {
      m.failoverDelayLogged = m.failoverStartTime;
      s.rec.note(
        s,
        `Next failover delay: I will not start a failover before ${((m.failoverStartTime + m.failoverTimeoutMs * 2 - s.clockOffsetMs) / 1000).toFixed(1)} s`,
        m.name,
      );
    }
    return false;
  }
  startFailover(s, m);
  return true;
}

export function startFailover(s: Sentinel, m: MasterInstance): void {
  m.failoverState = FailoverState.WAIT_START;
  m.failoverStateChangeTime = s.now();
  m.flags |= F.FAILOVER_IN_PROGRESS;
  m.failoverEpoch = s.currentEpoch + 1;
  s.setCurrentEpoch(m.failoverEpoch, m, false);
  s.event("+try-failover", s.detailsOf(m), m, m);
  m.failoverStartTime = s.now() + s.rng.int(MAX_DESYNC);
  s.snap();
}

export function failoverStateMachine(s: Sentinel, m: MasterInstance): void {
  if (!(m.flags & F.FAILOVER_IN_PROGRESS)) return;
  switch (m.failoverState) {
    case FailoverState.WAIT_START:
      return waitStart(s, m);
    case FailoverState.SELECT_SLAVE:
      return selectSlaveState(s, m);
    case FailoverState.SEND_SLAVEOF_NOONE:
      return sendSlaveOfNoOne(s, m);
    case FailoverState.WAIT_PROMOTION:
      if (s.now() - m.failoverStateChangeTime > m.failoverTimeoutMs) {
        s.event("-failover-abort-slave-timeout", s.detailsOf(m), m, m);
        abortFailover(s, m);
      }
      return;
    case FailoverState.RECONF_SLAVES:
      return reconfNextSlave(s, m);
    default:
      return;
  }
}

function setState(s: Sentinel, m: MasterInstance, state: MasterInstance["failoverState"]): void {
  m.failoverState = state;
  m.failoverStateChangeTime = s.now();
  s.snap();
}

function waitStart(s: Sentinel, m: MasterInstance): void {
  const res = getLeader(s, m, m.failoverEpoch);
  const isLeader = res.winner !== null && res.winner === s.myid;
  if (!isLeader && !(m.flags & F.FORCE_FAILOVER)) {
    const electionTimeout = Math.min(ELECTION_TIMEOUT, m.failoverTimeoutMs);
    if (s.now() - m.failoverStartTime > electionTimeout) {
      s.rec.electionFailed(s, m.name, m.failoverEpoch, res.votes, res.needed, res.voters);
      s.event("-failover-abort-not-elected", s.detailsOf(m), m, m);
      abortFailover(s, m);
    }
    return;
  }
  if (!(m.flags & F.FORCE_FAILOVER)) s.rec.checkElected(s, m.name, m.failoverEpoch, res.needed);
  s.event("+elected-leader", s.detailsOf(m), m, m);
  setState(s, m, FailoverState.SELECT_SLAVE);
  s.event("+failover-state-select-slave", s.detailsOf(m), m, m);
}

/** sentinelSelectSlave (§8): exclusions, then priority, offset, runid. */
export function selectSlave(s: Sentinel, m: MasterInstance): Instance | null {
  const now = s.now();
  let maxMasterDownTime = m.downAfterMs * 10;
  if (m.flags & F.S_DOWN) maxMasterDownTime += now - m.sDownSinceTime;
  const infoValidity = m.flags & F.S_DOWN ? PING_PERIOD * 5 : INFO_PERIOD * 3;
  const candidates: Instance[] = [];
  for (const r of m.replicas.values()) {
    if (r.flags & (F.S_DOWN | F.O_DOWN)) continue;
    if (r.link.disconnected) continue;
    if (now - r.link.lastAvailTime > PING_PERIOD * 5) continue;
    if (r.slavePriority === 0) continue;
    if (now - r.infoRefresh > infoValidity) continue;
    if (r.masterLinkDownTime > maxMasterDownTime) continue;
    candidates.push(r);
  }
  candidates.sort((a, b) => {
    if (a.slavePriority !== b.slavePriority) return a.slavePriority - b.slavePriority;
    if (a.slaveReplOffset !== b.slaveReplOffset) return b.slaveReplOffset - a.slaveReplOffset;
    if (a.runid === null) return b.runid === null ? 0 : 1;
    if (b.runid === null) return -1;
    const ra = a.runid.toLowerCase();
    const rb = b.runid.toLowerCase();
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  });
  return candidates[0] ?? null;
}

function selectSlaveState(s: Sentinel, m: MasterInstance): void {
  const slave = selectSlave(s, m);
  if (!slave) {
    s.event("-failover-abort-no-good-slave", s.detailsOf(m), m, m);
    abortFailover(s, m);
    return;
  }
  s.event("+selected-slave", s.detailsOf(slave), m, slave);
  slave.flags |= F.PROMOTED;
  m.promoted = slave;
  setState(s, m, FailoverState.SEND_SLAVEOF_NOONE);
  s.event("+failover-state-send-slaveof-noone", s.detailsOf(slave), m, slave);
}

function sendSlaveOfNoOne(s: Sentinel, m: MasterInstance): void {
  const p = m.promoted!;
  if (p.link.disconnected) {
    if (s.now() - m.failoverStateChangeTime > m.failoverTimeoutMs) {
      s.event("-failover-abort-slave-timeout", s.detailsOf(m), m, m);
      abortFailover(s, m);
    }
    return;
  }
  if (!sendSlaveOf(s, p, null)) return;
  s.event("+failover-state-wait-promotion", s.detailsOf(p), m, p);
  setState(s, m, FailoverState.WAIT_PROMOTION);
}

/** The MULTI/SLAVEOF/CONFIG REWRITE/CLIENT KILL/EXEC transaction; replies are ignored (§7.3). */
export function sendSlaveOf(s: Sentinel, ri: Instance, to: { ip: string; port: number } | null): boolean {
  const ok = s.command(ri, { c: "SLAVEOF", host: to ? to.ip : null, port: to ? to.port : 0, killClients: true }, null);
  return ok;
}

function reconfNextSlave(s: Sentinel, m: MasterInstance): void {
  const now = s.now();
  let inProgress = 0;
  for (const r of m.replicas.values()) if (r.flags & (F.RECONF_SENT | F.RECONF_INPROG)) inProgress++;
  for (const r of s.inDictOrder(m.replicas.values())) {
    if (inProgress >= m.parallelSyncs) break;
    if (r.flags & (F.PROMOTED | F.RECONF_DONE)) continue;
    if (r.flags & F.RECONF_SENT && now - r.slaveReconfSentTime > SLAVE_RECONF_TIMEOUT) {
      s.event("-slave-reconf-sent-timeout", s.detailsOf(r), m, r);
      r.flags &= ~F.RECONF_SENT;
      r.flags |= F.RECONF_DONE;
    }
    if (r.flags & (F.RECONF_SENT | F.RECONF_INPROG)) continue;
    if (r.link.disconnected) continue;
    if (sendSlaveOf(s, r, m.promoted!)) {
      r.flags |= F.RECONF_SENT;
      r.slaveReconfSentTime = now;
      s.event("+slave-reconf-sent", s.detailsOf(r), m, r);
      inProgress++;
    }
  }
  detectEnd(s, m);
}

function detectEnd(s: Sentinel, m: MasterInstance): void {
  const p = m.promoted;
  if (!p || p.flags & F.S_DOWN) return;
  let notReconfigured = 0;
  let timeout = false;
  for (const r of m.replicas.values()) {
    if (r.flags & (F.PROMOTED | F.RECONF_DONE)) continue;
    if (r.flags & F.S_DOWN) continue;
    notReconfigured++;
  }
  if (s.now() - m.failoverStateChangeTime > m.failoverTimeoutMs) {
    notReconfigured = 0;
    timeout = true;
    s.event("+failover-end-for-timeout", s.detailsOf(m), m, m);
  }
  if (notReconfigured === 0) {
    s.event("+failover-end", s.detailsOf(m), m, m);
    setState(s, m, FailoverState.UPDATE_CONFIG);
  }
  if (timeout) {
    for (const r of s.inDictOrder(m.replicas.values())) {
      if (r.flags & (F.PROMOTED | F.RECONF_DONE | F.RECONF_SENT)) continue;
      if (r.link.disconnected) continue;
      if (sendSlaveOf(s, r, p)) {
        s.event("+slave-reconf-sent-be", s.detailsOf(r), m, r);
        r.flags |= F.RECONF_SENT;
      }
    }
  }
}

export function abortFailover(s: Sentinel, m: MasterInstance): void {
  m.flags &= ~(F.FAILOVER_IN_PROGRESS | F.FORCE_FAILOVER);
  m.failoverState = FailoverState.NONE;
  m.failoverStateChangeTime = s.now();
  if (m.promoted) {
    m.promoted.flags &= ~F.PROMOTED;
    m.promoted = null;
  }
  s.snap();
}

/** sentinelFailoverSwitchToPromotedSlave (§7.7). */
export function switchToPromoted(s: Sentinel, m: MasterInstance): void {
  const ref = m.promoted ?? m;
  s.event("+switch-master", `${m.name} ${m.ip} ${m.port} ${ref.ip} ${ref.port}`, m, ref);
  resetMasterAndChangeAddress(s, m, ref.ip, ref.port);
}

/** sentinelResetMasterAndChangeAddress: the old master is remembered as a replica of the new one (§9.2). */
export function resetMasterAndChangeAddress(s: Sentinel, m: MasterInstance, ip: string, port: number): void {
  const keep: Array<[string, number]> = [];
  for (const r of m.replicas.values()) if (!(r.ip === ip && r.port === port)) keep.push([r.ip, r.port]);
  if (!(m.ip === ip && m.port === port)) keep.push([m.ip, m.port]);
  resetMaster(s, m, false);
  m.ip = ip;
  m.port = port;
  m.oDownSinceTime = 0;
  m.sDownSinceTime = 0;
  for (const [rip, rport] of keep) s.addReplica(m, rip, rport, true);
  s.flushConfig();
}
