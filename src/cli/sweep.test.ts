import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { planSweep } from "../sweep/cases";
import { sweepReport } from "../sweep/report";
import { runAllCells } from "../sweep/run";
import { DEFAULT_SETTINGS } from "../sweep/settings";
import { shipped } from "../sweep/testScenarios";

// `npm run sweep` as users run it (scripts/cli.mjs, bundled, worker threads passing runs to each other) gives the
// report of the sweep run in this thread, byte for byte.

describe("npm run sweep", () => {
  it("gives with two worker threads the report of the sweep run here", () => {
    const file = "scenarios/a2a-three-boxes-master-isolated.json";
    const out = execFileSync(
      process.execPath,
      ["scripts/cli.mjs", "sweep", file, "--seeds", "2", "--min-replicas", "--workers", "2", "--json"],
      { encoding: "utf8" },
    );
    const scenario = shipped("a2a-three-boxes-master-isolated");
    const settings = { ...DEFAULT_SETTINGS, seeds: 2, minReplicas: true };
    const p = planSweep(scenario, settings);
    if (!p.ok) throw new Error(p.message);
    expect(out.trim()).toBe(
      JSON.stringify(sweepReport(scenario, settings, p.plan, runAllCells(scenario, settings, p.plan))),
    );
  }, 120_000);
});
