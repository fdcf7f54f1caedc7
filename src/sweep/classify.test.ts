import { describe, expect, it } from "vitest";
import { caseLabel, planSweep, type SweepPlan } from "./cases";
import { type CellResult, runCase } from "./run";
import { DEFAULT_SETTINGS, type SweepSettings } from "./settings";
import { shipped } from "./testScenarios";

// The catalog's Examples 1-4 (scenarios.md A1-A4), read off the matching cells of the explorer's matrix.

const settings: SweepSettings = { ...DEFAULT_SETTINGS, seeds: 3 };

function cell(
  file: string,
  label: string,
  quorum: number,
  extra: Partial<SweepSettings> = {},
  minReplicas?: number,
): CellResult {
  const scenario = shipped(file);
  const s = { ...settings, ...extra };
  const p = planSweep(scenario, s);
  if (!p.ok) throw new Error(p.message);
  const plan: SweepPlan = p.plan;
  const caseIndex = plan.cases.findIndex((c) => caseLabel(c) === label);
  const columnIndex = plan.columns.findIndex(
    (c) => c.quorum === quorum && (minReplicas === undefined || c.minReplicas === minReplicas),
  );
  expect(caseIndex, `case "${label}" in ${plan.cases.map(caseLabel).join("; ")}`).toBeGreaterThanOrEqual(0);
  const one = runCase(scenario, s, { ...plan, columns: [plan.columns[columnIndex]!] }, caseIndex)[0]!;
  return { ...one, columnIndex };
}

const failedOver = (c: CellResult) => c.seeds.map((s) => s.failoverAfterMs !== null);

describe("Examples 1-4 in the matrix", () => {
  it("1a: box 1 dies with two Sentinels, quorum 1: no failover, writes unavailable until it returns", () => {
    const c = cell("a1a-two-sentinels-box-dies", "box1 crashes", 1);
    expect(c.kind).toBe("unavailable");
    expect(failedOver(c)).toEqual([false, false, false]);
    expect(c.unavailableMsMax).toBeGreaterThanOrEqual(55_000);
  });

  it("1b: the link between the two boxes is cut, quorum 1: no failover", () => {
    const c = cell("a1b-two-sentinels-link-cut", "box1 | box2", 1);
    expect(failedOver(c)).toEqual([false, false, false]);
    expect(c.kind).toBe("unavailable");
    expect(c.lostMax).toBe(0);
  });

  it("2a: box 1 isolated with C1, quorum 2: failover with C1's writes lost", () => {
    const c = cell("a2a-three-boxes-master-isolated", "box1 | box2 box3", 2);
    expect(c.kind).toBe("failover-lost");
    expect(c.disagreement).toBe(0);
    expect(c.lostByClient.C1).toBeGreaterThanOrEqual(500);
    expect(c.lostByClient.C2 ?? 0).toBeLessThanOrEqual(1);
    expect(c.splitBrainMsMax).toBeGreaterThan(50_000);
  });

  it("2b: the same with min-replicas-to-write 1: only the first window of C1's writes is lost", () => {
    const c = cell("a2a-three-boxes-master-isolated", "box1 | box2 box3", 2, { minReplicas: true }, 1);
    expect(c.kind).toBe("failover-lost");
    expect(c.lostByClient.C1).toBeGreaterThan(0);
    expect(c.lostByClient.C1).toBeLessThan(200);
  });

  it("3a: M1's box dies, quorum 2: failover without issues", () => {
    const c = cell("a3a-client-sentinels-master-dies", "box1 crashes", 2);
    expect(failedOver(c)).toEqual([true, true, true]);
    expect(["failover", "failover-lost"]).toContain(c.kind);
    expect(c.lostMax).toBeLessThanOrEqual(3);
  });

  it("3b: {C3,S3} cut off with M1, quorum 2: failover, C3's writes lost", () => {
    const c = cell("a3b-client-sentinels-minority-client", "box1 box5 | box2 box3 box4", 2);
    expect(c.kind).toBe("failover-lost");
    expect(Object.keys(c.lostByClient)).toEqual(["C3"]);
  });

  it("3c: clients cut off from both Redis boxes, quorum 2: the configuration never changes", () => {
    const c = cell("a3c-client-sentinels-redis-cut-off", "box1 box2 | box3 box4 box5", 2);
    expect(failedOver(c)).toEqual([false, false, false]);
    expect(c.kind).toBe("unavailable");
  });

  it("4a: M1's box dies, quorum 3: the three other Sentinels fail over", () => {
    const c = cell("a4a-four-sentinels-master-dies", "box1 crashes", 3);
    expect(failedOver(c)).toEqual([true, true, true]);
    expect(c.lostMax).toBeLessThanOrEqual(2);
  });

  it("4b: M1's box and {C2,S4} gone, quorum 3: no failover", () => {
    const c = cell("a4b-four-sentinels-two-boxes-die", "box1 box4 | box2 box3", 3);
    expect(failedOver(c)).toEqual([false, false, false]);
    expect(c.kind).toBe("unavailable");
  });
});
