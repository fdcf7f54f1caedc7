import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../scenario/validate";
import { PONG } from "../protocol";
import { World } from "../world";
import { F } from "./instance";

// How a Sentinel reads its PING replies (sentinelPingReplyCallback).

describe("a PING reply", () => {
  it("clears a rebooted master's suspicion only when it is PONG, not -LOADING", () => {
    const v = parseScenarioText(
      readFileSync(new URL("../../../scenarios/a2a-three-boxes-master-isolated.json", import.meta.url), "utf8"),
    );
    if (!v.ok) throw new Error(v.problems.join("; "));
    const w = new World(v.scenario, v.scenario.seed);
    for (const p of w.startOrder()) w.startProcess(p, true);
    w.sim.run(3000, 1e9);
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
