import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../scenario/schema";
import { seedList } from "../scenario/seeds";
import { parseScenarioText, validateScenario } from "../scenario/validate";
import { fastPaths } from "./fastPaths";
import { randomScenario } from "./randomScenario";
import { simulate } from "./simulate";

// Speed never buys a change of behavior: with every shortcut of fastPaths switched off, the model must give the
// same trace, byte for byte (eventsProcessed aside, which counts work), on every shipped scenario and seed and on
// random topologies with random faults.

const defaults = { ...fastPaths };
afterEach(() => Object.assign(fastPaths, defaults));

function traceText(s: Scenario, seed?: number): string {
  return JSON.stringify({ ...simulate(s, { seed, maxEvents: 5_000_000 }), eventsProcessed: 0 });
}

function withAndWithout(s: Scenario, seed?: number): [string, string] {
  Object.assign(fastPaths, defaults);
  const fast = traceText(s, seed);
  for (const k of Object.keys(fastPaths) as (keyof typeof fastPaths)[]) fastPaths[k] = false;
  const plain = traceText(s, seed);
  Object.assign(fastPaths, defaults);
  return [fast, plain];
}

describe("fast paths", () => {
  it("are on by default (the equivalence below would test nothing otherwise)", () => {
    expect(Object.values(fastPaths).every((v) => v === true)).toBe(true);
  });

  it("change no trace of any shipped scenario, on three seeds each", () => {
    const dir = new URL("../../scenarios/", import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const v = parseScenarioText(readFileSync(new URL(f, dir), "utf8"));
      if (!v.ok) throw new Error(`${f}: ${v.problems.join("; ")}`);
      for (const seed of seedList(v.scenario.seed, 2)) {
        const [fast, plain] = withAndWithout(v.scenario, seed);
        expect(fast === plain, `${f} seed ${seed}`).toBe(true);
      }
    }
  }, 180_000);

  it("change no trace of 300 random topologies with random faults", () => {
    fc.assert(
      fc.property(randomScenario, (input) => {
        const v = validateScenario(input);
        if (!v.ok) throw new Error(`generator made an invalid scenario: ${v.problems.join("; ")}`);
        const [fast, plain] = withAndWithout(v.scenario);
        expect(fast === plain).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  }, 180_000);
});
