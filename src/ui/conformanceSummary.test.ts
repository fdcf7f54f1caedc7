import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../scenario/validate";
import summary from "./conformance-summary.json";
import { type ConformanceSummary, scenarioFingerprint } from "./conformanceSummary";

function a2a() {
  const v = parseScenarioText(readFileSync("scenarios/a2a-three-boxes-master-isolated.json", "utf8"));
  if (!v.ok) throw new Error(v.problems.join("; "));
  return v.scenario;
}

describe("scenarioFingerprint", () => {
  it("ignores the wording and changes with what a run depends on", () => {
    const s = a2a();
    const f = scenarioFingerprint(s);
    expect(f).toMatch(/^[0-9a-f]{16}$/);
    expect(scenarioFingerprint({ ...s, title: "x", description: "y", expect: [] })).toBe(f);
    expect(scenarioFingerprint({ ...s, durationMs: s.durationMs + 1 })).not.toBe(f);
    expect(scenarioFingerprint({ ...s, timeline: s.timeline.slice(1) })).not.toBe(f);
  });
});

describe("the bundled conformance summary", () => {
  it("is small and has, for each scenario, one real value per run on every row", () => {
    const text = JSON.stringify(summary);
    const all = summary as unknown as ConformanceSummary;
    const ids = Object.keys(all.scenarios);
    expect(text.length / Math.max(1, ids.length)).toBeLessThan(8000);
    for (const id of ids) {
      const c = all.scenarios[id]!;
      for (const r of c.rows) expect(r.real.length).toBe(c.runs);
    }
  });
});
