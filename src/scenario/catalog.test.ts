import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Scenario } from "./schema";
import { validateScenario } from "./validate";

// The shipped scenario files (scenarios.md): each must validate, and together they must cover the catalog.

const dir = new URL("../../scenarios/", import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

function load(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, dir), "utf8"));
}

function scenarios(): { file: string; scenario: Scenario }[] {
  const out: { file: string; scenario: Scenario }[] = [];
  for (const file of files) {
    const v = validateScenario(load(file));
    if (v.ok) out.push({ file, scenario: v.scenario });
  }
  return out;
}

const CATALOG = [
  "A1a",
  "A1b",
  "A1c",
  "A2a",
  "A2b",
  "A2c",
  "A3a",
  "A3b",
  "A3c",
  "A4a",
  "A4b",
  "A5",
  "B6a",
  "B6b",
  "B7a",
  "B7b",
  "B8a",
  "B8b",
  "B9a",
  "B9b",
  "C10a",
  "C10b",
  "C10c",
  "C11a",
  "C11b",
  "C12",
  "C13",
  "C14",
];

/** Faults and operator actions; the run starts cold, so they wait until discovery has settled. */
const SETTLE_MS = 30000;
/** After a heal or a restart the run goes on long enough to show the demotion and the resync. */
const AFTER_RECOVERY_MS = 40000;

describe("shipped scenarios", () => {
  it("exist", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s is a valid scenario", (file) => {
    const v = validateScenario(load(file));
    expect(v.ok ? [] : v.problems, `${file}:\n${v.ok ? "" : v.problems.join("\n")}`).toEqual([]);
  });

  it("have ids equal to their file names", () => {
    for (const { file, scenario } of scenarios()) expect(`${scenario.id}.json`, file).toBe(file);
  });

  it("have distinct seeds", () => {
    const seen = new Map<number, string>();
    for (const { file, scenario } of scenarios()) {
      const other = seen.get(scenario.seed);
      expect(other, `${file} reuses seed ${scenario.seed} of ${other}`).toBeUndefined();
      seen.set(scenario.seed, file);
    }
  });

  it("cover every case of the catalog", () => {
    const covered = new Set(scenarios().map(({ scenario }) => scenario.catalog));
    expect(CATALOG.filter((c) => !covered.has(c))).toEqual([]);
  });

  it("name their files after their catalog case", () => {
    for (const { file, scenario } of scenarios())
      expect(file.startsWith(`${(scenario.catalog ?? "").toLowerCase()}-`), file).toBe(true);
  });

  it("start faults only after discovery has settled", () => {
    for (const { file, scenario } of scenarios())
      for (const a of scenario.timeline) expect(a.atMs, `${file}: ${a.action}`).toBeGreaterThanOrEqual(SETTLE_MS);
  });

  it("run long enough after the last heal or restart", () => {
    for (const { file, scenario } of scenarios()) {
      const recoveries = scenario.timeline.filter((a) => a.action === "heal" || a.action === "restart");
      const last = Math.max(0, ...recoveries.map((a) => a.atMs));
      expect(scenario.durationMs - last, file).toBeGreaterThanOrEqual(AFTER_RECOVERY_MS);
    }
  });

  it("give every expectation time range inside the run", () => {
    for (const { file, scenario } of scenarios())
      for (const e of scenario.expect) {
        const ranges = [
          "firstAtMs" in e ? e.firstAtMs : undefined,
          "firstAckMs" in e ? e.firstAckMs : undefined,
          "lastAckMs" in e ? e.lastAckMs : undefined,
        ];
        for (const r of ranges) if (r) expect(r[0], `${file}: ${e.kind}`).toBeLessThanOrEqual(scenario.durationMs);
      }
  });

  it("label the what-if mode as hypothetical", () => {
    for (const { file, scenario } of scenarios())
      if (scenario.whatIf?.failoverWithoutMajority) expect(scenario.description, file).toMatch(/hypothetical/i);
  });
});
