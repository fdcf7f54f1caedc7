import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Scenario } from "../scenario/schema";
import { validateScenario } from "../scenario/validate";
import { createRunner, type RunResult } from "./simClient";

// Without a Worker (Node) the runner simulates inline; the scheduling rules are the same.

function shipped(file: string): Scenario {
  const v = validateScenario(JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), "utf8")));
  if (!v.ok) throw new Error(v.problems.join("; "));
  return v.scenario;
}

const a = shipped("c13-short-partition.json");
const b = { ...a, seed: a.seed + 1 };
const c = { ...a, seed: a.seed + 2 };

function recorder() {
  const results: Array<{ scenario: Scenario; res: RunResult }> = [];
  const runner = createRunner(
    (scenario, res) => results.push({ scenario, res }),
    (e) => {
      throw new Error(e);
    },
  );
  const until = async (n: number) => {
    for (let i = 0; i < 400 && results.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    expect(results.length).toBeGreaterThanOrEqual(n);
  };
  return { runner, results, until };
}

describe("the simulation runner", () => {
  it("answers only the newest of several requests made while one is running", async () => {
    const { runner, results, until } = recorder();
    runner.run(a);
    runner.run(b);
    runner.run(c);
    await until(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(results.map((r) => r.scenario)).toEqual([c]);
    expect(results[0]!.res.trace.seed).toBe(c.seed);
  });

  it("a speculative run answers the same scenario later at once, even as another object", async () => {
    const { runner, results, until } = recorder();
    runner.speculate(b);
    // Nothing to observe until asked: give the speculative run ample time to finish.
    await new Promise((r) => setTimeout(r, 1500));
    expect(results).toEqual([]);
    const same = JSON.parse(JSON.stringify(b)) as Scenario;
    runner.run(same);
    expect(results.map((r) => r.scenario)).toEqual([same]);
    runner.run(a);
    await until(2);
    expect(results[1]!.scenario).toBe(a);
  });
});
