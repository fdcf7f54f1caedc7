import { describe, expect, it } from "vitest";
import type { Action } from "../scenario/schema";
import { shipped } from "../sweep/testScenarios";
import { startWorld } from "./simulate";
import type { World } from "./world";

// SENTINEL SET as sentinelSetCommand runs it: a value it accepts changes the group and logs +set, one it refuses
// (not a whole number, below the option's least value) changes nothing. The validator refuses such a timeline
// first; the model must not take one built without it.

function example2With(...timeline: Action[]): World {
  const s = { ...shipped("a2a-three-boxes-master-isolated"), timeline };
  const w = startWorld(s, s.seed);
  w.sim.run(2_000, 1e9);
  return w;
}

const sentinelSet = (option: string, value: number | string): Action => ({
  atMs: 1_000,
  action: "config-set",
  target: "S1",
  group: "mymaster",
  option,
  value,
});

const setEvents = (w: World) => w.rec.events.filter((e) => e.process === "S1" && e.name === "+set");

describe("SENTINEL SET on the timeline", () => {
  it("changes master-reboot-down-after-period, as it does the other options", () => {
    const w = example2With(sentinelSet("master-reboot-down-after-period", "4000"), sentinelSet("quorum", 1));
    const m = w.sentinels.get("S1")!.masters.get("mymaster")!;
    expect(m.rebootDownAfterMs).toBe(4000);
    expect(m.quorum).toBe(1);
    expect(setEvents(w).map((e) => e.text)).toEqual([
      expect.stringMatching(/master-reboot-down-after-period 4000$/),
      expect.stringMatching(/quorum 1$/),
    ]);
  });

  it("refuses a value Redis refuses and leaves the group as it was", () => {
    const w = example2With(
      sentinelSet("down-after-milliseconds", 1500.5),
      sentinelSet("quorum", "two"),
      sentinelSet("parallel-syncs", 0),
    );
    const m = w.sentinels.get("S1")!.masters.get("mymaster")!;
    expect(m.downAfterMs).toBe(5000);
    expect(m.quorum).toBe(2);
    expect(m.parallelSyncs).toBe(1);
    expect(setEvents(w)).toEqual([]);
  });
});
