import { describe, expect, it } from "vitest";
import { checkEvents, checkValue, compareOutcomes, TOLERANCES, widen } from "./compare";
import type { ClientOutcomes, GroupOutcomes, Outcomes } from "./outcomes";

function group(over: Partial<GroupOutcomes> = {}): GroupOutcomes {
  return {
    group: "mymaster",
    failover: true,
    failovers: 1,
    firstFaultMs: 10_000,
    firstSwitchMs: 13_500,
    faultToSwitchMs: 3_500,
    promoted: "R2",
    finalMaster: "R2",
    healMs: 35_000,
    demotionAfterHealMs: 10_400,
    ...over,
  };
}

function client(over: Partial<ClientOutcomes> = {}): ClientOutcomes {
  return {
    client: "C1",
    group: "mymaster",
    acked: 650,
    refused: 0,
    refusedBy: {},
    unknown: 0,
    lost: 300,
    firstNoreplicasMs: null,
    firstReadonlyMs: null,
    ...over,
  };
}

function outcome(
  g: Partial<GroupOutcomes> = {},
  c: Partial<ClientOutcomes> = {},
  events = ["+sdown", "+switch-master"],
): Outcomes {
  return { scenarioId: "x", groups: [group(g)], clients: [client(c)], events };
}

describe("tolerances", () => {
  it("are defined once: ±1 s or ±20 % on timings, ±20 % on counts", () => {
    expect(TOLERANCES).toEqual({ timingAbsMs: 1000, timingRel: 0.2, countRel: 0.2, countAbs: 0 });
  });

  it("widen timings by the wider of 1 s and 20 %", () => {
    expect(widen(3000, 4000, "timing")).toEqual([2000, 5000]);
    expect(widen(10_000, 20_000, "timing")).toEqual([8000, 24_000]);
  });

  it("widen counts by 20 %, never below zero, to whole numbers", () => {
    expect(widen(100, 200, "count")).toEqual([80, 240]);
    expect(widen(0, 0, "count")).toEqual([0, 0]);
    expect(widen(3, 3, "count")).toEqual([2, 4]);
  });
});

describe("checkValue", () => {
  it("accepts a timing inside the widened model range and rejects one outside", () => {
    expect(checkValue("g", "t", "timing", [4900], [3000, 4000]).ok).toBe(true);
    const bad = checkValue("g", "t", "timing", [5100], [3000, 4000]);
    expect(bad.ok).toBe(false);
    expect(bad.why).toMatch(/run 1: 5.10 s outside/);
  });

  it("needs a model seed without the event for a real 'did not happen'", () => {
    expect(checkValue("g", "t", "timing", [null], [3000, 4000]).ok).toBe(false);
    expect(checkValue("g", "t", "timing", [null], [3000, null]).ok).toBe(true);
    expect(checkValue("g", "t", "timing", [3000], [null, null]).ok).toBe(false);
  });

  it("treats categories as a set and exact counts without tolerance", () => {
    expect(checkValue("g", "p", "category", ["R3"], ["R2", "R3"]).ok).toBe(true);
    expect(checkValue("g", "p", "category", [null], ["R2"]).ok).toBe(false);
    expect(checkValue("g", "n", "exact", [2], [1, 1]).ok).toBe(false);
    expect(checkValue("g", "n", "exact", [1], [1, 2]).ok).toBe(true);
  });

  it("checks every real run", () => {
    const c = checkValue("c", "lost", "count", [100, 130], [100, 105]);
    expect(c.ok).toBe(false);
    expect(c.why).toMatch(/^run 2: 130 outside/);
  });
});

describe("checkEvents", () => {
  it("accepts names the model produces sometimes, and needs the ones it always produces", () => {
    const model = [
      ["+sdown", "+switch-master", "+tilt"],
      ["+sdown", "+switch-master"],
    ];
    expect(checkEvents([["+sdown", "+switch-master"]], model).ok).toBe(true);
    expect(checkEvents([["+sdown", "+switch-master", "+tilt"]], model).ok).toBe(true);
    const missing = checkEvents([["+sdown"]], model);
    expect(missing.ok).toBe(false);
    expect(missing.why).toMatch(/missing.*\+switch-master/);
    const extra = checkEvents([["+sdown", "+switch-master", "-failover-abort-not-elected"]], model);
    expect(extra.ok).toBe(false);
    expect(extra.why).toMatch(/never in the model: -failover-abort-not-elected/);
  });
});

describe("compareOutcomes", () => {
  const model = [outcome(), outcome({ promoted: "R3", faultToSwitchMs: 4200 }, { lost: 320 })];

  it("conforms when every real run falls inside the model's seeds", () => {
    const r = compareOutcomes([outcome({ faultToSwitchMs: 3200 }, { lost: 280 }), outcome({ promoted: "R3" })], model);
    expect(r.conforms).toBe(true);
    expect(r.realRuns).toBe(2);
    expect(r.modelSeeds).toBe(2);
    expect(r.checks.map((c) => `${c.scope} · ${c.name}`)).toContain("client C1 · lost");
  });

  it("fails on a failover the model never makes", () => {
    const r = compareOutcomes(
      [outcome({ failover: false, failovers: 0, faultToSwitchMs: null, promoted: null })],
      model,
    );
    expect(r.conforms).toBe(false);
    const failed = r.checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failed).toEqual([
      "failover",
      "failovers (distinct switches)",
      "first fault → +switch-master",
      "promoted replica",
    ]);
  });

  it("fails on lost writes beyond 20 %", () => {
    const r = compareOutcomes([outcome({}, { lost: 390 })], model);
    expect(r.checks.find((c) => c.name === "lost")?.ok).toBe(false);
    expect(compareOutcomes([outcome({}, { lost: 384 })], model).conforms).toBe(true);
  });

  it("compares refusals per error code and first-refusal times", () => {
    const m = [outcome({}, { refused: 50, refusedBy: { NOREPLICAS: 50 }, firstNoreplicasMs: 21_000 })];
    const ok = compareOutcomes(
      [outcome({}, { refused: 45, refusedBy: { NOREPLICAS: 45 }, firstNoreplicasMs: 21_900 })],
      m,
    );
    expect(ok.conforms).toBe(true);
    const late = compareOutcomes(
      [outcome({}, { refused: 45, refusedBy: { NOREPLICAS: 45 }, firstNoreplicasMs: 26_000 })],
      m,
    );
    expect(late.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(["first NOREPLICAS"]);
    const other = compareOutcomes(
      [outcome({}, { refused: 50, refusedBy: { READONLY: 50 }, firstReadonlyMs: 21_000 })],
      m,
    );
    expect(other.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([
      "refused NOREPLICAS",
      "refused READONLY",
      "first NOREPLICAS",
      "first READONLY",
    ]);
  });

  it("does not conform without runs or seeds", () => {
    expect(compareOutcomes([], model).conforms).toBe(false);
    expect(compareOutcomes([outcome()], []).conforms).toBe(false);
  });
});
