import type { Hello, Payload, Reply, ReplyCb } from "../protocol";
import { resetMasterAndChangeAddress } from "./failover";
import { F, type Instance } from "./instance";
import type { Sentinel } from "./sentinel";

// Hello messages: discovery and configuration propagation (semantics §3, §9.1).

export const HELLO_CHANNEL = "__sentinel__:hello";

/** sentinelSendHello: published on masters and replicas, sent straight to peer Sentinels. */
export function sendHello(s: Sentinel, ri: Instance): void {
  if (ri.link.disconnected) return;
  const m = ri.flags & F.MASTER ? ri : ri.master;
  if (!m || !(m.flags & F.MASTER)) return;
  const master = s.masters.get(m.name);
  if (!master) return;
  const a = s.currentMasterAddress(master);
  // Nothing changes a message once sent: while the fields are the same, the last one goes again.
  let msg = ri.helloMsg;
  const h = msg?.cmd.payload;
  if (
    !msg ||
    !h ||
    h.ip !== s.box.ip ||
    h.port !== s.port ||
    h.runid !== s.myid ||
    h.currentEpoch !== s.currentEpoch ||
    h.masterName !== master.name ||
    h.masterIp !== a.ip ||
    h.masterPort !== a.port ||
    h.configEpoch !== master.configEpoch
  ) {
    const payload: Hello = {
      ip: s.box.ip,
      port: s.port,
      runid: s.myid,
      currentEpoch: s.currentEpoch,
      masterName: master.name,
      masterIp: a.ip,
      masterPort: a.port,
      configEpoch: master.configEpoch,
    };
    msg = {
      k: "cmd",
      cmd: { c: "PUBLISH", channel: HELLO_CHANNEL, payload },
      cb: ri.onPublished ?? publishedCallback(s, ri),
    };
    ri.helloMsg = msg;
  }
  s.send(ri, msg);
}

/** Made once per instance, not once per hello. */
function publishedCallback(s: Sentinel, ri: Instance): ReplyCb {
  const cb = (r: Reply) => {
    if (r.t !== "err") ri.lastPubTime = s.now();
  };
  ri.onPublished = cb;
  return cb;
}

/** sentinelForceHelloUpdateForMaster: hellos go out on the next tick. */
export function forceHelloUpdate(
  m: Instance & { replicas: Map<string, Instance>; sentinels: Map<string, Instance> },
): void {
  const back = 2000 + 1;
  m.lastPubTime -= back;
  for (const r of m.replicas.values()) r.lastPubTime -= back;
  for (const p of m.sentinels.values()) p.lastPubTime -= back;
}

/** sentinelProcessHelloMessage (§9.1). */
export function processHello(s: Sentinel, h: Payload): void {
  if (typeof h === "string") return;
  const { ip, port, runid, currentEpoch, masterIp, masterPort, configEpoch } = h;
  if (runid === s.myid) return;
  const master = s.masters.get(h.masterName);
  if (!master) return;
  const known = master.sentinels.get(runid);
  let si = known && known.ip === ip && known.port === port ? known : undefined;
  if (!si) {
    // A known runid at a new address, or a new runid at a known address: the stale entry goes (§3).
    let removed = false;
    const byRunid = master.sentinels.get(runid);
    if (byRunid) {
      s.releaseInstance(byRunid);
      master.sentinels.delete(runid);
      s.tablesChanged();
      removed = true;
      s.event(
        "+sentinel-address-switch",
        `master ${master.name} ${master.ip} ${master.port} ip ${ip} port ${port} for ${runid}`,
        master,
      );
    } else {
      // Another runid at this address: that Sentinel is gone (restarted without its config); forget it
      // in every master, or it would count as a voter forever (sentinelProcessHelloMessage).
      for (const p of master.sentinels.values())
        if (p.ip === ip && p.port === port && p.runid) {
          s.event("+sentinel-invalid-addr", s.detailsOf(p), master, p);
          s.forgetSentinel(p.runid);
        }
    }
    si = s.addSentinel(master, runid, ip, port);
    if (!removed) s.event("+sentinel", s.detailsOf(si), master, si);
    s.flushConfig();
  }
  if (currentEpoch > s.currentEpoch) s.setCurrentEpoch(currentEpoch, master);
  if (master.configEpoch < configEpoch) {
    s.rec.checkConfigEpoch(s, master.name, master.configEpoch, configEpoch);
    master.configEpoch = configEpoch;
    if (masterPort !== master.port || masterIp !== master.ip) {
      s.event("+config-update-from", s.detailsOf(si), master, si);
      s.event("+switch-master", `${master.name} ${master.ip} ${master.port} ${masterIp} ${masterPort}`, master);
      resetMasterAndChangeAddress(s, master, masterIp, masterPort);
    }
  }
  si.lastHelloTime = s.now();
}
