import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../scenario/schema";
import { planSweep } from "./cases";
import { runCase } from "./run";
import { DEFAULT_SETTINGS, type SweepSettings } from "./settings";
import { sweepShortcuts } from "./shortcuts";
import { sevenBoxes, shipped } from "./testScenarios";

// Speed never buys a change of behavior: every cell with the explorer's shortcuts on must equal the cell run in
// full, seed by seed, with them off.

const defaults = { ...sweepShortcuts };
afterEach(() => Object.assign(sweepShortcuts, defaults));

function sweep(scenario: Scenario, settings: SweepSettings, on: boolean) {
  const p = planSweep(scenario, settings);
  if (!p.ok) throw new Error(p.message);
  for (const k of Object.keys(sweepShortcuts) as (keyof typeof sweepShortcuts)[]) sweepShortcuts[k] = on;
  const stats = { runs: 0 };
  const cells = p.plan.cases.flatMap((_, i) => runCase(scenario, settings, p.plan, i, stats));
  return { text: JSON.stringify(cells), runs: stats.runs, planned: p.plan.runs };
}

describe("explorer shortcuts", () => {
  it("are on by default (the equivalence below would test nothing otherwise)", () => {
    expect(Object.values(sweepShortcuts).every((v) => v === true)).toBe(true);
  });

  it.each([
    [
      "Example 2, crashes and min-replicas columns, 2 seeds",
      shipped("a2a-three-boxes-master-isolated"),
      {
        seeds: 2,
        minReplicas: true,
      },
    ],
    [
      "Example 1 with two Sentinels, one-way cuts",
      shipped("a1b-two-sentinels-link-cut"),
      { seeds: 2, oneWayCuts: true },
    ],
    ["seven boxes, five Sentinels, 24 sampled partitions", sevenBoxes(), { seeds: 1, sample: 24, crashes: false }],
  ])(
    "give the same cells as full runs: %s",
    (_name, scenario, extra) => {
      const settings: SweepSettings = { ...DEFAULT_SETTINGS, ...extra };
      const full = sweep(scenario, settings, false);
      const fast = sweep(scenario, settings, true);
      expect(full.runs).toBe(full.planned);
      expect(fast.runs).toBeLessThan(full.runs);
      expect(fast.text).toBe(full.text);
    },
    120_000,
  );
});
