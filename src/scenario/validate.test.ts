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

  it("refuses a CONFIG SET or SENTINEL SET that Redis would refuse, naming what the option takes", () => {
    const p = problemsOf((s) => {
      const t = s.timeline as Array<Record<string, unknown>>;
      t.push({ atMs: 1000, action: "config-set", target: "M1", option: "repl-timeout", value: 2.5 });
      t.push({ atMs: 1000, action: "config-set", target: "M1", option: "repl-backlog-size", value: 1024 });
      t.push({ atMs: 1000, action: "config-set", target: "M1", option: "replica-read-only", value: "maybe" });
      t.push({ atMs: 1000, action: "config-set", target: "M1", option: "maxmemory", value: 5 });
      t.push({ atMs: 1000, action: "config-set", target: "S1", group: "mymaster", option: "quorum", value: "two" });
      t.push({ atMs: 1000, action: "config-set", target: "S1", group: "mymaster", option: "quorum", value: 0 });
      t.push({ atMs: 1000, action: "config-set", target: "S1", group: "mymaster", option: "auth-pass", value: "x" });
      t.push({ atMs: 1000, action: "config-set", target: "S1", group: "mymaster", option: "toString", value: 1 });
    });
    expect(p).toEqual([
      expect.stringMatching(/CONFIG SET repl-timeout 2\.5: Redis refuses it; it takes a whole number$/),
      expect.stringMatching(/CONFIG SET repl-backlog-size 1024: .* a whole number, 16384 or more$/),
      expect.stringMatching(/CONFIG SET replica-read-only "maybe": .* yes or no$/),
      expect.stringMatching(/CONFIG SET maxmemory: not an option this model changes \(min-replicas-to-write, /),
      expect.stringMatching(/SENTINEL SET quorum "two": Redis refuses it .* a whole number, 1 or more$/),
      expect.stringMatching(/SENTINEL SET quorum 0: Redis refuses it/),
      expect.stringMatching(/SENTINEL SET auth-pass: not an option this model changes \(quorum, /),
      expect.stringMatching(/SENTINEL SET toString: not an option/),
    ]);
    expect(p.every((x) => x.startsWith("timeline["))).toBe(true);
  });

  it("accepts the values Redis takes, numbers as JSON numbers or as digits", () => {
    const p = problemsOf((s) => {
      const t = s.timeline as Array<Record<string, unknown>>;
      t.push({ atMs: 1000, action: "config-set", target: "M1", option: "min-replicas-to-write", value: "1" });
      t.push({ atMs: 1000, action: "config-set", target: "box1", option: "repl-diskless-sync", value: "no" });
      t.push({ atMs: 1000, action: "config-set", target: "S1", group: "mymaster", option: "quorum", value: 3 });
      t.push({
        atMs: 1000,
        action: "config-set",
        target: "S1",
        group: "mymaster",
        option: "master-reboot-down-after-period",
        value: "0",
      });
    });
    expect(p).toEqual([]);
  });
});
