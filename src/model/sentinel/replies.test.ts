import { describe, expect, it } from "vitest";
import { shipped } from "../../sweep/testScenarios";
import { PONG } from "../protocol";
import { startWorld } from "../simulate";
import type { World } from "../world";
import { processHello } from "./hello";
import { F } from "./instance";

// How a Sentinel reads what its peers and instances send it: PING replies (sentinelPingReplyCallback) and hellos
// (sentinelProcessHelloMessage).

function example2At(ms: number): World {
  const example2 = shipped("a2a-three-boxes-master-isolated");
  const w = startWorld(example2, example2.seed);
  w.sim.run(ms, 1e9);
  return w;
}

describe("a PING reply", () => {
  it("clears a rebooted master's suspicion only when it is PONG, not -LOADING", () => {
    const w = example2At(3000);
    const m = w.sentinels.get("S1")!.masters.get("mymaster")!;
    const onPong = m.onPong!;
    m.flags |= F.MASTER_REBOOT;
    onPong({ t: "err", code: "LOADING" });
    // Alive, so no longer waiting for a reply, but still within master-reboot-down-after-period.
    expect(m.link.actPingTime).toBe(0);
    expect(m.flags & F.MASTER_REBOOT).toBe(F.MASTER_REBOOT);
    onPong(PONG);
    expect(m.flags & F.MASTER_REBOOT).toBe(0);
  });
});

describe("a hello", () => {
  it("from a new runid at a known peer's address replaces that peer, with one config write", () => {
    const w = example2At(3000);
    const s1 = w.sentinels.get("S1")!;
    const m = s1.masters.get("mymaster")!;
    const old = [...m.sentinels.values()].find(
      (p) => p.port === w.sentinels.get("S2")!.port && p.ip === w.sentinels.get("S2")!.box.ip,
    )!;
    s1.endEvent();
    const before = w.rec.events.length;
    processHello(s1, {
      ip: old.ip,
      port: old.port,
      runid: "f".repeat(40),
      currentEpoch: 0,
      masterName: "mymaster",
      masterIp: m.ip,
      masterPort: m.port,
      configEpoch: m.configEpoch,
    });
    expect(w.rec.events.slice(before).map((e) => e.name)).toEqual(["+sentinel-invalid-addr", "+sentinel"]);
    expect(m.sentinels.has(old.name)).toBe(false);
    expect(m.sentinels.has("f".repeat(40))).toBe(true);
    // removeMatchingSentinelFromMaster does not write the config; one write follows the new entry.
    expect(s1.endEvent()).toBe(w.scenario.network.configFsyncMs);
  });
});
