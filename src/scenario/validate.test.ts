import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenarioText, validateScenario } from "./validate";

const good = JSON.parse(
  readFileSync(new URL("../../scenarios/a2a-three-boxes-master-isolated.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

function problemsOf(mutate: (s: Record<string, unknown> & { boxes: Array<Record<string, unknown>> }) => void) {
  const s = structuredClone(good) as Record<string, unknown> & { boxes: Array<Record<string, unknown>> };
  mutate(s);
  const v = validateScenario(s);
  return v.ok ? [] : v.problems;
}

describe("scenario validation", () => {
  it("accepts a shipped scenario", () => {
    expect(validateScenario(good).ok).toBe(true);
  });

  it("says when the text is not JSON", () => {
    const v = parseScenarioText("{ not json");
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems[0]).toMatch(/^not valid JSON/);
  });

  it("names the field and what is allowed, one message per problem", () => {
    const p = problemsOf((s) => {
      s.version = 2;
      s.seed = -1;
      (s.boxes[0]!.processes as Array<Record<string, unknown>>)[0]!.kind = "memcached";
    });
    expect(p).toHaveLength(3);
    expect(p.some((x) => x.startsWith("version: must be 1"))).toBe(true);
    expect(p.some((x) => x.startsWith("seed:"))).toBe(true);
    expect(p.some((x) => x.startsWith("boxes[0].processes[0]") && x.includes('"kind"'))).toBe(true);
  });

  it("rejects unknown fields instead of ignoring a typo", () => {
    const p = problemsOf((s) => {
      s.durationMS = 1000;
    });
    expect(p).toEqual(['(scenario): unknown field "durationMS"']);
  });

  it("checks references and impossible topologies", () => {
    const p = problemsOf((s) => {
      (s.boxes[1]!.processes as Array<Record<string, unknown>>)[0]!.replicaof = "M9";
      (s.groups as Array<{ sentinel: Record<string, number> }>)[0]!.sentinel.quorum = 4;
      (s.timeline as Array<Record<string, unknown>>).push({ atMs: 1000, action: "crash", target: "box9" });
    });
    expect(p).toEqual(
      expect.arrayContaining([
        'boxes[1].processes[0].replicaof: "M9" is not a Redis',
        'groups: "mymaster" has quorum 4 but only 3 Sentinels monitor it: it can never fail over',
        expect.stringMatching(/crash.*"box9" is neither a box nor a process/),
      ]),
    );
  });
});
